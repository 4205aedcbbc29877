package cn.zhangzhou.partybuilding.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToLongFunction;

import org.springframework.util.FileSystemUtils;

import cn.zhangzhou.partybuilding.embedded.KafkaBroker;
import cn.zhangzhou.partybuilding.embedded.PostgresServer;
import cn.zhangzhou.partybuilding.events.Districts;
import cn.zhangzhou.partybuilding.local.WishesLoader.Caller;
import cn.zhangzhou.partybuilding.local.demo.DemoData;
import cn.zhangzhou.partybuilding.local.demo.DemoDataSet;
import cn.zhangzhou.partybuilding.local.demo.DemoWish;
import cn.zhangzhou.partybuilding.local.demo.DemoWishState;
import cn.zhangzhou.partybuilding.local.demo.DemoWishes;
import cn.zhangzhou.partybuilding.platform.PlatformService.Instance;
import cn.zhangzhou.partybuilding.platform.PlatformService;
import cn.zhangzhou.partybuilding.platform.ServiceClient;
import cn.zhangzhou.partybuilding.platform.ServiceProcess;
import cn.zhangzhou.partybuilding.support.security.Role;
import tools.jackson.databind.JsonNode;

/**
 * The {@code run} command: real Kafka and PostgreSQL, the identity service, one membership and one wishes service
 * per district, the gateway in front of them, the demo data (every token from identity), a summary; Ctrl-C stops
 * the services, then Kafka, then PostgreSQL.
 */
final class Platform {

    static final int KAFKA_PORT = 9092;
    static final int KAFKA_CONTROLLER_PORT = 9093;
    static final int POSTGRES_PORT = 15432;
    /** Per wave; generous because the 2 cores are often shared with builds and benchmarks. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    /** The issuer: what tokens say in {@code iss} and where services, browsers and the launcher reach identity. */
    static final String IDENTITY_URL = PlatformService.IDENTITY.instance().localUrl();
    static final String JWKS_URL = IDENTITY_URL + "/oauth2/jwks";
    static final String GATEWAY_URL = PlatformService.GATEWAY.instance().localUrl();
    static final String LAUNCHER = "java -jar deploy/local/target/local-platform.jar";

    private final Path root;
    private final Path dataDir;
    private final LocalPlatform.Run options;
    private final PrintStream out;
    private final List<ServiceProcess> services = new ArrayList<>();
    /** What to stop, most recent first. */
    private final Deque<Runnable> stops = new ArrayDeque<>();
    private final AtomicBoolean stopping = new AtomicBoolean();

    Platform(Path root, Path dataDir, LocalPlatform.Run options, PrintStream out) {
        this.root = root;
        this.dataDir = dataDir;
        this.options = options;
        this.out = out;
    }

    void run() throws InterruptedException {
        Instant start = Instant.now();
        List<String> districts = options.districts();
        List<Instance> instances = PlatformService.instances(districts);
        for (Instance i : instances) {
            Path jar = root.resolve(i.service().jar());
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing; build it first: mvn -B -DskipTests package");
            }
        }
        requireFreePorts(instances);
        if (options.reset()) {
            wipe(dataDir);
            out.println("reset: removed " + dataDir);
        }
        ignoredByGit(dataDir);
        DemoSecrets secrets = new DemoSecrets(dataDir);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "local-platform-shutdown"));

        out.println("starting PostgreSQL on " + POSTGRES_PORT + " ...");
        PostgresServer postgres = PostgresServer.start(dataDir.resolve("postgres"), POSTGRES_PORT, true);
        stops.push(() -> stopQuietly("PostgreSQL", postgres::close));
        out.println("starting Kafka (KRaft) on " + KAFKA_PORT + "/" + KAFKA_CONTROLLER_PORT + " ...");
        KafkaBroker kafka = KafkaBroker.start(dataDir.resolve("kafka"), KAFKA_PORT, KAFKA_CONTROLLER_PORT);
        stops.push(() -> stopQuietly("Kafka", kafka::close));
        stops.push(this::stopServices);

        // Services start in waves of one per core, in the table's order: eleven JVMs starting at once on 2 cores all
        // miss the readiness deadline, while waves keep each start short and the total about the same.
        int wave = Math.max(2, Runtime.getRuntime().availableProcessors());
        for (int first = 0; first < instances.size(); first += wave) {
            List<ServiceProcess> started = new ArrayList<>();
            for (Instance i : instances.subList(first, Math.min(instances.size(), first + wave))) {
                String jdbcUrl = i.database().map(postgres::ensureDatabase).orElse(null);
                started.add(start(i, environment(i, jdbcUrl, kafka.bootstrapServers(), secrets, districts)));
            }
            // Each wave has READY_TIMEOUT from its start.
            Instant deadline = Instant.now().plus(READY_TIMEOUT);
            for (ServiceProcess s : started) {
                s.awaitReady(deadline);
                out.printf("%s ready (%d s)%n", s.name(), Duration.between(start, Instant.now()).toSeconds());
            }
        }
        Duration healthy = Duration.between(start, Instant.now());
        out.printf("platform healthy in %d s (%d JVMs in waves of %d)%n", healthy.toSeconds(), services.size(), wave);

        // Every token from identity: the launcher signs nothing. Org codes name the staff users.
        IdentityClient identity = new IdentityClient(IDENTITY_URL);
        Map<String, ServiceClient> clients = new LinkedHashMap<>();
        TokenSource tokens = new TokenSource(identity, secrets, (d, org) -> clients.get(d)
                .getOk("/organisations/" + org, Map.of()).path("code").asString());
        clients.putAll(clients(districts, tokens));
        DemoDataSet demo = DemoData.generate(districts);
        DemoLoader loader = new DemoLoader(demo, clients, out);
        if (loader.alreadyLoaded()) {
            out.println("demo data already loaded (statistics match); use --reset to start afresh");
        } else {
            out.println("loading demo data through the REST API ...");
            loader.load();
        }
        WishesLoader wishes = new WishesLoader(demo, wishesDistricts(districts, clients, tokens), out);
        if (wishes.alreadyLoaded()) {
            out.println("wishes demo data already loaded (every community's wishes are there); use --reset to start afresh");
        } else {
            out.println("loading wishes demo data through the wishes REST API ...");
            wishes.load();
        }
        Map<String, DemoCallers> callers = demoCallers(clients, wishes, tokens);
        printSummary(clients, wishes, callers, secrets, healthy);
        for (ServiceProcess s : services) {
            s.onExit().thenAccept(p -> {
                if (!stopping.get()) {
                    out.printf("%s exited unexpectedly with code %d; see %s%n", s.name(), p.exitValue(), s.log());
                }
            });
        }
        out.println("running; Ctrl-C stops the services, Kafka and PostgreSQL");
        Thread.currentThread().join();
    }

    private ServiceProcess start(Instance instance, Map<String, String> env) {
        Path log = dataDir.resolve("logs").resolve(instance.name() + ".log");
        out.printf("starting %s on %d (log %s) ...%n", instance.name(), instance.port(), log);
        ServiceProcess service = ServiceProcess.start(instance.name(), root.resolve(instance.service().jar()), root,
                instance.port(), env, List.of(), log);
        services.add(service);
        return service;
    }

    /** Whether the district's wishes service replays a past year (its demo data has dates in 2015). */
    static boolean replays(String district) {
        return DemoWishes.ZHANGPU.equals(district);
    }

    /**
     * An instance's configuration (its application.yml's properties) as environment variables: its port, district,
     * database and the broker; identity's JWKS to verify tokens with (every service but identity itself); identity's
     * issuer and generated secrets; the gateway's routes to every district service of the table in {@code districts};
     * the wishes service's dev-only replay clock (decision 0010) where its demo data replays a past year.
     *
     * @param jdbcUrl its database, null if it has none
     */
    static Map<String, String> environment(Instance instance, String jdbcUrl, String kafka, DemoSecrets secrets,
                                           List<String> districts) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", String.valueOf(instance.port()));
        if (instance.district() != null) {
            env.put("ZZ_DISTRICT", instance.district());
            env.put("ZZ_SERVICE", instance.service().id());
            env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka);
        }
        if (jdbcUrl != null) {
            env.put("SPRING_DATASOURCE_URL", jdbcUrl);
            env.put("SPRING_DATASOURCE_USERNAME", PostgresServer.USER);
            env.put("SPRING_DATASOURCE_PASSWORD", "");
        }
        switch (instance.service()) {
            case IDENTITY -> {
                // Every district's membership events: which district holds each member (decision 0016).
                env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka);
                env.put("ZZ_IDENTITY_ISSUER", IDENTITY_URL);
                env.put("ZZ_IDENTITY_BOOTSTRAP_ADMIN_USERNAME", DemoSecrets.ADMIN_USERNAME);
                env.put("ZZ_IDENTITY_BOOTSTRAP_ADMIN_PASSWORD", secrets.adminPassword());
                env.put("ZZ_IDENTITY_KEYS_ENCRYPTION_SECRET", secrets.keysEncryptionSecret());
                // The longest identity allows (services check no revocation): a token from the `token` command lasts
                // a walk-through. Local demo only; identity's default is 15 minutes.
                env.put("ZZ_IDENTITY_ACCESS_TOKEN_TTL", "PT1H");
            }
            case GATEWAY -> {
                for (String d : districts) {
                    for (PlatformService s : PlatformService.districtServices()) {
                        env.put(("ZZ_GATEWAY_DISTRICTS_" + d + "_" + s.id()).toUpperCase(Locale.ROOT),
                                s.in(d).localUrl());
                    }
                }
            }
            case WISHES -> {
                if (replays(instance.district())) {
                    env.put("ZZ_WISHES_REPLAY_CLOCK", "true");
                }
            }
            default -> {
            }
        }
        if (instance.service() != PlatformService.IDENTITY) {
            // Tokens are verified with identity's published keys (by kid, refetched when a key rotates).
            env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", JWKS_URL);
        }
        return env;
    }

    /** The loaders call the services directly (not through the gateway, whose rate limit would slow them). */
    private Map<String, ServiceClient> clients(List<String> districts, TokenSource tokens) {
        Map<String, ServiceClient> clients = new LinkedHashMap<>();
        for (String d : districts) {
            // TokenSource reuses the district admin's token until shortly before it expires.
            clients.put(d, new ServiceClient(PlatformService.MEMBERSHIP.in(d).localUrl(), () -> tokens.districtAdmin(d)));
        }
        return clients;
    }

    private static Map<String, WishesLoader.District> wishesDistricts(List<String> districts,
                                                                      Map<String, ServiceClient> clients,
                                                                      TokenSource tokens) {
        Map<String, WishesLoader.District> result = new LinkedHashMap<>();
        for (String d : districts) {
            ServiceClient wishes = clients.get(d).at(PlatformService.WISHES.in(d).localUrl());
            result.put(d, new WishesLoader.District(d, clients.get(d), wishes, c -> tokens.token(d, c)));
        }
        return result;
    }

    /** Who the walk-through acts as in one district: demo usernames (and the org or member they stand for). */
    record DemoCallers(String district, String admin, String streetStaff, UUID street, String communityStaff,
                       UUID community, String member, UUID memberId, String systemClient) {
    }

    /**
     * Makes sure every demo role has its account in each district (the loaders created most of them already): the
     * district admin, the staff of the street and the community of the first demo wish, a member of that community
     * who claimed a demo wish, and the district system.
     */
    private Map<String, DemoCallers> demoCallers(Map<String, ServiceClient> clients, WishesLoader wishes,
                                                 TokenSource tokens) {
        Map<String, DemoCallers> result = new LinkedHashMap<>();
        DemoDataSet demo = wishes.data();
        for (String d : clients.keySet()) {
            try {
                List<DemoWish> list = wishes.wishes().getOrDefault(d, List.of());
                Map<String, UUID> orgs = wishes.organisations(d);
                String communityCode = list.isEmpty() ? null : list.get(0).communityCode();
                String streetCode = communityCode == null ? null : demo.district(d).organisations().stream()
                        .filter(o -> o.code().equals(communityCode)).findFirst().orElseThrow().parentCode();
                UUID community = communityCode == null ? null : orgs.get(communityCode);
                UUID street = streetCode == null ? null : orgs.get(streetCode);
                UUID member = list.stream().filter(w -> w.claimerKey() != null).findFirst()
                        .map(w -> wishes.memberId(d, w.claimerKey())).orElse(null);
                String admin = tokens.ensureUser(d, new Caller(Role.DISTRICT_ADMIN, null, null));
                String streetStaff = street == null ? null : tokens.ensureUser(d, new Caller(Role.STREET_STAFF, street, null));
                String communityStaff = community == null ? null
                        : tokens.ensureUser(d, new Caller(Role.COMMUNITY_STAFF, community, null));
                String memberUser = member == null ? null : tokens.ensureUser(d, new Caller(Role.MEMBER, null, member));
                tokens.system(d);
                String client = new DemoSecrets(dataDir).client(d).map(IdentityClient.RegisteredClient::clientId)
                        .orElse("?");
                result.put(d, new DemoCallers(d, admin, streetStaff, street, communityStaff, community, memberUser,
                        member, client));
            } catch (RuntimeException e) {
                out.println("demo users of " + d + " incomplete: " + e.getMessage());
            }
        }
        return result;
    }

    private void printSummary(Map<String, ServiceClient> clients, WishesLoader wishes,
                              Map<String, DemoCallers> callers, DemoSecrets secrets, Duration healthy) {
        String dataOption = LocalPlatform.DEFAULT_DATA_DIR.equals(options.dataDir()) ? "" : " --data-dir " + options.dataDir();
        String tokenCmd = LAUNCHER + " token" + dataOption;
        out.println();
        out.println("==== 小社区 大党建: local platform (healthy in " + healthy.toSeconds() + " s) ====");
        out.println("gateway    " + GATEWAY_URL + "/api/v1/<district>/<membership|wishes>/...   (the one entry point)");
        out.println("Swagger UI " + GATEWAY_URL + "/swagger-ui.html   (every district's services)");
        out.println("identity   " + IDENTITY_URL + "   (OpenID Connect issuer; " + IDENTITY_URL
                + "/.well-known/openid-configuration)");
        out.println("Kafka      localhost:" + KAFKA_PORT);
        out.println("PostgreSQL jdbc:postgresql://localhost:" + POSTGRES_PORT
                + "/identity, /membership_<district>, /wishes_<district> (user postgres, no password)");
        out.println("data       " + dataDir + " (logs in " + dataDir.resolve("logs") + ")");
        out.println();
        out.println("Tokens come only from identity (a local demo: one password for every demo user):");
        out.println("  demo password  " + secrets.demoPassword() + "   (" + dataDir.resolve(DemoSecrets.DEMO_PASSWORD_FILE) + ")");
        out.println("  CITY_ADMIN     admin, password in " + dataDir.resolve(DemoSecrets.ADMIN_PASSWORD_FILE));
        out.println("  a user's token " + tokenCmd + " <username>        (login form, PKCE, as the dashboard client)");
        out.println("  a system token " + tokenCmd + " --client <district>   (client credentials)");
        for (Map.Entry<String, ServiceClient> e : clients.entrySet()) {
            String d = e.getKey();
            ServiceClient c = e.getValue();
            String api = GATEWAY_URL + "/api/v1/" + d;
            out.println();
            out.printf("-- %s %s%n", d, Districts.NAMES.get(d));
            out.println("   membership " + api + "/membership/...   (direct " + c.baseUrl() + ")");
            out.println("   wishes     " + api + "/wishes/...   (direct " + PlatformService.WISHES.in(d).localUrl() + ")");
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
            DemoCallers who = callers.get(d);
            if (who != null) {
                out.println("   users      DISTRICT_ADMIN  " + who.admin());
                if (who.streetStaff() != null) {
                    out.println("              STREET_STAFF    " + who.streetStaff() + "   (street " + who.street() + ")");
                }
                if (who.communityStaff() != null) {
                    out.println("              COMMUNITY_STAFF " + who.communityStaff() + "   (community " + who.community() + ")");
                }
                if (who.member() != null) {
                    out.println("              MEMBER          " + who.member() + "   (member " + who.memberId() + ")");
                }
                out.println("              DISTRICT_SYSTEM client " + who.systemClient() + "   (" + tokenCmd
                        + " --client " + d + ")");
                out.println("   try        curl -H \"Authorization: Bearer $(" + tokenCmd + " " + who.admin() + ")\" "
                        + api + "/membership/statistics");
            }
            printWishes(d, wishes, who);
        }
        out.println();
    }

    /** The wishes service of a district: where it is, and figures read back from its own report. */
    private void printWishes(String d, WishesLoader loader, DemoCallers who) {
        String base = GATEWAY_URL + "/api/v1/" + d + "/wishes";
        out.printf("-- %s %s: wishes service (微心愿)%n", d, Districts.NAMES.get(d));
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
        out.println("   menu       " + base + "/wishes?communityId=" + community
                + (who == null || who.communityStaff() == null ? "" : " (as " + who.communityStaff() + ")"));
        out.println("   report     " + base + "/reports/wishes?organisationId=" + of + "&year=" + year
                + (who == null ? "" : " (as " + who.admin() + ")"));
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

    /** Fails before anything starts when a fixed port is taken (an earlier platform still running?). */
    private static void requireFreePorts(List<Instance> instances) {
        List<Integer> ports = new ArrayList<>(List.of(KAFKA_PORT, KAFKA_CONTROLLER_PORT, POSTGRES_PORT));
        instances.forEach(i -> ports.add(i.port()));
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
        if (Files.exists(dir.resolve("pom.xml")) || dir.getParent() == null) {
            throw new IllegalStateException("refusing to delete " + dir + ": it does not look like a data directory");
        }
        try {
            FileSystemUtils.deleteRecursively(dir);
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
        // All asked at once, then waited for: each gets the same grace period, not a queue of them.
        services.forEach(ServiceProcess::requestStop);
        services.forEach(ServiceProcess::close);
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
