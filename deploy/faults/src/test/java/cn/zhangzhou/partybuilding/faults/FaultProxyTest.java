package cn.zhangzhou.partybuilding.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The proxy against an echo server on loopback: it forwards, delays and resets. */
class FaultProxyTest {

    @Test
    void forwardsDelaysAndResets() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
             FaultProxy proxy = FaultProxy.start("test-proxy", 0, echo.getLocalPort())) {
            Thread server = new Thread(() -> echo(echo));
            server.setDaemon(true);
            server.start();
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                assertThat(roundTrip(client, "ping")).isEqualTo("ping");

                proxy.latency(Duration.ofMillis(200));
                long start = System.nanoTime();
                assertThat(roundTrip(client, "slow")).isEqualTo("slow");
                // Delayed on the way there and on the way back.
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
                proxy.latency(Duration.ZERO);

                assertThat(proxy.resetAll()).isEqualTo(1);
                assertThatThrownBy(() -> {
                    roundTrip(client, "after the reset");
                    roundTrip(client, "after the reset");
                }).isInstanceOfAny(SocketException.class, IOException.class);
            }
            try (Socket again = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                assertThat(roundTrip(again, "new connection")).isEqualTo("new connection");
            }
        }
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes());
        out.flush();
        byte[] answer = new byte[text.length()];
        new DataInputStream(socket.getInputStream()).readFully(answer);
        return new String(answer);
    }

    private static void echo(ServerSocket listener) {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                Thread t = new Thread(() -> {
                    try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                        in.transferTo(out);
                    } catch (IOException closed) {
                        // The proxy reset it.
                    }
                });
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }
}
