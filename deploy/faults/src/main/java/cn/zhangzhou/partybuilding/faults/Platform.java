package cn.zhangzhou.partybuilding.faults;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import cn.zhangzhou.partybuilding.embedded.FreePorts;
import cn.zhangzhou.partybuilding.embedded.PostgresServer;
import cn.zhangzhou.partybuilding.embedded.ProcessJar;
import cn.zhangzhou.partybuilding.platform.PlatformService;
import cn.zhangzhou.partybuilding.platform.ServiceProcess;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.testing.TestKeys;

/**
 * The system under faults, every piece a real process on loopback: PostgreSQL (one server, a database per service
 * and district, {@code synchronous_commit=on} as in production), the KRaft broker in its own JVM, a fault proxy in
 * front of each, and the services of {@link #layout}, each in its own JVM and reaching PostgreSQL and Kafka only
 * through the proxies. The suite itself reads PostgreSQL and Kafka directly. Tokens are signed with a key pair of
 * the run (no identity service: the faults are between the services and their infrastructure).
 */
final class Platform implements AutoCloseable {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    /**
     * Services of the first district, in start order: membership first, the others learn their district from it
     * (volunteering and evaluation are consumers here: their membership directories are checked like wishes', and
     * evaluation's outcomes consumer must hold every wish posted).
     */
    static final List<PlatformService> SERVICES = List.of(PlatformService.MEMBERSHIP, PlatformService.WISHES,
            PlatformService.VOLUNTEERING, PlatformService.EVALUATION);

    private final Path root;
    private final Path dir;
    private final PrintStream out;
    private final TestKeys keys;
    private final int postgresPort = FreePorts.find();
    private final FaultProxy postgresProxy;
    private final FaultProxy kafkaProxy;
    final KafkaProcess kafka;
    private PostgresServer postgres;
    private final Map<String, Service> services = new LinkedHashMap<>();

    /** One service instance of the run: restartable with the same port and configuration. */
    final class Service {
        final String name;
        final PlatformService kind;
        final String district;
        final int port = FreePorts.find();
        private ServiceProcess process;
        private int starts;

        private Service(String name, PlatformService kind, String district) {
            this.name = name;
            this.kind = kind;
            this.district = district;
        }

        synchronized void start() {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("ZZ_DISTRICT", district);
            env.put("ZZ_SERVICE", kind.id());
            env.put("SERVER_PORT", String.valueOf(port));
            env.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:" + postgresProxy.port() + "/" + database());
            env.put("SPRING_DATASOURCE_USERNAME", PostgresServer.USER);
            env.put("SPRING_DATASOURCE_PASSWORD", "");
            env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:" + kafkaProxy.port());
            env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION",
                    "file:" + keys.publicKeyFile().toAbsolutePath());
            // C1 only, as the local platform and the other suites' child JVMs (decision 0019): five Spring starts and a
            // light load on two cores never pay C2's compile time back. From the extracted jar with class data sharing.
            process = ServiceProcess.start(name, ProcessJar.besideJar(root.resolve(kind.jar())), root, port, env,
                    List.of("-XX:TieredStopAtLevel=1"),
                    dir.resolve(name + "-" + ++starts + ".log"));
            process.awaitReady(Instant.now().plus(READY_TIMEOUT));
        }

        /** SIGKILL: no shutdown hook, no graceful end of requests, batches or transactions. */
        synchronized void kill() {
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
            process.onExit().join();
        }

        /** SIGTERM: Spring's graceful shutdown (the consumer leaves its group). */
        synchronized void stop() {
            process.close();
        }

        String database() {
            return kind.in(district).database().orElseThrow();
        }

        String baseUrl() {
            return "http://localhost:" + port;
        }
    }

    private Platform(Path root, Path dir, PrintStream out) {
        this.root = root;
        this.dir = dir;
        this.out = out;
        this.keys = TestKeys.ensure(dir.resolve("keys"));
        this.postgresProxy = FaultProxy.start("postgres-proxy", 0, postgresPort);
        int kafkaProxyPort = FreePorts.find();
        this.kafka = new KafkaProcess(dir.resolve("kafka"), dir.resolve("kafka.log"), kafkaProxyPort);
        this.kafkaProxy = FaultProxy.start("kafka-proxy", kafkaProxyPort, kafka.faultyPort());
    }

    /**
     * Which services run in which district: every one of {@link #SERVICES} in the first, membership alone in the
     * others. A second district is there for what crosses districts (membership's dual reporting: each membership
     * service projects the other district's members) and for the faults to strike one district while the other
     * runs on; a second copy of wishes, volunteering and evaluation would only run their code twice, and their three JVMs
     * on two cores cost the short profile about 20–30 s (255 s with them, 233 s without) and slowed every fault.
     */
    static Map<String, List<PlatformService>> layout(List<String> districts) {
        Map<String, List<PlatformService>> layout = new LinkedHashMap<>();
        for (String district : districts) {
            layout.put(district, layout.isEmpty() ? SERVICES : List.of(PlatformService.MEMBERSHIP));
        }
        return layout;
    }

    /** Starts PostgreSQL, Kafka, the proxies and the services of {@link #layout} of the districts. */
    static Platform start(Path root, Path dir, List<String> districts, PrintStream out) {
        Platform platform = new Platform(root, dir, out);
        try {
            platform.boot(districts);
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void boot(List<String> districts) {
        out.println("starting PostgreSQL on " + postgresPort + " (proxy " + postgresProxy.port() + ") ...");
        startPostgres();
        out.println("starting Kafka on " + kafka.directPort() + " (proxy " + kafkaProxy.port() + ") ...");
        kafka.start();
        List<Service> memberships = new ArrayList<>();
        List<Service> others = new ArrayList<>();
        layout(districts).forEach((district, kinds) -> kinds.forEach(kind -> {
            Service service = new Service(kind.in(district).name(), kind, district);
            postgres.ensureDatabase(service.database());
            services.put(service.name, service);
            (kind == PlatformService.MEMBERSHIP ? memberships : others).add(service);
        }));
        startTogether(memberships);
        startTogether(others);
    }

    /**
     * Starts services at the same time and waits for all: a Spring start keeps about one core busy, so one at a time
     * left the other core idle (the short profile's module took 5:44 and 5:26 after, 5:53 before, on one machine:
     * most of its start-up is CPU either way).
     */
    private void startTogether(List<Service> batch) {
        batch.forEach(service -> out.println("starting " + service.name + " on " + service.port + " ..."));
        ExecutorService starter = Executors.newFixedThreadPool(batch.size());
        try {
            List<Future<?>> starts = batch.stream().<Future<?>>map(service -> starter.submit(service::start)).toList();
            for (Future<?> start : starts) {
                start.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the services started", e);
        } finally {
            starter.shutdownNow();
        }
    }

    Service service(PlatformService kind, String district) {
        return services.get(kind.in(district).name());
    }

    /** Whether {@code kind} runs in {@code district} ({@link #layout}). */
    boolean runs(PlatformService kind, String district) {
        return services.containsKey(kind.in(district).name());
    }

    /** The consumer groups of the running services ({@code <service>-<district>}), one a service. */
    List<String> consumerGroups() {
        return services.values().stream().map(s -> s.kind.id() + "-" + s.district).toList();
    }

    List<Service> services() {
        return List.copyOf(services.values());
    }

    /** A second instance of a district's service: same database, same consumer groups, another port. */
    Service secondInstance(PlatformService kind, String district) {
        Service extra = new Service(kind.in(district).name() + "-2", kind, district);
        extra.start();
        return extra;
    }

    FaultProxy postgresProxy() {
        return postgresProxy;
    }

    FaultProxy kafkaProxy() {
        return kafkaProxy;
    }

    /** A district admin's token (every command of the driver is a district system's or admin's). */
    String adminToken(String district) {
        return keys.signer().sign("faults-admin-" + district, List.of(Role.DISTRICT_ADMIN), district, null, null,
                Duration.ofHours(12));
    }

    /** A connection straight to a database, past the proxy. */
    Connection database(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + postgresPort + "/" + name,
                PostgresServer.USER, "");
    }

    /** Fast shutdown (a clean stop) or a crash (SIGKILL of every PostgreSQL process). */
    void stopPostgres(boolean crash) {
        if (crash) {
            postgres.crash();
        } else {
            postgres.close();
        }
    }

    void startPostgres() {
        postgres = PostgresServer.start(dir.resolve("postgres"), postgresPort, true,
                Map.of("synchronous_commit", "on", "max_connections", "400"));
    }

    /** An id of this run, for idempotency keys and names. */
    static String runId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void close() {
        // Every service JVM asked first, so that their shutdowns (and a class archive written at an exit) overlap.
        for (Service service : services.values()) {
            if (service.process != null) {
                service.process.requestStop();
            }
        }
        for (Service service : services.values()) {
            if (service.process != null) {
                service.process.close();
            }
        }
        kafka.close();
        if (postgres != null) {
            postgres.close();
        }
        kafkaProxy.close();
        postgresProxy.close();
    }
}
