package cn.zhangzhou.partybuilding.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP endpoint that accepts connections and never answers: how a hung service looks from the gateway. Not a
 * fake of any protocol; it exists to make the response timeout happen for real.
 */
final class SilentServer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    private SilentServer(ServerSocket server) {
        this.server = server;
    }

    static SilentServer start() {
        try {
            SilentServer silent = new SilentServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            Thread acceptor = new Thread(silent::acceptForever, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
            return silent;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Connections accepted so far: one per attempt the gateway made. */
    int connections() {
        return held.size();
    }

    private void acceptForever() {
        while (!server.isClosed()) {
            try {
                held.add(server.accept());
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        } catch (IOException ignored) {
            // Closing at the end of the tests; nothing to recover.
        }
    }
}
