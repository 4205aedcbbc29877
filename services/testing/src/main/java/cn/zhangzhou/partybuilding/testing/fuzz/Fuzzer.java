package cn.zhangzhou.partybuilding.testing.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad input for every operation of a service, generated from its own OpenAPI document ({@link RequestGenerator}),
 * sent by callers who may call the operation, so that the input is what is tested. A run asserts: no answer is a
 * 5xx; every 4xx is {@code application/problem+json} with a {@code detail}; a change built to be refused is never
 * accepted; and the reads and refused changes, sent first, leave {@code state} (rows and events) as it was. The odd
 * changes that may be accepted are sent after that check and counted apart. Each failure names its seed and index
 * and shows the exact request; {@code -Dfuzz.seed=<n>} replays a run, {@code -Dfuzz.requests=<n>} resizes it.
 * <p>
 * A service plugs in with one test class: its scene (ids for the path parameters, values for fields and query
 * parameters by name, another district's ids), its callers, and {@link #run}.
 */
public final class Fuzzer {

    /** Where the requests go: the service's own port, or the gateway's route to it. */
    public record Target(String name, String baseUrl, String route, long maxBodyBytes) {

        public static Target direct(String baseUrl, long maxBodyBytes) {
            return new Target("straight at the service", baseUrl, "/api/v1", maxBodyBytes);
        }

        public static Target gateway(String baseUrl, String district, String service, long maxBodyBytes) {
            return new Target("through the gateway", baseUrl, "/api/v1/" + district + "/" + service, maxBodyBytes);
        }
    }

    /** What a run sent and got. */
    public record Report(String service, String target, long seed, int operations, int requests, int reads,
                         int refusedChanges, int oddChanges, int oddAccepted, Map<Integer, Integer> statuses,
                         List<String> resent, Duration took) {

        public int count(int status) {
            return statuses.getOrDefault(status, 0);
        }

        @Override
        public String toString() {
            return "fuzz of " + service + " " + target + ": " + operations + " operations, " + requests
                    + " requests (seed " + seed + "): " + reads + " reads, " + refusedChanges + " changes built to be "
                    + "refused, " + oddChanges + " odd changes (" + oddAccepted + " accepted); statuses " + statuses
                    + "; " + resent.size() + " sent again after no answer" + (resent.isEmpty() ? "" : " " + resent)
                    + "; " + took.toSeconds() + " s, " + (requests * 1000L / Math.max(1, took.toMillis())) + " per second";
        }
    }

    /** The objects the valid requests name: ids by path parameter, values by field or query name, foreign ids. */
    static final class Scene {
        final Map<String, List<Object>> ids = new HashMap<>();
        final Map<String, Object> values = new HashMap<>();
        final List<String> foreign = new ArrayList<>();
        final List<String> all = new ArrayList<>();

        /** By {@code "<segment before>/{name}"} first, then {@code "{name}"}. */
        List<Object> idsFor(String template, String name) {
            String placeholder = "{" + name + "}";
            String before = template.substring(0, template.indexOf(placeholder) - 1);
            String qualified = before.substring(before.lastIndexOf('/') + 1) + "/" + placeholder;
            return ids.getOrDefault(qualified, ids.getOrDefault(placeholder, List.of()));
        }

        String anyId(SplittableRandom r) {
            return all.isEmpty() ? "00000000-0000-0000-0000-000000000001" : all.get(r.nextInt(all.size()));
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int THREADS = 4;
    private static final int SHOWN = 25;

    private final String service;
    private final List<Operation> operations;
    private final JsonNode schemas;
    private final Scene scene = new Scene();
    private final Map<String, String> callers = new HashMap<>();
    private final java.util.Set<String> recording = new java.util.HashSet<>();
    private String caller;

    /** @param apiDocs the service's own {@code /v3/api-docs} */
    public Fuzzer(String service, JsonNode apiDocs) {
        this.service = service;
        this.operations = Operation.of(apiDocs);
        this.schemas = apiDocs.path("components").path("schemas");
        if (operations.isEmpty()) {
            throw new IllegalArgumentException(service + ": the OpenAPI document has no operation");
        }
    }

    /** The seed of this run: {@code -Dfuzz.seed}, else a fixed one, so a CI run is repeatable. */
    public static long seed() {
        return Long.getLong("fuzz.seed", 20_261_206L);
    }

    /** {@code -Dfuzz.requests}, else the given number. */
    public static int requests(int otherwise) {
        return Integer.getInteger("fuzz.requests", otherwise);
    }

    /** The token of every operation without its own caller. */
    public Fuzzer caller(String token) {
        this.caller = token;
        return this;
    }

    /** The token for these operations (as the OpenAPI document names them, {@code "POST /api/v1/wishes/{id}/claim"}). */
    public Fuzzer caller(String token, String... operationKeys) {
        for (String key : operationKeys) {
            requireOperation(key);
            callers.put(key, token);
        }
        return this;
    }

    private void requireOperation(String key) {
        if (operations.stream().noneMatch(op -> op.key().equals(key))) {
            throw new IllegalArgumentException(service + " has no operation " + key);
        }
    }

    /**
     * Reads that record that they were made (wishes' contact reveal: a row and an event per reveal): sent with the
     * odd changes, after the check that nothing changed.
     */
    public Fuzzer recording(String... operationKeys) {
        for (String key : operationKeys) {
            requireOperation(key);
            recording.add(key);
        }
        return this;
    }

    /** Valid ids for a path parameter: {@code "{memberId}"}, or {@code "wishes/{id}"} for the one after that segment. */
    public Fuzzer id(String parameter, Object... ids) {
        for (Object id : ids) {
            scene.ids.computeIfAbsent(parameter, p -> new ArrayList<>()).add(id);
            scene.all.add(id.toString());
        }
        return this;
    }

    /** The valid value of a body field or query parameter of that name, wherever it occurs. */
    public Fuzzer value(String name, Object value) {
        scene.values.put(name, value);
        return this;
    }

    /** Ids another district holds (this service must not). */
    public Fuzzer foreign(Object... ids) {
        for (Object id : ids) {
            scene.foreign.add(id.toString());
        }
        return this;
    }

    /**
     * Sends {@code requests} requests and fails listing every broken answer.
     *
     * @param state what must not change while reads and refused changes run: rows and event counts
     */
    public Report run(Target target, long seed, int requests, Supplier<String> state) {
        List<String> missing = new ArrayList<>();
        for (Operation op : operations) {
            if (caller == null && !callers.containsKey(op.key())) {
                missing.add("no caller for " + op.key());
            }
            for (Operation.Param p : op.path()) {
                if (scene.idsFor(op.template(), p.name()).isEmpty() && !p.schema().has("enum")) {
                    missing.add("no id for {" + p.name() + "} of " + op.key() + " (Fuzzer.id)");
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(service + ": the fuzzer needs\n  " + String.join("\n  ", missing));
        }
        RequestGenerator generator = new RequestGenerator(operations, schemas, scene, target.maxBodyBytes());
        Map<Boolean, List<Integer>> phases = new HashMap<>();
        IntStream.range(0, requests).forEach(i -> phases.computeIfAbsent(generator.mayChange(seed, i)
                || recording.contains(generator.operationOf(i).key()), later -> new ArrayList<>()).add(i));
        Instant start = Instant.now();
        Sent sent = new Sent();
        String before = state.get();
        send(target, generator, seed, phases.getOrDefault(false, List.of()), sent);
        String after = state.get();
        if (!before.equals(after)) {
            sent.failures.add("the reads and the changes built to be refused changed what must not change:\n"
                    + "      before " + before + "\n      after  " + after);
        }
        send(target, generator, seed, phases.getOrDefault(true, List.of()), sent);
        Report report = new Report(service, target.name(), seed, operations.size(), requests, sent.reads.get(),
                sent.refused.get(), sent.odd.get(), sent.accepted.get(), new TreeMap<>(sent.statuses),
                List.copyOf(sent.resent), Duration.between(start, Instant.now()));
        System.out.println(report);
        if (!sent.failures.isEmpty()) {
            List<String> shown = sent.failures.stream().limit(SHOWN).toList();
            throw new AssertionError(sent.failures.size() + " broken answers in the " + report + "\n  "
                    + String.join("\n  ", shown) + (sent.failures.size() > SHOWN ? "\n  …" : ""));
        }
        return report;
    }

    /** What was sent and answered, counted by all threads. */
    private static final class Sent {
        final Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger odd = new AtomicInteger();
        final AtomicInteger accepted = new AtomicInteger();
        final ConcurrentLinkedQueue<String> resent = new ConcurrentLinkedQueue<>();
    }

    private void send(Target target, RequestGenerator generator, long seed, List<Integer> indexes, Sent sent) {
        HttpClient http = newClient();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    for (int n = next.getAndIncrement(); n < indexes.size(); n = next.getAndIncrement()) {
                        FuzzRequest request = generator.generate(seed, indexes.get(n));
                        boolean read = request.method().equals("GET");
                        (read ? sent.reads : request.mayChange() ? sent.odd : sent.refused).incrementAndGet();
                        HttpResponse<byte[]> response;
                        try {
                            response = exchange(http, target, request);
                        } catch (IOException first) {
                            // Sent again once on a connection of its own: see docs/reliability.md, "Bad input".
                            sent.resent.add(first + " on " + request.seed() + " #" + request.index());
                            System.out.println("no answer (" + first + "), sending again: " + request);
                            try {
                                response = exchange(newClient(), target, request);
                            } catch (IOException again) {
                                sent.failures.add("no answer (" + first + ", sent again: " + again + ") to " + request);
                                continue;
                            }
                        }
                        check(request, response, sent);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private HttpResponse<byte[]> exchange(HttpClient http, Target target, FuzzRequest request) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(target.baseUrl() + target.route()
                        + request.path().substring("/api/v1".length())))
                .timeout(Duration.ofSeconds(20))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        String token = callers.getOrDefault(request.operation(), caller);
        builder.header("Authorization", "Bearer " + token);
        for (int i = 0; i < request.headers().size(); i += 2) {
            builder.header(request.headers().get(i), request.headers().get(i + 1));
        }
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void check(FuzzRequest request, HttpResponse<byte[]> response, Sent sent) {
        boolean read = request.method().equals("GET");
        int status = response.statusCode();
        sent.statuses.merge(status, 1, Integer::sum);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        String answer = "answered " + status + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        if (status >= 500) {
            sent.failures.add(answer + "\n    to " + request);
        } else if (status >= 400) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json") || detail(body).isBlank()) {
                sent.failures.add("a " + status + " without a problem document (Content-Type " + type + "): "
                        + answer + "\n    to " + request);
            }
        } else if (status >= 300 || !read && !request.mayChange()) {
            sent.failures.add("a change built to be refused was " + answer + "\n    to " + request);
        } else if (request.mayChange()) {
            sent.accepted.incrementAndGet();
        }
    }

    private static String detail(String body) {
        try {
            return JSON.readTree(body).path("detail").asString("");
        } catch (RuntimeException notJson) {
            return "";
        }
    }
}
