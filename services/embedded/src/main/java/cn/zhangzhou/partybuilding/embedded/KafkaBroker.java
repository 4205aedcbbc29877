package cn.zhangzhou.partybuilding.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) running in this JVM from the
 * Kafka jars. The log directory is kept between starts, so a restarted broker keeps its topics.
 * <p>
 * {@link #startSecured} starts it as the federation runs Kafka (docs/federation.md): clients authenticate with
 * SASL/SCRAM-SHA-512 and the KRaft ACL authorizer decides what each principal may do.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final String CLUSTER_ID = "zz-partybuilding-local";
    private static final String SCRAM = "SCRAM-SHA-512";
    /** The secured broker's super user: it creates the principals and their ACLs. */
    public static final String ADMIN = "admin";

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final Map<String, String> settings;
    /** The super user's password on a secured broker, null otherwise. */
    private final String adminPassword;
    private volatile boolean running = true;

    private KafkaBroker(KafkaRaftServer server, Path dataDir, int port, int controllerPort,
                        Map<String, String> settings, String adminPassword) {
        this.server = server;
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.settings = settings;
        this.adminPassword = adminPassword;
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
        return start(dataDir, port, controllerPort, settings, null);
    }

    private static KafkaBroker start(Path dataDir, int port, int controllerPort, Map<String, String> settings,
                                     String adminPassword) {
        int clientPort = port == 0 ? FreePorts.find() : port;
        int quorumPort = controllerPort == 0 ? FreePorts.find() : controllerPort;
        Properties props = serverProperties(dataDir, clientPort, quorumPort);
        props.putAll(settings);
        // The admin's credential goes into the cluster's first metadata: the broker authenticates to itself with it.
        format(dataDir, props, adminPassword == null ? List.of()
                : List.of("--add-scram", SCRAM + "=[name=" + ADMIN + ",password=" + adminPassword + "]"));
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        log.info("Kafka (KRaft) broker listening on localhost:{}, data in {}", clientPort, dataDir);
        return new KafkaBroker(server, dataDir, clientPort, quorumPort, Map.copyOf(settings), adminPassword);
    }

    /**
     * A broker whose client listener takes SASL/SCRAM-SHA-512 only, with KRaft's ACL authorizer ({@code
     * StandardAuthorizer}): a principal may do only what an ACL allows it. {@link #ADMIN} is the super user
     * ({@link #createUser}, {@link #grant}); the broker talks to itself as the admin. The controller listener stays
     * PLAINTEXT on localhost, and its unauthenticated principal (the broker's own controller channel) is a super user
     * too, as a combined KRaft node needs.
     */
    public static KafkaBroker startSecured(Path dataDir, String adminPassword) {
        int clientPort = FreePorts.find();
        int quorumPort = FreePorts.find();
        Map<String, String> s = new LinkedHashMap<>();
        s.put("listeners", "SASL_PLAINTEXT://localhost:" + clientPort + ",CONTROLLER://localhost:" + quorumPort);
        s.put("advertised.listeners", "SASL_PLAINTEXT://localhost:" + clientPort);
        s.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        s.put("inter.broker.listener.name", "SASL_PLAINTEXT");
        s.put("sasl.enabled.mechanisms", SCRAM);
        s.put("sasl.mechanism.inter.broker.protocol", SCRAM);
        s.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", jaas(ADMIN, adminPassword));
        s.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        s.put("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
        return start(dataDir, clientPort, quorumPort, s, adminPassword);
    }

    /**
     * Client settings to connect as {@code user} with SASL/SCRAM-SHA-512, by Kafka's names (a Spring service takes each
     * as {@code spring.kafka.properties.<name>}).
     */
    public static Map<String, String> scramClient(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", SCRAM,
                "sasl.jaas.config", jaas(user, password));
    }

    /** Creates (or replaces) the SCRAM-SHA-512 credential of a principal; a secured broker only. */
    public void createUser(String user, String password) {
        withAdmin(admin -> admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password))).all().get());
    }

    /** Adds the ACLs; a secured broker only. */
    public void grant(Collection<AclBinding> acls) {
        withAdmin(admin -> admin.createAcls(acls).all().get());
    }

    private void withAdmin(AdminCall call) {
        if (adminPassword == null) {
            throw new IllegalStateException("not a secured broker: start it with startSecured");
        }
        Map<String, Object> config = new LinkedHashMap<>(scramClient(ADMIN, adminPassword));
        config.put("bootstrap.servers", bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            call.run(admin);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private interface AdminCall {
        void run(Admin admin) throws ExecutionException, InterruptedException;
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
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
        return start(dataDir, port, controllerPort, settings, adminPassword);
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

    private static void format(Path dataDir, Properties props, List<String> extraArguments) {
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve("server.properties");
            try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                props.store(w, "written by KafkaBroker");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<String> arguments = new ArrayList<>(List.of(
                    "format", "--cluster-id", clusterId(), "--config", config.toString(), "--ignore-formatted"));
            arguments.addAll(extraArguments);
            int rc = StorageTool.execute(arguments.toArray(String[]::new),
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
