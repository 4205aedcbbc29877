package cn.zhangzhou.partybuilding.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) running in this JVM from the
 * Kafka jars. The log directory is kept between starts, so a restarted broker keeps its topics.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final String CLUSTER_ID = "zz-partybuilding-local";

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private volatile boolean running = true;

    private KafkaBroker(KafkaRaftServer server, Path dataDir, int port, int controllerPort) {
        this.server = server;
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Formats {@code dataDir} if it is new and starts the broker.
     *
     * @param port the client listener port, or 0 for a free one
     * @param controllerPort the controller listener port, or 0 for a free one
     */
    public static KafkaBroker start(Path dataDir, int port, int controllerPort) {
        return start(dataDir, port, controllerPort, Map.of());
    }

    /**
     * As {@link #start(Path, int, int)}, with broker settings that replace or add to ours (e.g. a second listener
     * advertised at a proxy's port: the fault suite, deploy/faults).
     */
    public static KafkaBroker start(Path dataDir, int port, int controllerPort, Map<String, String> settings) {
        int clientPort = port == 0 ? FreePorts.find() : port;
        int quorumPort = controllerPort == 0 ? FreePorts.find() : controllerPort;
        Properties props = serverProperties(dataDir, clientPort, quorumPort);
        props.putAll(settings);
        format(dataDir, props);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        log.info("Kafka (KRaft) broker listening on localhost:{}, data in {}", clientPort, dataDir);
        return new KafkaBroker(server, dataDir, clientPort, quorumPort);
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public boolean isRunning() {
        return running;
    }

    /** Stops the broker, keeping its data directory; {@link #restart()} brings it back. Idempotent. */
    public synchronized void stop() {
        if (running) {
            running = false;
            server.shutdown();
            server.awaitShutdown();
            log.info("Kafka broker on localhost:{} stopped", port);
        }
    }

    /**
     * A new broker on the same ports and data directory, so clients that knew the old one reconnect to
     * it and find their topics and committed offsets again. Stops this one first if it still runs.
     */
    public KafkaBroker restart() {
        stop();
        return start(dataDir, port, controllerPort);
    }

    /**
     * Runs a broker in this JVM until the JVM is killed: {@code <dataDir> <port> <controllerPort> [key=value ...]}.
     * The fault suite starts it as a child process, to kill it with SIGKILL as a real broker dies.
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            settings.put(pair[0], pair[1]);
        }
        start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), settings);
        Thread.currentThread().join();
    }

    @Override
    public void close() {
        stop();
    }

    private static Properties serverProperties(Path dataDir, int clientPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + clientPort + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + clientPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("logs").toString());
        p.put("num.partitions", "3");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        // Small footprint: a laptop or a 2-core CI machine runs this beside several services.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("log.cleaner.threads", "1");
        p.put("background.threads", "2");
        p.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        return p;
    }

    private static void format(Path dataDir, Properties props) {
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve("server.properties");
            try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                props.store(w, "written by KafkaBroker");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int rc = StorageTool.execute(new String[] {
                    "format", "--cluster-id", clusterId(), "--config", config.toString(), "--ignore-formatted"},
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("Kafka storage format failed: " + out.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kafka wants a 22-character base64 UUID; derive a stable one so restarts keep the cluster. */
    private static String clusterId() {
        return org.apache.kafka.common.Uuid.fromString(
                java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                        java.util.Arrays.copyOf(CLUSTER_ID.getBytes(StandardCharsets.UTF_8), 16))).toString();
    }
}
