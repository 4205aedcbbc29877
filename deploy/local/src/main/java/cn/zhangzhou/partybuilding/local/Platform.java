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
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import org.springframework.util.FileSystemUtils;

import cn.zhangzhou.partybuilding.embedded.KafkaBroker;
import cn.zhangzhou.partybuilding.embedded.PostgresServer;
import cn.zhangzhou.partybuilding.embedded.ProcessJar;
import cn.zhangzhou.partybuilding.events.Districts;
import cn.zhangzhou.partybuilding.local.WishesLoader.Caller;
import cn.zhangzhou.partybuilding.local.host.HostedJar;
import cn.zhangzhou.partybuilding.local.host.HostedService;
import cn.zhangzhou.partybuilding.local.host.ServiceHost;
import cn.zhangzhou.partybuilding.local.demo.DemoData;
import cn.zhangzhou.partybuilding.local.demo.DemoDataSet;
import cn.zhangzhou.partybuilding.local.demo.DemoDistrict;
import cn.zhangzhou.partybuilding.local.demo.DemoVolunteering;
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
 * The {@code run} command: real Kafka and PostgreSQL, the identity service, every district service of the table per
 * district (hosted in this JVM, decision 0019), the gateway in front of them, the demo data (every token from
 * identity), a summary with the time it took and the memory it holds; Ctrl-C stops the services, then Kafka, then
 * PostgreSQL.
 */
final class Platform {

    static final int KAFKA_PORT = 9092;
    static final int KAFKA_CONTROLLER_PORT = 9093;
    static final int POSTGRES_PORT = 15432;
    static final String KAFKA_BOOTSTRAP = "localhost:" + KAFKA_PORT;
    /** In the data directory: the jars unpacked for the host and the other JVMs ({@link HostedJar}, {@link ProcessJar}). */
    static final String HOST_DIR = "host";
    /** For all services together; generous because the 2 cores are often shared with builds and benchmarks. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
    /** The issuer: what tokens say in {@code iss} and where services, browsers and the launcher reach identity. */
    static final String IDENTITY_URL = PlatformService.IDENTITY.instance().localUrl();
    static final String JWKS_URL = IDENTITY_URL + "/oauth2/jwks";
    static final String GATEWAY_URL = PlatformService.GATEWAY.instance().localUrl();
    static final String LAUNCHER = "java -jar deploy/local/target/local-platform.jar";

    private final Path root;
    private final Path dataDir;
    private final LocalPlatform.Run options;
    private final PrintStream out;
    /** The services in their own JVMs (identity, the gateway), each from its unpacked jar ({@link ProcessJar}). */
    private final List<ServiceProcess> processes = new CopyOnWriteArrayList<>();
    /** The services in this JVM (decision 0019), in start order. */
    private final List<HostedService> hosted = new CopyOnWriteArrayList<>();
    private volatile ServiceHost host;
    /** What to stop, most recent first. */
    private final Deque<Runnable> stops = new ConcurrentLinkedDeque<>();
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
        ConnectionBudget budget = ConnectionBudget.of(instances, ConnectionBudget.MAX_CONNECTIONS);
        if (options.reset()) {
            wipe(dataDir);
            out.println("reset: removed the data in " + dataDir);
        }
        ignoredByGit(dataDir);
        DemoSecrets secrets = new DemoSecrets(dataDir);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "local-platform-shutdown"));

        startServices(start, instances, budget, secrets);
        Duration healthy = Duration.between(start, Instant.now());
        out.printf("platform healthy in %d s (%d services in the host, %d in their own JVMs)%n", healthy.toSeconds(),
                hosted.size(), processes.size());

        // Every token from identity: the launcher signs nothing. Org codes name the staff users.
        IdentityClient identity = new IdentityClient(IDENTITY_URL);
        Map<String, ServiceClient> clients = new LinkedHashMap<>();
        TokenSource tokens = new TokenSource(identity, secrets, (d, org) -> clients.get(d)
                .getOk("/organisations/" + org, Map.of()).path("code").asString());
        clients.putAll(clients(districts, tokens));
        WishesLoader wishes = loadDemoData(districts, clients, tokens);
        Map<String, DemoCallers> callers = demoCallers(clients, wishes, tokens);
        Duration ready = Duration.between(start, Instant.now());
        printSummary(clients, wishes, callers, secrets, healthy);
        out.printf("ready with the demo data in %d s (healthy in %d s); memory held (proportional set size):%n%s%n",
                ready.toSeconds(), healthy.toSeconds(), footprint().table());
        StatusPage status = StatusPage.serve(instances.stream()
                .map(i -> new StatusPage.Target(i.name(), i.localUrl())).toList(), StatusPage.PORT);
        stops.push(status::close);
        out.printf("status at a glance: %s (every service's health, consumer lag and outbox age; reloads every %d s)%n%s",
                status.url(), StatusPage.REFRESH_SECONDS, StatusPage.text(status.read()));
        for (ServiceProcess s : processes) {
            s.onExit().thenAccept(p -> {
                if (!stopping.get()) {
                    out.printf("%s exited unexpectedly with code %d; see %s%n", s.name(), p.exitValue(), s.log());
                }
            });
        }
        out.println("running; Ctrl-C stops the services, Kafka and PostgreSQL");
        Thread.currentThread().join();
    }

    /**
     * PostgreSQL and Kafka; identity and the gateway in JVMs of their own, each as soon as its jar is unpacked and what
     * it needs is there (the gateway nothing, identity its database and Kafka); meanwhile the district services in this JVM
     * (decision 0019), one context after the other, once Kafka is there too. Returns when every service is ready.
     */
    private void startServices(Instant start, List<Instance> instances, ConnectionBudget budget, DemoSecrets secrets) {
        Path hostDir = dataDir.resolve(HOST_DIR);
        Path logs = dataDir.resolve("logs");
        out.printf("starting PostgreSQL on %d (max_connections %d: %d services, pools of %d) and Kafka (KRaft) on "
                + "%d/%d ...%n", POSTGRES_PORT, budget.maxConnections(), budget.services(), budget.pool(), KAFKA_PORT,
                KAFKA_CONTROLLER_PORT);
        CompletableFuture<PostgresServer> postgres = inBackground("postgres-start", () ->
                PostgresServer.start(dataDir.resolve("postgres"), POSTGRES_PORT, true,
                        Map.of("max_connections", String.valueOf(budget.maxConnections())),
                        false)); // our own shutdown hook stops it, after the services (see stopAll)
        CompletableFuture<KafkaBroker> kafka = inBackground("kafka-start", () ->
                KafkaBroker.start(dataDir.resolve("kafka"), KAFKA_PORT, KAFKA_CONTROLLER_PORT));
        stops.push(() -> stopOnceStarted("PostgreSQL", postgres, PostgresServer::close));
        stops.push(() -> stopOnceStarted("Kafka", kafka, KafkaBroker::close));
        stops.push(this::stopServices);
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        List<String> districts = options.districts();
        Map<PlatformService, CompletableFuture<HostedJar>> hostedJars = new LinkedHashMap<>();
        List<CompletableFuture<?>> ownJvms = new ArrayList<>();
        for (PlatformService s : PlatformService.values()) {
            Path jar = root.resolve(s.jar());
            if (s.hostedLocally()) {
                hostedJars.put(s, inBackground("unpack-" + s.id(), () -> HostedJar.unpack(jar, hostDir)));
                continue;
            }
            Instance i = s.instance();
            // Identity: its database, and the broker of the membership events it reads (decision 0016).
            CompletableFuture<PostgresServer> needs = i.database().isPresent()
                    ? postgres.thenCombine(kafka, (pg, broker) -> pg) : CompletableFuture.completedFuture(null);
            ownJvms.add(inBackground("unpack-" + s.id(), () -> ProcessJar.unpack(jar, hostDir)).thenCombine(needs,
                    (unpacked, pg) -> startOwnJvm(i, unpacked, configuration(i, pg, secrets, districts, budget))));
        }
        kafka.join();
        Map<PlatformService, HostedJar> jars = new LinkedHashMap<>();
        hostedJars.forEach((s, jar) -> jars.put(s, jar.join()));
        out.printf("PostgreSQL and Kafka ready, jars unpacked in %s (%d s)%n", hostDir,
                Duration.between(start, Instant.now()).toSeconds());
        host = ServiceHost.create(jars.values(), hostDir, logs);
        for (Instance i : instances) {
            if (i.service().hostedLocally()) {
                out.printf("starting %s on %d in this JVM (log %s) ...%n", i.name(), i.port(),
                        logs.resolve(i.name() + ".log"));
                HostedService service = host.start(i.name(), jars.get(i.service()),
                        ServiceConfiguration.hosted(configuration(i, postgres.join(), secrets, districts, budget)));
                hosted.add(service);
                service.awaitReady(deadline);
                out.printf("%s ready (%d s)%n", i.name(), Duration.between(start, Instant.now()).toSeconds());
            }
        }
        ownJvms.forEach(CompletableFuture::join);
        for (ServiceProcess own : processes) {
            own.awaitReady(deadline);
            out.printf("%s ready (%d s)%n", own.name(), Duration.between(start, Instant.now()).toSeconds());
        }
    }

    /**
     * The demo data, unless a previous run loaded it: membership's, then the wishes'. Districts whose data do not refer
     * to each other load side by side on the same threads ({@link Parallel}): zhangpu's year of wishes, one long
     * sequence on the replay clock, starts as soon as zhangpu's organisations and members are there.
     */
    private WishesLoader loadDemoData(List<String> districts, Map<String, ServiceClient> clients, TokenSource tokens) {
        DemoDataSet demo = DemoData.generate(districts);
        try (Parallel parallel = new Parallel()) {
            List<CompletableFuture<Void>> parts = new ArrayList<>();
            for (DemoDataSet part : demo.independentParts()) {
                parts.add(inBackground("demo-" + part.districts().get(0).id(), () -> {
                    loadDemoData(part, clients, tokens, parallel);
                    return null;
                }));
            }
            CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).join();
        }
        return new WishesLoader(demo, wishesDistricts(districts, clients, tokens), out);
    }

    private void loadDemoData(DemoDataSet part, Map<String, ServiceClient> clients, TokenSource tokens,
                              Parallel parallel) {
        List<String> districts = part.districts().stream().map(DemoDistrict::id).toList();
        DemoLoader loader = new DemoLoader(part, clients, out);
        if (loader.alreadyLoaded()) {
            out.println(districts + ": demo data already loaded (statistics match); use --reset to start afresh");
        } else {
            out.println(districts + ": loading demo data through the REST API ...");
            loader.load(parallel);
        }
        WishesLoader wishes = new WishesLoader(part, wishesDistricts(districts, clients, tokens), out);
        if (wishes.alreadyLoaded()) {
            out.println(districts + ": wishes demo data already loaded (every community's wishes are there)");
        } else {
            out.println(districts + ": loading wishes demo data through the wishes REST API ...");
            wishes.load(parallel);
        }
        if (districts.contains(DemoVolunteering.DISTRICT)) {
            VolunteeringLoader volunteering = volunteeringLoader(wishes, clients, tokens::token);
            if (volunteering.alreadyLoaded()) {
                out.println(districts + ": volunteering demo data already loaded (the brand projects and the patrol's "
                        + "hours are there)");
            } else {
                out.println(districts + ": loading volunteering demo data through the volunteering REST API ...");
                volunteering.load();
            }
        }
        EvaluationLoader evaluation = evaluationLoader(wishes, districts, clients, tokens);
        if (evaluation.alreadyLoaded()) {
            out.println(districts + ": evaluation demo data already loaded (the rounds are closed and graded)");
        } else {
            out.println(districts + ": loading evaluation demo data through the evaluation REST API ...");
            evaluation.load(parallel);
        }
    }

    /** Each district's evaluation service as its district system; staff and members sign in where the rules say. */
    private EvaluationLoader evaluationLoader(WishesLoader wishes, List<String> districts,
                                              Map<String, ServiceClient> clients, TokenSource tokens) {
        Map<String, ServiceClient> evaluation = new LinkedHashMap<>();
        districts.forEach(d -> evaluation.put(d, clients.get(d).at(PlatformService.EVALUATION.in(d).localUrl())));
        return new EvaluationLoader(wishes, evaluation, tokens::token, out);
    }

    /** Starts the service's JVM (C1 only, like the host; class data sharing, {@link ProcessJar}) and keeps it. */
    private ServiceProcess startOwnJvm(Instance instance, ProcessJar jar, Map<String, String> configuration) {
        Path log = dataDir.resolve("logs").resolve(instance.name() + ".log");
        out.printf("starting %s on %d in its own JVM (log %s) ...%n", instance.name(), instance.port(), log);
        ServiceProcess own = ServiceProcess.start(instance.name(), jar, root, instance.port(),
                ServiceConfiguration.environment(configuration), List.of("-XX:TieredStopAtLevel=1"), log);
        processes.add(own);
        return own;
    }

    private static Map<String, String> configuration(Instance instance, PostgresServer postgres, DemoSecrets secrets,
                                                     List<String> districts, ConnectionBudget budget) {
        String jdbcUrl = instance.database().map(database -> postgres.ensureDatabase(database)).orElse(null);
        return ServiceConfiguration.of(instance, jdbcUrl, KAFKA_BOOTSTRAP, secrets, districts, budget.pool());
    }

    /** The launcher (Kafka, the hosted services), the JVM that started it, identity, the gateway, PostgreSQL. */
    private Footprint footprint() {
        Footprint footprint = new Footprint();
        footprint.add("local-platform: Kafka and " + hosted.size() + " hosted services", ProcessHandle.current().pid(),
                false);
        HostJvm.launcher().ifPresent(pid -> footprint.add("java -jar local-platform.jar (started the above)", pid, false));
        processes.forEach(own -> footprint.add(own.name(), own.pid(), false));
        postmasterPid().ifPresent(pid -> footprint.add("PostgreSQL", pid, true));
        return footprint;
    }

    /** The first line of PostgreSQL's postmaster.pid in its data directory. */
    private OptionalLong postmasterPid() {
        try {
            return OptionalLong.of(Long.parseLong(
                    Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(0).strip()));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Whether the district's wishes service replays a past year (its demo data has dates in 2015). */
    static boolean replays(String district) {
        return DemoWishes.ZHANGPU.equals(district);
    }

    private static <T> CompletableFuture<T> inBackground(String name, Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        new Thread(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }, name).start();
        return result;
    }

    /** The loaders call the services directly (not through the gateway, whose rate limit would slow them). */
    private Map<String, ServiceClient> clients(List<String> districts, TokenSource tokens) {
        Map<String, ServiceClient> clients = new LinkedHashMap<>();
        for (String d : districts) {
            // The district system's token (client credentials), reused until shortly before it expires.
            clients.put(d, new ServiceClient(PlatformService.MEMBERSHIP.in(d).localUrl(), () -> tokens.system(d)));
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
        out.println("gateway    " + GATEWAY_URL + "/api/v1/<district>/<membership|wishes|volunteering|evaluation>/...   (the one entry point)");
        out.println("Swagger UI " + GATEWAY_URL + "/swagger-ui.html   (every district's services)");
        out.println("dashboard  " + GATEWAY_URL + "/dashboard/ and " + GATEWAY_URL
                + "/api/v1/dashboard/...   (the city's view; the service itself on "
                + PlatformService.DASHBOARD.instance().localUrl() + ")");
        out.println("identity   " + IDENTITY_URL + "   (OpenID Connect issuer; " + IDENTITY_URL
                + "/.well-known/openid-configuration)");
        out.println("Kafka      localhost:" + KAFKA_PORT);
        out.println("PostgreSQL jdbc:postgresql://localhost:" + POSTGRES_PORT
                + "/identity, /dashboard, /<service>_<district> (user postgres, no password)");
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
            out.println("   volunteering " + api + "/volunteering/...   (direct "
                    + PlatformService.VOLUNTEERING.in(d).localUrl() + ")");
            out.println("   evaluation " + api + "/evaluation/...   (direct "
                    + PlatformService.EVALUATION.in(d).localUrl() + ")");
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
            printEvaluation(d, wishes, clients.get(d).at(PlatformService.EVALUATION.in(d).localUrl()));
            if (d.equals(DemoVolunteering.DISTRICT)) {
                printVolunteering(volunteeringLoader(wishes, clients, (district, caller) -> {
                    throw new IllegalStateException("the summary only reads");
                }));
            }
        }
        out.println();
    }

    /** The district's closed COMMUNITY round of the demo year: its best three and where to read the rest. */
    private void printEvaluation(String d, WishesLoader wishes, ServiceClient evaluation) {
        try {
            EvaluationLoader loader = new EvaluationLoader(wishes, Map.of(d, evaluation), (district, caller) -> {
                throw new IllegalStateException("the summary only reads");
            }, out);
            JsonNode round = loader.round(d);
            if (round == null) {
                out.println("   evaluation no round yet");
                return;
            }
            String id = round.path("id").asString();
            List<String> best = new ArrayList<>();
            for (JsonNode line : evaluation.getOk("/rounds/" + id + "/honours", Map.of("top", "3"))) {
                best.add(line.path("rank").asInt() + ". " + line.path("score").asString() + " "
                        + line.path("grade").asString(""));
            }
            out.printf("   evaluation COMMUNITY round %d %s: %s; best %s   (%s/api/v1/%s/evaluation/rounds/%s/scores)%n",
                    round.path("year").asInt(), id, round.path("status").asString(), best, GATEWAY_URL, d, id);
        } catch (RuntimeException ex) {
            out.println("   evaluation unavailable: " + ex.getMessage());
        }
    }

    /**
     * 芗城区's volunteering service, as its district system, with membership's reads of the demo data; members and
     * staff sign in where the rules say ({@code tokens}).
     */
    private VolunteeringLoader volunteeringLoader(WishesLoader wishes, Map<String, ServiceClient> clients,
                                                  BiFunction<String, Caller, String> tokens) {
        String d = DemoVolunteering.DISTRICT;
        return new VolunteeringLoader(wishes, clients.get(d).at(PlatformService.VOLUNTEERING.in(d).localUrl()),
                tokens, out);
    }

    /** The article's brand projects, their outcomes read back from the volunteering service's own reports. */
    private void printVolunteering(VolunteeringLoader loader) {
        String d = DemoVolunteering.DISTRICT;
        out.printf("-- %s %s: volunteering service (志工型党员队伍), brand projects %d%n", d, Districts.NAMES.get(d),
                loader.year());
        try {
            for (DemoVolunteering.BrandProject p : DemoVolunteering.BRAND_PROJECTS) {
                String id = loader.project(p).map(j -> j.path("id").asString()).orElse("(not loaded)");
                out.printf("   %-10s %s%s: %s   (%s/api/v1/%s/volunteering/brand-projects/%s/report?from=%d-01-01"
                                + "&to=%d-12-31)%n", p.organisationName(), p.name(),
                        p == DemoVolunteering.PATROL ? " (" + loader.patrolTeamSize() + " members)" : "",
                        loader.outcomes(p), GATEWAY_URL, d, id, loader.year(), loader.year());
            }
            int y = loader.hoursYear();
            out.printf("   %-10s %s %d: %.1f h approved   (%s/api/v1/%s/volunteering/reports/volunteering"
                            + "?organisationId=%s&from=%d-01-01&to=%d-12-31)%n", DemoVolunteering.PATROL_STREET,
                    DemoVolunteering.PATROL_POST, y, loader.patrolMinutes() / 60.0, GATEWAY_URL, d,
                    loader.patrolStreet(), y, y);
        } catch (RuntimeException e) {
            out.println("   figures    unavailable: " + e.getMessage());
        }
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
        List<Integer> ports = new ArrayList<>(List.of(KAFKA_PORT, KAFKA_CONTROLLER_PORT, POSTGRES_PORT, StatusPage.PORT));
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

    /**
     * Deletes everything in the data directory but {@value #HOST_DIR}: the unpacked jars and their class archives
     * are derived from the built jars, not data, and rebuilding them would only slow the next start.
     */
    static void wipe(Path dir) {
        if (Files.exists(dir.resolve("pom.xml")) || dir.getParent() == null) {
            throw new IllegalStateException("refusing to delete " + dir + ": it does not look like a data directory");
        }
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.filter(e -> !e.getFileName().toString().equals(HOST_DIR)).toList()) {
                FileSystemUtils.deleteRecursively(entry);
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

    /** The hosted contexts and the service JVMs, all at once: each gets the same grace period, not a queue of them. */
    private void stopServices() {
        out.println("stopping " + (hosted.size() + processes.size()) + " service(s) ...");
        processes.forEach(ServiceProcess::requestStop);
        List<Thread> closing = new ArrayList<>();
        for (HostedService s : hosted) {
            Thread t = new Thread(() -> stopQuietly(s.name(), s::close), s.name() + "-stop");
            t.start();
            closing.add(t);
        }
        for (ServiceProcess own : processes) {
            own.close();
        }
        for (Thread t : closing) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (host != null) {
            host.close();
        }
    }

    /** Stops what {@code starting} starts, once it has (a start under way is waited for); nothing if it failed. */
    private <T> void stopOnceStarted(String what, CompletableFuture<T> starting, Consumer<T> stop) {
        T started = starting.exceptionally(failed -> null).join();
        if (started != null) {
            stopQuietly(what, () -> stop.accept(started));
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
