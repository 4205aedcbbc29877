package cn.zhangzhou.partybuilding.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import cn.zhangzhou.partybuilding.embedded.ChildProcesses;
import cn.zhangzhou.partybuilding.embedded.FreePorts;
import cn.zhangzhou.partybuilding.embedded.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The KRaft broker as a child JVM ({@link KafkaBroker#main}), so that it can be killed with SIGKILL and restarted on
 * the same ports and data directory. Two client listeners: {@code PLAINTEXT} on {@link #directPort()} for the suite's
 * own reads, and {@code FAULTY}, which advertises the fault proxy's port: a client that bootstraps through the proxy
 * is told to reach the broker at the proxy again, so all its traffic (not only the first connection) crosses it.
 */
final class KafkaProcess implements AutoCloseable {

    private final Path dataDir;
    private final Path log;
    private final int directPort = FreePorts.find();
    private final int controllerPort = FreePorts.find();
    private final int faultyPort = FreePorts.find();
    private final int proxyPort;
    private Process process;

    KafkaProcess(Path dataDir, Path log, int proxyPort) {
        this.dataDir = dataDir;
        this.log = log;
        this.proxyPort = proxyPort;
    }

    int directPort() {
        return directPort;
    }

    /** Where the proxy forwards to. */
    int faultyPort() {
        return faultyPort;
    }

    String directBootstrap() {
        return "localhost:" + directPort;
    }

    synchronized void start() {
        List<String> command = new ArrayList<>(ChildJvm.command(KafkaBroker.class, "-Xmx384m", "-XX:+UseSerialGC"));
        command.addAll(List.of(dataDir.toString(), String.valueOf(directPort), String.valueOf(controllerPort),
                "listeners=PLAINTEXT://localhost:" + directPort + ",FAULTY://localhost:" + faultyPort
                        + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + directPort + ",FAULTY://localhost:" + proxyPort,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,FAULTY:PLAINTEXT,CONTROLLER:PLAINTEXT"));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the broker", e);
        }
        awaitReady(Instant.now().plus(Duration.ofSeconds(120)));
    }

    /** SIGKILL, and waits until the process is gone. */
    synchronized void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Instant deadline) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, directBootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the broker exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    admin.listTopics().names().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("the broker did not answer in time; see " + log, notYet);
                    }
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        ChildProcesses.stop(process, Duration.ofSeconds(20));
    }
}
