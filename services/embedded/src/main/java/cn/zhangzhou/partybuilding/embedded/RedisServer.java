package cn.zhangzhou.partybuilding.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Redis server (the gateway's shared rate-limit store) as a child process: the {@code redis-server} binary
 * that the {@code com.github.codemonstur:embedded-redis} jar ships for Linux (amd64, arm64) when that jar is on the
 * classpath (the gateway's tests put it there; this module does not, so the local launcher stays without 27 MB of
 * binaries it never runs), or a {@code redis-server} on the PATH. Loopback only, no persistence: it holds rate-limit
 * counters that refill anyway.
 */
public final class RedisServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisServer.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final int port;

    private RedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts Redis with its files in {@code dir}.
     *
     * @param port the port, or 0 for a free one
     */
    public static RedisServer start(Path dir, int port) {
        int listen = port == 0 ? FreePorts.find() : port;
        try {
            Files.createDirectories(dir);
            Path binary = binary(dir);
            Process process = new ProcessBuilder(List.of(binary.toString(), "--port", String.valueOf(listen),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                    "--logfile", dir.resolve("redis.log").toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.out").toFile())
                    .start();
            RedisServer server = new RedisServer(process, listen);
            server.awaitPong();
            log.info("Redis listening on 127.0.0.1:{} ({}), files in {}", listen, binary, dir);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Redis in " + dir, e);
        }
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** Stops the server; it can be started again on the same port with {@link #start(Path, int)}. */
    @Override
    public void close() {
        ChildProcesses.stop(process, Duration.ofSeconds(10));
    }

    /** The binary from the embedded-redis jar for this platform, copied out once; else the PATH's redis-server. */
    private static Path binary(Path dir) throws IOException {
        String resource = resourceForThisPlatform();
        if (resource != null) {
            try (InputStream in = RedisServer.class.getResourceAsStream("/" + resource)) {
                if (in != null) {
                    Path target = dir.resolve(resource);
                    if (Files.isExecutable(target)) {
                        // A restart in the same directory: the binary was copied out by the first start.
                        return target;
                    }
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    if (!target.toFile().setExecutable(true)) {
                        throw new IOException("cannot make " + target + " executable");
                    }
                    return target;
                }
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(entry, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no redis-server for " + System.getProperty("os.name") + "/"
                + System.getProperty("os.arch") + ": the embedded-redis jar has Linux amd64 and arm64 binaries; "
                + "elsewhere put redis-server on the PATH");
    }

    private static String resourceForThisPlatform() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return null;
        }
        return switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "redis-server-6.2.6-v5-linux-amd64";
            case "aarch64", "arm64" -> "redis-server-6.2.7-linux-arm64";
            default -> null;
        };
    }

    private void awaitPong() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue()
                        + " before answering (see its redis.out/redis.log)");
            }
            try {
                if (ping(host(), port)) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Redis", e);
            }
        }
        close();
        throw new IllegalStateException("Redis did not answer PING on port " + port + " within " + READY_TIMEOUT, last);
    }

    /** True when a Redis at this address answers PING with PONG. */
    private static boolean ping(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] answer = new byte[7];
            int read = socket.getInputStream().readNBytes(answer, 0, 7);
            return read == 7 && new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        }
    }
}
