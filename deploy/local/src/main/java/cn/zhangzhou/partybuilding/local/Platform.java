package cn.zhangzhou.partybuilding.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import cn.zhangzhou.partybuilding.events.Districts;
import cn.zhangzhou.partybuilding.infra.KafkaBroker;
import cn.zhangzhou.partybuilding.infra.PostgresServer;
import cn.zhangzhou.partybuilding.local.demo.DemoData;
import cn.zhangzhou.partybuilding.local.demo.DemoDataSet;
import cn.zhangzhou.partybuilding.local.demo.DemoWish;
import cn.zhangzhou.partybuilding.local.demo.DemoWishState;
import cn.zhangzhou.partybuilding.local.demo.DemoWishes;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.token.DevKeys;
import cn.zhangzhou.partybuilding.support.token.JwtSigner;
import tools.jackson.databind.JsonNode;

/**
 * The {@code run} command: real Kafka and PostgreSQL, one membership and one wishes service per district,
 * the demo data, a summary; Ctrl-C stops the services, then Kafka, then PostgreSQL.
 */
final class Platform {

    static final int KAFKA_PORT = 9092;
    static final int KAFKA_CONTROLLER_PORT = 9093;
    static final int POSTGRES_PORT = 15432;
    /** Per wave; generous because the 2 cores are often shared with builds and benchmarks. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    static final Duration STOP_GRACE = Duration.ofSeconds(15);
    static final String SERVICE_JAR = "services/membership/target/membership-service.jar";
    static final String WISHES_JAR = "services/wishes/target/wishes-service.jar";
    static final String LAUNCHER = "java -jar deploy/local/target/local-platform.jar";

    private final Path root;
    private final Path dataDir;
    private final Options options;
    private final PrintStream out;
    private final HttpClient http = MembershipClient.newHttpClient();
    private final List<ServiceProcess> services = new ArrayList<>();
    /** What to stop, most recent first. */
    private final Deque<Runnable> stops = new ArrayDeque<>();
    private final AtomicBoolean stopping = new AtomicBoolean();

    Platform(Path root, Path dataDir, Options options, PrintStream out) {
        this.root = root;
        this.dataDir = dataDir;
        this.options = options;
        this.out = out;
    }

    void run() throws InterruptedException {
        Instant start = Instant.now();
        Path jar = root.resolve(SERVICE_JAR);
        Path wishesJar = root.resolve(WISHES_JAR);
        for (Path j : List.of(jar, wishesJar)) {
            if (!Files.isRegularFile(j)) {
                throw new IllegalStateException(j + " is missing; build it first: mvn -B -DskipTests package");
            }
        }
        List<String> districts = options.districts();
        requireFreePorts(districts);
        if (options.reset()) {
            wipe(dataDir);
            out.println("reset: removed " + dataDir);
        }
        ignoredByGit(dataDir);
        Path keys = dataDir.resolve("keys");
        if (!DevKeys.present(keys)) {
            DevKeys.ensure(keys);
            out.println("new dev key pair in " + keys);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "local-platform-shutdown"));

        out.println("starting PostgreSQL on " + POSTGRES_PORT + " ...");
        PostgresServer postgres = PostgresServer.start(dataDir.resolve("postgres"), POSTGRES_PORT, true);
        stops.push(() -> stopQuietly("PostgreSQL", postgres::close));
        Map<String, String> jdbcUrls = new LinkedHashMap<>();
        Map<String, String> wishesJdbcUrls = new LinkedHashMap<>();
        for (String d : districts) {
            jdbcUrls.put(d, postgres.ensureDatabase("membership_" + d));
            wishesJdbcUrls.put(d, postgres.ensureDatabase("wishes_" + d));
        }
        out.println("starting Kafka (KRaft) on " + KAFKA_PORT + "/" + KAFKA_CONTROLLER_PORT + " ...");
        KafkaBroker kafka = KafkaBroker.start(dataDir.resolve("kafka"), KAFKA_PORT, KAFKA_CONTROLLER_PORT);
        stops.push(() -> stopQuietly("Kafka", kafka::close));
        stops.push(this::stopServices);

        // Services start in waves of one per core: eleven JVMs starting at once on 2 cores all miss the
        // readiness deadline, while waves keep each start short and the total about the same. Membership
        // first: the wishes services learn their district from its events.
        List<Runnable> starts = new ArrayList<>();
        List<ServiceProcess> queued = new ArrayList<>();
        Path publicKey = keys.resolve(DevKeys.PUBLIC_FILE);
        for (String d : districts) {
            starts.add(() -> queued.add(start("membership-" + d, jar, Options.port(d),
                    serviceEnvironment(d, jdbcUrls.get(d), kafka.bootstrapServers(), publicKey))));
        }
        for (String d : districts) {
            starts.add(() -> queued.add(start("wishes-" + d, wishesJar, Options.wishesPort(d),
                    wishesEnvironment(d, wishesJdbcUrls.get(d), kafka.bootstrapServers(), publicKey,
                            replays(d)))));
        }
        int wave = Math.max(2, Runtime.getRuntime().availableProcessors());
        for (int first = 0; first < starts.size(); first += wave) {
            queued.clear();
            starts.subList(first, Math.min(starts.size(), first + wave)).forEach(Runnable::run);
            // Each wave has READY_TIMEOUT from its start.
            Instant deadline = Instant.now().plus(READY_TIMEOUT);
            for (ServiceProcess s : List.copyOf(queued)) {
                s.awaitReady(http, deadline);
                out.printf("%s ready (%d s)%n", s.name(), Duration.between(start, Instant.now()).toSeconds());
            }
        }
        out.printf("platform healthy in %d s%n", Duration.between(start, Instant.now()).toSeconds());

        Map<String, MembershipClient> clients = clients(districts);
        DemoDataSet demo = DemoData.generate(districts);
        DemoLoader loader = new DemoLoader(demo, clients, out);
        if (loader.alreadyLoaded()) {
            out.println("demo data already loaded (statistics match); use --reset to start afresh");
        } else {
            out.println("loading demo data through the REST API ...");
            loader.load();
        }
        WishesLoader wishes = new WishesLoader(demo, wishesDistricts(districts, clients), out);
        if (wishes.alreadyLoaded()) {
            out.println("wishes demo data already loaded (every community's wishes are there); use --reset to start afresh");
        } else {
            out.println("loading wishes demo data through the wishes REST API ...");
            wishes.load();
        }
        printSummary(clients, wishes);
        for (ServiceProcess s : services) {
            s.process().onExit().thenAccept(p -> {
                if (!stopping.get()) {
                    out.printf("%s exited unexpectedly with code %d; see %s%n", s.name(), p.exitValue(), s.log());
                }
            });
        }
        out.println("running; Ctrl-C stops the services, Kafka and PostgreSQL");
        Thread.currentThread().join();
    }

    private ServiceProcess start(String name, Path jar, int port, Map<String, String> env) {
        Path log = dataDir.resolve("logs").resolve(name + ".log");
        out.printf("starting %s on %d (log %s) ...%n", name, port, log);
        ServiceProcess service = ServiceProcess.start(name, jar, root, port, env, log);
        services.add(service);
        return service;
    }

    /** Whether the district's wishes service replays a past year (its demo data has dates in 2015). */
    static boolean replays(String district) {
        return DemoWishes.ZHANGPU.equals(district);
    }

    /**
     * The wishes service's configuration (services/wishes application.yml), as environment variables; the
     * dev-only replay clock (decision 0010) only where {@code replayClock}.
     */
    static Map<String, String> wishesEnvironment(String district, String jdbcUrl, String kafka, Path publicKey,
                                                 boolean replayClock) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ZZ_DISTRICT", district);
        env.put("ZZ_SERVICE", "wishes");
        env.put("SERVER_PORT", String.valueOf(Options.wishesPort(district)));
        env.put("SPRING_DATASOURCE_URL", jdbcUrl);
        env.put("SPRING_DATASOURCE_USERNAME", PostgresServer.USER);
        env.put("SPRING_DATASOURCE_PASSWORD", "");
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("ZZ_SECURITY_JWT_PUBLIC_KEY_LOCATION", "file:" + publicKey.toAbsolutePath());
        if (replayClock) {
            env.put("ZZ_WISHES_REPLAY_CLOCK", "true");
        }
        return env;
    }

    private Map<String, WishesLoader.District> wishesDistricts(List<String> districts,
                                                               Map<String, MembershipClient> clients) {
        JwtSigner signer = DevKeys.ensure(dataDir.resolve("keys")).signer();
        Map<String, WishesLoader.District> result = new LinkedHashMap<>();
        for (String d : districts) {
            MembershipClient wishes = clients.get(d).as(() -> LocalPlatform.token(signer, Role.DISTRICT_ADMIN, d, null, null))
                    .at("http://localhost:" + Options.wishesPort(d));
            result.put(d, new WishesLoader.District(d, clients.get(d), wishes,
                    c -> LocalPlatform.token(signer, c.role(), d, c.org(), c.member())));
        }
        return result;
    }

    /** The configuration of membership-api.md, as environment variables. */
    static Map<String, String> serviceEnvironment(String district, String jdbcUrl, String kafka, Path publicKey) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ZZ_DISTRICT", district);
        env.put("ZZ_SERVICE", "membership");
        env.put("SERVER_PORT", String.valueOf(Options.port(district)));
        env.put("SPRING_DATASOURCE_URL", jdbcUrl);
        env.put("SPRING_DATASOURCE_USERNAME", PostgresServer.USER);
        env.put("SPRING_DATASOURCE_PASSWORD", "");
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("ZZ_SECURITY_JWT_PUBLIC_KEY_LOCATION", "file:" + publicKey.toAbsolutePath());
        return env;
    }

    private Map<String, MembershipClient> clients(List<String> districts) {
        JwtSigner signer = DevKeys.ensure(dataDir.resolve("keys")).signer();
        Map<String, MembershipClient> clients = new LinkedHashMap<>();
        for (String d : districts) {
            // A fresh token per request is cheap and never expires during a long session.
            clients.put(d, new MembershipClient(http, "http://localhost:" + Options.port(d),
                    () -> LocalPlatform.token(signer, Role.DISTRICT_ADMIN, d, null, null)));
        }
        return clients;
    }

    private void printSummary(Map<String, MembershipClient> clients, WishesLoader wishes) {
        String tokenCmd = LAUNCHER + " token" + (Options.DEFAULT_DATA_DIR.equals(options.dataDir())
                ? "" : " --data-dir " + options.dataDir());
        out.println();
        out.println("==== 小社区 大党建: local platform ====");
        out.println("Kafka      localhost:" + KAFKA_PORT);
        out.println("PostgreSQL jdbc:postgresql://localhost:" + POSTGRES_PORT
                + "/membership_<district> and /wishes_<district> (user postgres, no password)");
        out.println("data       " + dataDir + " (logs in " + dataDir.resolve("logs") + ")");
        out.println("tokens     " + tokenCmd + " CITY_ADMIN");
        for (Map.Entry<String, MembershipClient> e : clients.entrySet()) {
            String d = e.getKey();
            MembershipClient c = e.getValue();
            String base = c.baseUrl();
            out.println();
            out.printf("-- %s %s: membership service%n", d, Districts.NAMES.get(d));
            out.println("   API        " + base + "/api/v1");
            out.println("   Swagger UI " + base + "/swagger-ui.html");
            out.println("   health     " + base + "/actuator/health/readiness");
            out.println("   Prometheus " + base + "/actuator/prometheus");
            try {
                JsonNode s = c.getOk("/statistics", Map.of());
                out.printf("   figures    communities %s, grids %s, party groups %s, members %s (placed %s),%n"
                                + "              community workers %s (in the two committees %s),%n"
                                + "              unit reports accepted %s, member reports accepted %s%n",
                        figure(s, "communities"), figure(s, "grids"), figure(s, "partyGroups"), figure(s, "members"),
                        figure(s, "placedMembers"), figure(s, "communityWorkers"),
                        figure(s, "communityWorkersInCommittees"), figure(s, "unitReportsAccepted"),
                        figure(s, "memberReportsAccepted"));
            } catch (RuntimeException ex) {
                out.println("   figures    unavailable: " + ex.getMessage());
            }
            String street = firstId(c, "/organisations", Map.of("type", "STREET_COMMITTEE", "size", "1"), "id", "<street-uuid>");
            String community = firstId(c, "/organisations", Map.of("type", "COMMUNITY", "size", "1"), "id", "<community-uuid>");
            String member = firstId(c, "/members", Map.of("size", "1"), "id", "<member-uuid>");
            String home = firstId(c, "/members", Map.of("size", "1"), "homeOrganisationId", "<org-uuid>");
            out.println("   tokens     " + tokenCmd + " DISTRICT_ADMIN " + d);
            out.println("              " + tokenCmd + " STREET_STAFF " + d + " " + street);
            out.println("              " + tokenCmd + " COMMUNITY_STAFF " + d + " " + community);
            out.println("              " + tokenCmd + " MEMBER " + d + " " + home + " " + member);
            out.println("              " + tokenCmd + " DISTRICT_SYSTEM " + d);
            out.println("   try        curl -H \"Authorization: Bearer $(" + tokenCmd + " DISTRICT_ADMIN " + d + ")\" "
                    + base + "/api/v1/statistics");
            printWishes(d, wishes, tokenCmd);
        }
        out.println();
    }

    /** The wishes service of a district: where it is, and figures read back from its own report. */
    private void printWishes(String d, WishesLoader loader, String tokenCmd) {
        String base = "http://localhost:" + Options.wishesPort(d);
        out.printf("-- %s %s: wishes service (微心愿)%n", d, Districts.NAMES.get(d));
        out.println("   API        " + base + "/api/v1   Swagger UI " + base + "/swagger-ui.html");
        List<DemoWish> demo = loader.wishes().getOrDefault(d, List.of());
        if (demo.isEmpty()) {
            out.println("   demo       no demo wishes in this district");
            return;
        }
        Map<String, UUID> orgs;
        try {
            orgs = loader.organisations(d);
        } catch (RuntimeException e) {
            out.println("   figures    unavailable: " + e.getMessage());
            return;
        }
        UUID community = orgs.get(demo.get(0).communityCode());
        boolean replay = demo.get(0).replay() != null;
        int year = replay ? DemoWishes.REPLAY_YEAR : java.time.LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        UUID of = replay ? community : orgs.get("DC");
        String report = base + "/api/v1/reports/wishes?organisationId=" + of + "&year=" + year;
        out.println("   menu       " + base + "/api/v1/wishes?communityId=" + community + " (token: "
                + tokenCmd + " COMMUNITY_STAFF " + d + " " + community + ")");
        out.println("   report     " + report + " (token: " + tokenCmd + " DISTRICT_ADMIN " + d + ")");
        try {
            JsonNode r = loader.report(d, of, year);
            out.printf("   figures    %s %d: posted %s, published %s, claimed %s, fulfilled %s, confirmed %s, "
                            + "released %s,%n              distinct residents helped %s, median days post→claim %s, "
                            + "claim→fulfil %s%n",
                    replay ? "绥安镇" + DemoWishes.CHENGXI : Districts.NAMES.get(d), year, figure(r, "posted"),
                    figure(r, "published"), figure(r, "claimed"), figure(r, "fulfilled"), figure(r, "confirmed"),
                    figure(r, "released"), figure(r, "distinctBeneficiariesHelped"), days(r, "medianDaysPostToClaim"),
                    days(r, "medianDaysClaimToFulfil"));
        } catch (RuntimeException e) {
            out.println("   figures    unavailable: " + e.getMessage());
        }
        // What the demo put there, so a report that misses some of it shows at a glance.
        ToLongFunction<DemoWishState> atLeast =
                state -> demo.stream().filter(w -> w.state().compareTo(state) >= 0).count();
        out.printf("   demo       %d wishes loaded: posted %d, published %d, claimed %d, fulfilled %d, confirmed %d%n",
                demo.size(), demo.size(), atLeast.applyAsLong(DemoWishState.PUBLISHED),
                atLeast.applyAsLong(DemoWishState.CLAIMED),
                atLeast.applyAsLong(DemoWishState.FULFILLED),
                atLeast.applyAsLong(DemoWishState.CONFIRMED));
    }

    private static String days(JsonNode report, String field) {
        return report.hasNonNull(field) ? String.format(java.util.Locale.ROOT, "%.1f", report.get(field).asDouble()) : "-";
    }

    private static String figure(JsonNode statistics, String field) {
        return statistics.hasNonNull(field) ? statistics.get(field).asString() : "?";
    }

    private static String firstId(MembershipClient c, String path, Map<String, String> query, String field, String fallback) {
        try {
            JsonNode items = c.getOk(path, query).path("items");
            return items.isEmpty() ? fallback : items.get(0).path(field).asString(fallback);
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    /** Fails before anything starts when a fixed port is taken (an earlier platform still running?). */
    private static void requireFreePorts(List<String> districts) {
        List<Integer> ports = new ArrayList<>(List.of(KAFKA_PORT, KAFKA_CONTROLLER_PORT, POSTGRES_PORT));
        districts.forEach(d -> ports.add(Options.port(d)));
        districts.forEach(d -> ports.add(Options.wishesPort(d)));
        List<Integer> taken = new ArrayList<>();
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                taken.add(port);
            }
        }
        if (!taken.isEmpty()) {
            throw new IllegalStateException("ports " + taken + " are in use; is another local platform running?");
        }
    }

    /** The data directory sits in the repository; keep databases, logs and keys out of commits. */
    private static void ignoredByGit(Path dir) {
        try {
            Files.createDirectories(dir);
            Path ignore = dir.resolve(".gitignore");
            if (!Files.exists(ignore)) {
                Files.writeString(ignore, "# written by local-platform: everything here is generated\n*\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    static void wipe(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        if (Files.exists(dir.resolve("pom.xml")) || dir.getParent() == null) {
            throw new IllegalStateException("refusing to delete " + dir + ": it does not look like a data directory");
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** Runs once, from the shutdown hook or after a failed start. */
    void stopAll() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        Runnable stop;
        while ((stop = stops.poll()) != null) {
            stop.run();
        }
    }

    private void stopServices() {
        if (services.isEmpty()) {
            return;
        }
        out.println("stopping " + services.size() + " service(s) ...");
        // All at once: each gets the same grace period, not a queue of them.
        services.forEach(s -> s.process().destroy());
        List<Thread> waiting = new ArrayList<>();
        for (ServiceProcess s : services) {
            Thread t = new Thread(() -> s.stop(STOP_GRACE), "stop-" + s.name());
            t.start();
            waiting.add(t);
        }
        for (Thread t : waiting) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void stopQuietly(String what, Runnable close) {
        out.println("stopping " + what + " ...");
        try {
            close.run();
        } catch (RuntimeException e) {
            out.println(what + " did not stop cleanly: " + e);
        }
    }
}
