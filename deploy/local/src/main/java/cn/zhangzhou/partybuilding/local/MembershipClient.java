package cn.zhangzhou.partybuilding.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

/**
 * A plain HTTP client of one district's service (base path {@code /api/v1}): membership, and wishes through
 * {@link #as}; the demo data goes through it like through any other client, so it passes the service's
 * validation and security.
 */
public final class MembershipClient {

    /** Attempts of a call that keeps answering 5xx (2 s, then 4 s apart). */
    static final int TRANSIENT_ATTEMPTS = 3;

    private final HttpClient http;
    private final String baseUrl;
    private final Supplier<String> token;

    /** @param baseUrl e.g. {@code http://localhost:8081} */
    public MembershipClient(HttpClient http, String baseUrl, Supplier<String> token) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.token = token;
    }

    public static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The same service called with another caller's token (a member, a community's staff, the system). */
    public MembershipClient as(Supplier<String> otherToken) {
        return new MembershipClient(http, baseUrl, otherToken);
    }

    /** The same caller at another service's base URL (e.g. the district's wishes service). */
    public MembershipClient at(String otherBaseUrl) {
        return new MembershipClient(http, otherBaseUrl, token);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Response get(String path, Map<String, String> query) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(request(path + q).GET());
    }

    public Response post(String path, Object body, String idempotencyKey) {
        HttpRequest.Builder b = request(path).POST(json(body));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return send(b);
    }

    public Response put(String path, Object body) {
        return send(request(path).PUT(json(body)));
    }

    /** GET that must succeed; the body is returned. */
    public JsonNode getOk(String path, Map<String, String> query) {
        return get(path, query).requireSuccess("GET " + path).body();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1" + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token.get())
                .header("Accept", "application/json, application/problem+json")
                .header("Content-Type", "application/json");
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        return HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body));
    }

    private Response send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> r;
            try {
                r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException staleConnection) {
                // A pooled keep-alive connection the server closed meanwhile; every call of ours is safe to
                // repeat (creates carry an Idempotency-Key, PUT and GET are idempotent), so try once more.
                r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            }
            // A service answers 5xx when it cannot verify a token for a moment: it fetches identity's JWKS when its
            // cache expires, and on a crowded machine that fetch can time out. Our calls are safe to repeat (see
            // above), so a few spaced attempts ride such a moment out; a lasting fault still fails.
            for (int attempt = 1; attempt < TRANSIENT_ATTEMPTS && r.statusCode() >= 500; attempt++) {
                sleep(Duration.ofSeconds(2L * attempt));
                r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            }
            JsonNode body = r.body() == null || r.body().isBlank() ? null : parse(r.body());
            return new Response(request.method() + " " + request.uri(), r.statusCode(), body, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void sleep(Duration pause) throws InterruptedException {
        Thread.sleep(pause.toMillis());
    }

    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /** One HTTP exchange; {@code body} is null when there was none or it was not JSON. */
    public record Response(String call, int status, JsonNode body, String raw) {

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
}
