package cn.zhangzhou.partybuilding.platform;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's REST API ({@code <base URL>/api/v1}) called as one caller: the demo loaders and the benchmark's set-up
 * go through it like any other client, so what they create passes the service's validation and security. Every
 * answer comes back as a {@link Response}, failures included; {@link Response#requireSuccess} turns one into an
 * {@link ApiException} naming the problem.
 */
public final class ServiceClient {

    /** Tolerant of fields the services add later. */
    public static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    /** The services' mark of a replayed answer (service-support's IdempotencyFilter). */
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** Attempts of a call that keeps answering 5xx or losing its connection (2 s, then 4 s apart). */
    static final int TRANSIENT_ATTEMPTS = 3;

    /**
     * A service answers 5xx when it cannot verify a token for a moment (it fetches identity's JWKS when its cache
     * expires, and on a crowded machine that fetch can time out), and a pooled keep-alive connection may have been
     * closed by the server meanwhile. Every call made here is safe to repeat (creates carry an Idempotency-Key, PUT
     * and GET are idempotent), so a few spaced attempts ride such a moment out; a lasting fault still fails.
     */
    private static final RetryTemplate TRANSIENT = new RetryTemplate(RetryPolicy.builder()
            .maxRetries(TRANSIENT_ATTEMPTS - 1).delay(Duration.ofSeconds(2)).multiplier(2)
            .includes(ServerError.class, ResourceAccessException.class).build());

    private final RestClient rest;
    private final String baseUrl;
    private final Supplier<String> token;

    /** @param baseUrl e.g. {@code http://localhost:8081}; {@code token} is asked for each call */
    public ServiceClient(String baseUrl, Supplier<String> token) {
        this(RestClient.builder().baseUrl(baseUrl + "/api/v1").requestFactory(requestFactory()).build(), baseUrl, token);
    }

    private ServiceClient(RestClient rest, String baseUrl, Supplier<String> token) {
        this.rest = rest;
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** The same service called with another caller's token (a member, a community's staff, the system). */
    public ServiceClient as(Supplier<String> otherToken) {
        return new ServiceClient(rest, baseUrl, otherToken);
    }

    /** The same caller at another service's base URL (e.g. the district's wishes service). */
    public ServiceClient at(String otherBaseUrl) {
        return new ServiceClient(otherBaseUrl, token);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Response get(String path, Map<String, String> query) {
        return send(HttpMethod.GET, path, query, null, null);
    }

    public Response post(String path, Object body, String idempotencyKey) {
        return send(HttpMethod.POST, path, Map.of(), body, idempotencyKey);
    }

    public Response put(String path, Object body) {
        return send(HttpMethod.PUT, path, Map.of(), body, null);
    }

    /** GET that must succeed; the body is returned. */
    public JsonNode getOk(String path, Map<String, String> query) {
        return get(path, query).requireSuccess("GET " + path).body();
    }

    /** Every item of a paged list ({@code items}, {@code totalPages}), read 200 at a time; each page must succeed. */
    public List<JsonNode> getAllOk(String path, Map<String, String> query) {
        List<JsonNode> items = new ArrayList<>();
        Map<String, String> pageQuery = new LinkedHashMap<>(query);
        pageQuery.put("size", "200");
        for (int page = 0, pages = 1; page < pages; page++) {
            pageQuery.put("page", String.valueOf(page));
            JsonNode result = getOk(path, pageQuery);
            result.path("items").forEach(items::add);
            pages = result.path("totalPages").asInt();
        }
        return items;
    }

    private Response send(HttpMethod method, String path, Map<String, String> query, Object body, String idempotencyKey) {
        try {
            return TRANSIENT.invoke(() -> {
                Response r = exchange(method, path, query, body, idempotencyKey);
                if (r.status() >= 500) {
                    throw new ServerError(r);
                }
                return r;
            });
        } catch (ServerError lasting) {
            return lasting.response;
        }
    }

    private Response exchange(HttpMethod method, String path, Map<String, String> query, Object body,
                              String idempotencyKey) {
        RestClient.RequestBodySpec request = rest.method(method)
                .uri(uri -> {
                    uri.path(path);
                    query.forEach(uri::queryParam);
                    return uri.build();
                })
                .header("Authorization", "Bearer " + token.get())
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsBytes(body));
        }
        return request.exchange((sent, answer) -> {
            String raw = StreamUtils.copyToString(answer.getBody(), StandardCharsets.UTF_8);
            return new Response(method + " " + sent.getURI(), answer.getStatusCode().value(), parse(raw), raw,
                    "true".equals(answer.getHeaders().getFirst(REPLAYED_HEADER)));
        });
    }

    private static JsonNode parse(String text) {
        try {
            return text.isBlank() ? null : JSON.readTree(text);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static JdkClientHttpRequestFactory requestFactory() {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
        factory.setReadTimeout(Duration.ofSeconds(30));
        return factory;
    }

    /**
     * One HTTP exchange; {@code body} is null when there was none or it was not JSON; {@code replayed} when the service
     * answered a repeated Idempotency-Key with the first answer instead of acting again.
     */
    public record Response(String call, int status, JsonNode body, String raw, boolean replayed) {

        public boolean success() {
            return status >= 200 && status < 300;
        }

        public Response requireSuccess(String what) {
            if (!success()) {
                throw new ApiException(what + " → " + call + " answered " + status + ": " + problem());
            }
            return this;
        }

        /** The problem detail (RFC 9457) or the raw text. */
        public String problem() {
            if (body != null && body.hasNonNull("detail")) {
                return body.get("detail").asString()
                        + (body.has("errors") ? " " + body.get("errors") : "")
                        + (body.has("fields") ? " " + body.get("fields") : "");
            }
            return raw == null ? "" : raw.length() > 500 ? raw.substring(0, 500) + "…" : raw;
        }

        public String text(String field) {
            return body != null && body.hasNonNull(field) ? body.get(field).asString() : null;
        }
    }

    public static final class ApiException extends RuntimeException {
        public ApiException(String message) {
            super(message);
        }
    }

    /** A 5xx answer, thrown only to have it retried. */
    private static final class ServerError extends RuntimeException {
        private final transient Response response;

        ServerError(Response response) {
            super(response.call() + " answered " + response.status(), null, false, false);
            this.response = response;
        }
    }
}
