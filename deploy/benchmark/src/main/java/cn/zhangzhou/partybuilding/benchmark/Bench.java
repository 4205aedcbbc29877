package cn.zhangzhou.partybuilding.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.zhangzhou.partybuilding.embedded.KafkaBroker;
import cn.zhangzhou.partybuilding.embedded.PostgresServer;
import cn.zhangzhou.partybuilding.platform.PlatformService;
import cn.zhangzhou.partybuilding.platform.ServiceProcess;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.testing.TestKeys;

/**
 * What every mode starts first, in the run's temp dir: PostgreSQL and a KRaft broker on free ports, and a key pair
 * the run's tokens are signed with (one service is measured without an identity service); then the JVMs under load,
 * each a service of the table started as the local launcher starts it (its jar, configuration in environment
 * variables) but verifying tokens with that key. Everything started is pushed on {@code resources} to be stopped.
 */
final class Bench {

    static final String DISTRICT = "xiangcheng";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** The property a service or the gateway reads the run's public key from. */
    static final String KEY_LOCATION_VARIABLE = "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION";

    final PostgresServer postgres;
    final KafkaBroker kafka;
    private final TestKeys keys;
    private final Path root;
    private final Path dir;
    private final List<String> jvmArgs;
    private final Deque<AutoCloseable> resources;
    private final PrintStream out;

    private Bench(PostgresServer postgres, KafkaBroker kafka, Path root, Path dir, List<String> jvmArgs,
                  Deque<AutoCloseable> resources, PrintStream out) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.keys = TestKeys.ensure(dir.resolve("keys"));
        this.root = root;
        this.dir = dir;
        this.jvmArgs = jvmArgs;
        this.resources = resources;
        this.out = out;
    }

    /** @param jvmArgs extra options of every child JVM (e.g. a flight recording) */
    static Bench start(Path root, Path dir, List<String> jvmArgs, Deque<AutoCloseable> resources, PrintStream out) {
        out.println("starting PostgreSQL ...");
        PostgresServer postgres = PostgresServer.start(dir.resolve("postgres"), 0, false);
        resources.push(postgres);
        out.println("starting Kafka (KRaft) ...");
        KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"), 0, 0);
        resources.push(kafka);
        return new Bench(postgres, kafka, root, dir, jvmArgs, resources, out);
    }

    /** Where the run's public key is, for the JVMs that verify its tokens. */
    String keyLocation() {
        return "file:" + keys.publicKeyFile().toAbsolutePath();
    }

    /** A token of a caller in {@link #DISTRICT}, signed with the run's key and good for the whole run. */
    String token(String subject, Role role, UUID org, UUID member) {
        return keys.signer().sign(subject, List.of(role), DISTRICT, org, member, Duration.ofHours(8));
    }

    /** A token of a city administrator (no district: the municipal dashboard's whole city), as {@link #token}. */
    String cityAdminToken() {
        return keys.signer().sign("benchmark-city-admin", List.of(Role.CITY_ADMIN), null, null, null,
                Duration.ofHours(8));
    }

    /** The service's built jar in this repository. */
    Path jar(PlatformService service) {
        return root.resolve(service.jar());
    }

    /** The JDBC URL of the district service's own database (created if absent). */
    String database(PlatformService service) {
        return postgres.ensureDatabase(service.in(DISTRICT).database().orElseThrow());
    }

    /**
     * The district's instance of a service of the table on a free port, with its database, the broker, the run's key
     * and {@code extra}; returns once it is ready.
     */
    ServiceProcess startService(PlatformService service, Map<String, String> extra) {
        int port = freePort();
        Map<String, String> env = environment(service, port, database(service), kafka.bootstrapServers(), keyLocation());
        env.putAll(extra);
        ServiceProcess process = start(service.in(DISTRICT).name(), service.jar(), port, env);
        process.awaitReady(Instant.now().plus(READY_TIMEOUT));
        return process;
    }

    /** A child JVM of the run, not awaited; its log in the run's temp dir. */
    ServiceProcess start(String name, String jar, int port, Map<String, String> env) {
        Path log = dir.resolve(name + ".log");
        out.println("starting " + name + " on " + port + " (log " + log + ") ...");
        ServiceProcess process = ServiceProcess.start(name, root.resolve(jar), root, port, env, jvmArgs, log);
        resources.push(process);
        return process;
    }

    /** The configuration every benchmarked service gets. Mutable, for a mode's own additions. */
    static Map<String, String> environment(PlatformService service, int port, String jdbcUrl, String kafkaBootstrap,
                                           String keyLocation) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ZZ_DISTRICT", DISTRICT);
        env.put("ZZ_SERVICE", service.id());
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("SPRING_DATASOURCE_URL", jdbcUrl);
        env.put("SPRING_DATASOURCE_USERNAME", PostgresServer.USER);
        env.put("SPRING_DATASOURCE_PASSWORD", "");
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        env.put(KEY_LOCATION_VARIABLE, keyLocation);
        return env;
    }

    /**
     * The measured requests' client: the JDK's, with requests built once and sent many times, so the load generator
     * costs the least CPU of the 2 cores it shares with what it measures. HTTP/1.1, one connection per concurrent
     * request.
     */
    static HttpClient loadClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
