package cn.zhangzhou.partybuilding.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on loopback between the services and Kafka or PostgreSQL, that adds latency and resets connections on
 * command. Plain threads, two per connection (one each way): the services open tens of connections, not thousands.
 * A reset closes both sockets with SO_LINGER 0, so each side gets an RST, as from a dropped NAT entry or a failed
 * load balancer.
 */
final class FaultProxy implements AutoCloseable {

    private final String name;
    private final ServerSocket listener;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile long latencyNanos;
    private volatile boolean closed;

    private FaultProxy(String name, ServerSocket listener, int targetPort) {
        this.name = name;
        this.listener = listener;
        this.targetPort = targetPort;
    }

    /** Listens on {@code port} (0: a free one) of 127.0.0.1 and forwards to {@code targetPort} there. */
    static FaultProxy start(String name, int port, int targetPort) {
        try {
            ServerSocket listener = new ServerSocket(port, 200, InetAddress.getLoopbackAddress());
            FaultProxy proxy = new FaultProxy(name, listener, targetPort);
            daemon(name + "-accept", proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for " + name, e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Delays every chunk forwarded, either way, by {@code latency} from now on (zero: none). */
    void latency(Duration latency) {
        latencyNanos = latency.toNanos();
    }

    /** Resets every open connection (both sides get an RST); new connections are forwarded as before. */
    int resetAll() {
        int reset = 0;
        for (Socket socket : open) {
            reset++;
            abort(socket);
        }
        return reset / 2;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                try {
                    server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
                } catch (IOException down) {
                    // The target is down (a restart): the client sees its connection closed, as it would.
                    abort(client);
                    server.close();
                    continue;
                }
                open.add(client);
                open.add(server);
                pump(client, server, "up");
                pump(server, client, "down");
            } catch (IOException e) {
                if (!closed) {
                    throw new UncheckedIOException(name + " stopped accepting", e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, String direction) {
        daemon(name + "-" + direction, () -> {
            byte[] buffer = new byte[64 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    long delay = latencyNanos;
                    if (delay > 0) {
                        // The injected latency itself: this thread carries one direction of one connection.
                        TimeUnit.NANOSECONDS.sleep(delay);
                    }
                    out.write(buffer, 0, n);
                }
                // One side closed: neither PostgreSQL's nor Kafka's protocol half-closes, so the connection is over.
                close(from);
                close(to);
            } catch (IOException | InterruptedException broken) {
                abort(from);
                abort(to);
            }
        });
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void close(Socket socket) throws IOException {
        open.remove(socket);
        socket.close();
    }

    private void abort(Socket socket) {
        open.remove(socket);
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException alreadyClosed) {
            // Nothing left to reset.
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // Closing a listener that failed: nothing to do.
        }
        open.forEach(this::abort);
    }
}
