package cn.zhangzhou.partybuilding.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import cn.zhangzhou.partybuilding.benchmark.GatewayResults.Comparison;
import cn.zhangzhou.partybuilding.benchmark.GatewayResults.Measured;
import cn.zhangzhou.partybuilding.benchmark.GatewayResults.Target;
import cn.zhangzhou.partybuilding.platform.PlatformService;
import cn.zhangzhou.partybuilding.platform.ServiceProcess;
import cn.zhangzhou.partybuilding.support.security.Role;
import picocli.CommandLine.Command;

/**
 * What the gateway costs: the same GET requests direct to one membership service, through a bare Spring Cloud
 * Gateway route (deploy/bare-gateway: Path + RewritePath, nothing else) and through the real gateway (JWT and
 * district check, rate limit, circuit breaker, retry, access log, metrics, tracing: everything on, as configured
 * by its application.yml), at several concurrency levels and then at half of the direct maximum rate, all in one
 * run on the same machine. Run: {@code java -jar deploy/benchmark/target/benchmark.jar gateway}; see
 * docs/performance.md.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true, description = "GET /me and GET /members/{id} direct, "
        + "through a bare Spring Cloud Gateway and through the real gateway (all filters on), then each at half the "
        + "direct maximum rate (open loop); --service-jvm-arg applies to all three child JVMs.")
final class GatewayBenchmark extends Mode {

    /** Not a service of the platform: a benchmark baseline only. */
    static final String BARE_GATEWAY_JAR = "deploy/bare-gateway/target/bare-gateway.jar";
    static final String DISTRICT = Bench.DISTRICT;
    static final String SERVICE = "membership";
    /** Members registered before the run; the database-backed read goes round-robin over them. */
    static final int MEMBERS = 200;
    /**
     * The real gateway's token bucket (per client and route, refilled over 1 s). Every benchmark request carries
     * the same token, so all clients share one bucket: a million a second is far above anything 2 cores serve,
     * so the limiter is consulted on every request (its cost is measured) but never refuses one.
     */
    static final long RATE_LIMIT_CAPACITY = 1_000_000;
    static final int FIXED_RATE_THREADS = 64;
    /** The JIT warm-up goes round the endpoints and targets in slices of at most this long. */
    static final Duration WARMUP_SLICE = Duration.ofSeconds(5);
    static final int WARMUP_CLIENTS = 8;

    /** An endpoint of the membership API, paths relative to {@code /api/v1}. */
    record Endpoint(String name, String description, List<String> paths) {
    }

    @Override
    List<Integer> defaultLevels() {
        return List.of(1, 4, 8, 16, 32);
    }

    @Override
    void measure(Machine machine) throws Exception {
        HttpClient http = Bench.loadClient();
        ServiceProcess service = bench.startService(PlatformService.MEMBERSHIP, Map.of());
        String serviceUrl = "http://127.0.0.1:" + service.port();

        int gatewayPort = Bench.freePort();
        ServiceProcess gateway = bench.start("gateway", PlatformService.GATEWAY.jar(), gatewayPort,
                gatewayEnvironment(gatewayPort, serviceUrl, bench.keyLocation()));
        int barePort = Bench.freePort();
        ServiceProcess bare = bench.start("bare-gateway", BARE_GATEWAY_JAR, barePort,
                bareGatewayEnvironment(barePort, serviceUrl));
        Instant deadline = Instant.now().plus(Bench.READY_TIMEOUT);
        gateway.awaitReady(deadline);
        // The bare gateway has no actuator: it is ready when its route reaches the service (which wants a token).
        bare.awaitAnswer("/api/v1/" + DISTRICT + "/" + SERVICE + "/me", 401, deadline);

        String token = bench.token("benchmark-district-admin", Role.DISTRICT_ADMIN, null, null);
        out.printf("creating the organisation tree and %d members ...%n", MEMBERS);
        MembershipApi api = new MembershipApi(service.port(), token);
        api.createTree();
        List<String> memberPaths = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            memberPaths.add("/members/" + api.register());
        }
        List<Endpoint> endpoints = List.of(
                new Endpoint("me", "GET /api/v1/me (token verified, caller as JSON, no database)", List.of("/me")),
                new Endpoint("member", "GET /api/v1/members/{id} (one member by id from PostgreSQL, " + MEMBERS
                        + " members round-robin)", memberPaths));

        Map<Target, String> bases = new EnumMap<>(Target.class);
        bases.put(Target.DIRECT, serviceUrl + "/api/v1");
        bases.put(Target.BARE, "http://127.0.0.1:" + barePort + "/api/v1/" + DISTRICT + "/" + SERVICE);
        bases.put(Target.GATEWAY, "http://127.0.0.1:" + gatewayPort + "/api/v1/" + DISTRICT + "/" + SERVICE);
        Map<String, Map<Target, List<HttpRequest>>> requests = new LinkedHashMap<>();
        for (Endpoint e : endpoints) {
            Map<Target, List<HttpRequest>> byTarget = new EnumMap<>(Target.class);
            for (Target t : Target.values()) {
                byTarget.put(t, e.paths().stream().map(p -> get(bases.get(t) + p, token)).toList());
            }
            requests.put(e.name(), byTarget);
        }
        // Every path once, so a wrong route or key fails here, before minutes of load.
        for (Map<Target, List<HttpRequest>> byTarget : requests.values()) {
            for (List<HttpRequest> list : byTarget.values()) {
                expectOk(http, list.get(0));
            }
        }
        out.printf("service pid %d on %d, gateway pid %d on %d, bare gateway pid %d on %d%n", service.pid(), service.port(),
                gateway.pid(), gatewayPort, bare.pid(), barePort);

        Map<String, ServiceProcess> children = new LinkedHashMap<>();
        children.put("service", service);
        children.put("bare gateway", bare);
        children.put("gateway", gateway);
        RssPeaks rss = new RssPeaks(children);
        resources.push(rss);
        GatewayLoad load = new GatewayLoad(http);

        // The JIT compiles each JVM's hot path under load: keep that out of the measured levels.
        out.printf("warming up each target until its rate is steady, at most %d s each (%d clients) ...%n",
                options.jitWarmup().toSeconds(), WARMUP_CLIENTS);
        jitWarmup(load, requests);

        Map<String, List<Comparison>> levels = new LinkedHashMap<>();
        for (Endpoint e : endpoints) {
            List<Comparison> list = new ArrayList<>();
            for (int clients : levels()) {
                Map<Target, Measured> m = new EnumMap<>(Target.class);
                for (Target t : Target.values()) {
                    List<HttpRequest> rs = requests.get(e.name()).get(t);
                    load.closedLoop(clients, options.warmup(), rs);
                    long before = cpuTicks(receiver(t, service, bare, gateway));
                    GatewayLoad.Run run = load.closedLoop(clients, options.duration(), rs);
                    m.put(t, Measured.of(run, spent(before, receiver(t, service, bare, gateway))));
                }
                Comparison c = new Comparison(e.name(), String.valueOf(clients), m.get(Target.DIRECT), m.get(Target.BARE),
                        m.get(Target.GATEWAY));
                list.add(c);
                out.println(line(c, "clients"));
                checkAlive(service, bare, gateway);
            }
            levels.put(e.name(), list);
        }

        // Half of direct's best rate (the issue's half load), and half of the gateway's own best rate: where the
        // gateway is below 0.5× direct the first overloads it and its p99 is queueing, the second shows the latency
        // it adds while it has headroom.
        Map<String, Comparison> halfLoad = openLoop(endpoints, requests, load, service, bare, gateway,
                e -> GatewayResults.halfLoad(levels.get(e.name()), options.fixedRate()));
        Map<String, Comparison> halfGateway = openLoop(endpoints, requests, load, service, bare, gateway,
                e -> GatewayResults.halfOfBest(levels.get(e.name()), Target.GATEWAY));

        List<String> gc = new ArrayList<>();
        children.forEach((name, child) -> gc.add(name + ": " + gcUtil(child)));
        report(machine, endpoints, levels, halfLoad, halfGateway, rss.peaksMiB(), gc);
    }

    /** Each endpoint at its rate, open loop, for every target in turn. */
    private Map<String, Comparison> openLoop(List<Endpoint> endpoints, Map<String, Map<Target, List<HttpRequest>>> requests,
                                             GatewayLoad load, ServiceProcess service, ServiceProcess bare,
                                             ServiceProcess gateway, ToDoubleFunction<Endpoint> rates)
            throws InterruptedException {
        Map<String, Comparison> results = new LinkedHashMap<>();
        for (Endpoint e : endpoints) {
            double rate = rates.applyAsDouble(e);
            out.printf(Locale.ROOT, "%s at %.1f req/s for %d s per target (open loop) ...%n", e.name(), rate,
                    options.fixedRateDuration().toSeconds());
            Map<Target, Measured> m = new EnumMap<>(Target.class);
            for (Target t : Target.values()) {
                long before = cpuTicks(receiver(t, service, bare, gateway));
                GatewayLoad.Run run = load.fixedRate(rate, options.fixedRateDuration(), FIXED_RATE_THREADS,
                        requests.get(e.name()).get(t));
                m.put(t, Measured.of(run, spent(before, receiver(t, service, bare, gateway))));
            }
            Comparison c = new Comparison(e.name(), String.format(Locale.ROOT, "%.1f", rate), m.get(Target.DIRECT),
                    m.get(Target.BARE), m.get(Target.GATEWAY));
            results.put(e.name(), c);
            out.println(line(c, "req/s"));
            checkAlive(service, bare, gateway);
        }
        return results;
    }

    /** The real gateway with its own application.yml; only the address, the key and the bucket size are given. */
    static Map<String, String> gatewayEnvironment(int port, String serviceUrl, String keyLocation) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("ZZ_GATEWAY_DISTRICTS_" + DISTRICT.toUpperCase(Locale.ROOT) + "_" + SERVICE.toUpperCase(Locale.ROOT),
                serviceUrl);
        env.put(Bench.KEY_LOCATION_VARIABLE, keyLocation);
        env.put("ZZ_GATEWAY_RATE_LIMIT_DEFAULTS_CAPACITY", String.valueOf(RATE_LIMIT_CAPACITY));
        env.put("ZZ_GATEWAY_RATE_LIMIT_DEFAULTS_PERIOD", "1s");
        return env;
    }

    /** One route, the real gateway's path mapping: /api/v1/{district}/{service}/** → /api/v1/**. */
    static Map<String, String> bareGatewayEnvironment(int port, String serviceUrl) {
        String prefix = "/api/v1/" + DISTRICT + "/" + SERVICE;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("SPRING_CLOUD_GATEWAY_SERVER_WEBFLUX_ROUTES_0_ID", DISTRICT + "-" + SERVICE);
        env.put("SPRING_CLOUD_GATEWAY_SERVER_WEBFLUX_ROUTES_0_URI", serviceUrl);
        env.put("SPRING_CLOUD_GATEWAY_SERVER_WEBFLUX_ROUTES_0_PREDICATES_0", "Path=" + prefix + "/**");
        // "$\{rest}": a plain "${rest}" would be taken for a property placeholder; RewritePath turns "$\" into "$".
        env.put("SPRING_CLOUD_GATEWAY_SERVER_WEBFLUX_ROUTES_0_FILTERS_0", "RewritePath=" + prefix + "/(?<rest>.*), /api/v1/$\\{rest}");
        return env;
    }

    /**
     * Each target's JVM under its own load until its rate has stopped rising — the JIT has compiled its hot path —
     * and at most {@code --jit-warmup} per target: the real gateway needs about a minute of load on 2 cores before
     * its compiler threads go quiet, and a shared warm-up measured it half-compiled (docs/performance.md).
     */
    private void jitWarmup(GatewayLoad load, Map<String, Map<Target, List<HttpRequest>>> requests)
            throws InterruptedException {
        for (Target target : Target.values()) {
            long start = System.nanoTime();
            long end = start + options.jitWarmup().toNanos();
            WarmUp warmUp = new WarmUp(requests.keySet());
            while (System.nanoTime() < end && !warmUp.steady(Duration.ofNanos(System.nanoTime() - start))) {
                for (Map.Entry<String, Map<Target, List<HttpRequest>>> endpoint : requests.entrySet()) {
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    GatewayLoad.Run run = load.closedLoop(WARMUP_CLIENTS, Duration.ofNanos(Math.min(WARMUP_SLICE.toNanos(),
                            left)), endpoint.getValue().get(target));
                    warmUp.record(endpoint.getKey(), run.perSecond());
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            out.printf(Locale.ROOT, "  %s warmed for %d s (%s): %s%n", target.label, took.toSeconds(),
                    warmUp.steady(took) ? "steady" : "time limit", warmUp.lastRates());
        }
    }

    private static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET().build();
    }

    private static void expectOk(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** The process that receives a target's requests. */
    private static ServiceProcess receiver(Target t, ServiceProcess service, ServiceProcess bare, ServiceProcess gateway) {
        return switch (t) {
            case DIRECT -> service;
            case BARE -> bare;
            case GATEWAY -> gateway;
        };
    }

    /** The process's CPU clock ticks so far; -1 where /proc cannot tell. */
    private static long cpuTicks(ServiceProcess p) {
        try {
            return ProcessCpu.ticks(p.pid());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long spent(long before, ServiceProcess p) {
        long after = cpuTicks(p);
        return before < 0 || after < 0 ? -1 : after - before;
    }

    private static void checkAlive(ServiceProcess... children) {
        for (ServiceProcess child : children) {
            if (!child.isAlive()) {
                throw new IllegalStateException(child.log().getFileName() + ": the process died; log tail:\n" + child.tail(40));
            }
        }
    }

    /** {@code jstat -gcutil}: collections and GC time over the run, to tell whether -Xmx192m is enough. */
    private static String gcUtil(ServiceProcess child) {
        Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
        try {
            Process p = new ProcessBuilder(jstat.toString(), "-gcutil", String.valueOf(child.pid()))
                    .redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return text.replace("\n", " | ");
        } catch (IOException e) {
            return "jstat unavailable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String line(Comparison c, String unit) {
        return String.format(Locale.ROOT,
                "%-6s %6s %s: direct %.0f req/s p50 %.2f p99 %.2f ms | bare %.0f req/s p50 %.2f p99 %.2f ms | "
                        + "gateway %.0f req/s p50 %.2f p99 %.2f ms | gateway/direct %.2f, bare/direct %.2f, added p50 %+.2f "
                        + "p99 %+.2f ms | errors %d%s",
                c.endpoint(), c.load(), unit, c.direct().perSecond(), c.direct().latency().p50(), c.direct().latency().p99(),
                c.bare().perSecond(), c.bare().latency().p50(), c.bare().latency().p99(), c.gateway().perSecond(),
                c.gateway().latency().p50(), c.gateway().latency().p99(), c.gatewayRatio(), c.bareRatio(), c.addedP50(),
                c.addedP99(), c.errors(), c.firstError() == null ? "" : " (first: " + c.firstError() + ")");
    }

    private void report(Machine m, List<Endpoint> endpoints, Map<String, List<Comparison>> levels,
                        Map<String, Comparison> halfLoad, Map<String, Comparison> halfGateway,
                        Map<String, Double> rssPeaks, List<String> gc) {
        out.println();
        out.println("==== gateway benchmark ====");
        out.printf("machine  %d CPUs, %s, %d MiB, %s, %s%n", m.cpus(), m.cpuModel(), m.memoryMiB(), m.java(), m.os());
        out.printf("load     %s at the start, %s at the end%n", m.loadAverage(), Machine.currentLoadAverage());
        out.printf(Locale.ROOT, "run      %.1f s per level and target after %.1f s warm-up; JIT warm-up %d s; half load %.1f s per target%n",
                options.duration().toMillis() / 1000.0, options.warmup().toMillis() / 1000.0, options.jitWarmup().toSeconds(),
                options.fixedRateDuration().toMillis() / 1000.0);
        out.println("JVMs     every child: -Xmx192m -XX:+UseSerialGC" + (options.serviceJvmArgs().isEmpty() ? ""
                : " " + String.join(" ", options.serviceJvmArgs())));
        StringBuilder peaks = new StringBuilder();
        rssPeaks.forEach((name, mib) -> peaks.append(String.format(Locale.ROOT, "%s %.0f MiB, ", name, mib)));
        out.println("RSS peak " + peaks.substring(0, Math.max(0, peaks.length() - 2)));
        gc.forEach(g -> out.println("GC       " + g));
        for (Endpoint e : endpoints) {
            out.println("endpoint " + e.name() + " = " + e.description());
        }
        out.println();
        out.println(GatewayResults.LEVEL_HEADER);
        levels.values().forEach(list -> list.forEach(c -> out.println(GatewayResults.levelRow(c))));
        out.println();
        out.println(GatewayResults.HALF_LOAD_HEADER);
        halfLoad.values().forEach(c -> out.println(GatewayResults.halfLoadRow(c)));
        out.println();
        out.println("CPU per request of the receiving process and the gateway beside the bare route (issue 11):");
        out.println();
        out.println(GatewayResults.CPU_HEADER);
        levels.values().forEach(list -> list.forEach(c -> out.println(GatewayResults.cpuRow(c))));
        out.println();
        out.println("At half of the gateway's own best rate:");
        out.println();
        out.println(GatewayResults.HALF_LOAD_HEADER);
        halfGateway.values().forEach(c -> out.println(GatewayResults.halfLoadRow(c)));
        out.println();
        double trivial = GatewayResults.peakRatio(levels.get("me"), Target.GATEWAY);
        double database = GatewayResults.peakRatio(levels.get("member"), Target.GATEWAY);
        out.println(String.format(Locale.ROOT, "- best gateway / best direct, trivial (me): %.2f (bare %.2f) — target ≥ %.1f: %s",
                trivial, GatewayResults.peakRatio(levels.get("me"), Target.BARE), GatewayResults.TRIVIAL_TARGET,
                GatewayResults.atLeast(trivial, GatewayResults.TRIVIAL_TARGET)));
        out.println(String.format(Locale.ROOT, "- best gateway / best direct, database read (member): %.2f (bare %.2f) — target ≥ %.1f: %s",
                database, GatewayResults.peakRatio(levels.get("member"), Target.BARE), GatewayResults.DATABASE_TARGET,
                GatewayResults.atLeast(database, GatewayResults.DATABASE_TARGET)));
        halfLoad.values().forEach(c -> out.println(String.format(Locale.ROOT,
                "- added p99 at half load, %s (%s req/s): %+.2f ms — target < %.0f ms: %s", c.endpoint(), c.load(), c.addedP99(),
                GatewayResults.ADDED_P99_TARGET_MILLIS, GatewayResults.under(c.addedP99(), GatewayResults.ADDED_P99_TARGET_MILLIS))));
        halfGateway.values().forEach(c -> out.println(String.format(Locale.ROOT,
                "- added p99 at half the gateway's capacity, %s (%s req/s): %+.2f ms (bare %+.2f ms), %.2f× the bare "
                        + "route's — target ≤ %.0f× (issue 11): %s",
                c.endpoint(), c.load(), c.addedP99(), c.bareAddedP99(), c.addedP99OverBare(),
                GatewayResults.ADDED_P99_OVER_BARE_TARGET,
                GatewayResults.atMost(c.addedP99OverBare(), GatewayResults.ADDED_P99_OVER_BARE_TARGET))));
        for (Endpoint e : endpoints) {
            Comparison best = levels.get(e.name()).stream()
                    .max(Comparator.comparingDouble(c -> c.gateway().perSecond())).orElseThrow();
            out.println(String.format(Locale.ROOT,
                    "- at the gateway's best level, %s (%s clients): CPU per request %.3f ms vs bare %.3f ms, %.2f× — "
                            + "target ≤ %.1f× (issue 11): %s; throughput %.2f× the bare route's — target ≥ %.1f×: %s",
                    e.name(), best.load(), best.gateway().cpuMillis(), best.bare().cpuMillis(), best.cpuOverBare(),
                    GatewayResults.CPU_OVER_BARE_TARGET,
                    GatewayResults.atMost(best.cpuOverBare(), GatewayResults.CPU_OVER_BARE_TARGET),
                    best.throughputOverBare(), GatewayResults.THROUGHPUT_OVER_BARE_TARGET,
                    GatewayResults.atLeast(best.throughputOverBare(), GatewayResults.THROUGHPUT_OVER_BARE_TARGET)));
        }
        long errors = levels.values().stream().flatMap(List::stream).mapToLong(Comparison::errors).sum()
                + halfLoad.values().stream().mapToLong(Comparison::errors).sum()
                + halfGateway.values().stream().mapToLong(Comparison::errors).sum();
        String first = Stream.of(levels.values().stream().flatMap(List::stream), halfLoad.values().stream(),
                        halfGateway.values().stream())
                .flatMap(comparisons -> comparisons.map(Comparison::firstError))
                .filter(Objects::nonNull).findFirst().orElse(null);
        out.println("- non-2xx answers or failures: " + errors + (first == null ? "" : " (first: " + first + ")"));
    }
}
