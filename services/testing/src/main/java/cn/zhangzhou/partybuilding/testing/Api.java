package cn.zhangzhou.partybuilding.testing;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP against a running service: what a district system or a dashboard would send. Spring's
 * {@link RestClient} on the JDK HTTP client (HTTP/1.1, redirects not followed); every status is an answer to assert
 * on, never an exception. Paths go out exactly as given, query strings included.
 */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final RestClient http;
    private final String baseUrl;

    public Api(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(30));
    }

    /** @param timeout how long a request may wait for its response */
    public Api(String baseUrl, Duration timeout) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
        factory.setReadTimeout(timeout);
        factory.enableCompression(false);
        this.http = RestClient.builder().requestFactory(factory).build();
        this.baseUrl = baseUrl;
    }

    /** Where the API is, e.g. {@code http://localhost:8181}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** A response: {@code body} is the parsed JSON (missing when the answer is not JSON), {@code raw} its text. */
    public record Response(int status, String contentType, JsonNode body, String raw, HttpHeaders headers) {

        public String text(String field) {
            JsonNode node = body.path(field);
            return node.isMissingNode() || node.isNull() ? null : node.asString();
        }

        public long version() {
            return body.path("version").asLong();
        }

        public String id() {
            return text("id");
        }

        public boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }

        /** The first value of a response header, or null. */
        public String header(String name) {
            return headers.getFirst(name);
        }

        @Override
        public String toString() {
            return status + " " + raw;
        }
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null);
    }

    public Response post(String path, String token, Object body) {
        return send("POST", path, token, body == null ? null : JSON.writeValueAsString(body));
    }

    public Response post(String path, String token, Object body, Map<String, String> headers) {
        HttpHeaders given = new HttpHeaders();
        given.setAll(headers);
        return exchange("POST", path, token, given, JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
    }

    public Response put(String path, String token, Object body) {
        return send("PUT", path, token, JSON.writeValueAsString(body));
    }

    /** Sends the body exactly as given: for malformed JSON and wrong types. */
    public Response sendRaw(String method, String path, String token, String rawBody) {
        return send(method, path, token, rawBody);
    }

    /** Any request: the body as given, JSON unless a {@code Content-Type} is among the headers (name, value, ...). */
    public Response send(String method, String path, String token, String body, String... headers) {
        HttpHeaders given = new HttpHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            given.add(headers[i], headers[i + 1]);
        }
        return exchange(method, path, token, given, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the body chunked, without a Content-Length (a stream of unknown length), as a streaming client would. */
    public Response sendChunked(String method, String path, String token, byte[] body) {
        return exchange(method, path, token, new HttpHeaders(), new InputStreamResource(new ByteArrayInputStream(body)));
    }

    private Response exchange(String method, String path, String token, HttpHeaders headers, Object body) {
        RestClient.RequestBodySpec request = http.method(HttpMethod.valueOf(method)).uri(URI.create(baseUrl + path))
                .headers(all -> all.addAll(headers));
        if (token != null) {
            request.headers(all -> all.setBearerAuth(token));
        }
        if (body != null) {
            request.contentType(headers.getContentType() == null ? MediaType.APPLICATION_JSON : headers.getContentType())
                    .body(body);
        }
        return request.exchange((sent, response) -> {
            String raw = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
            String type = response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
            // Only JSON answers are parsed: a Prometheus scrape or an HTML page stays raw text.
            boolean isJson = type == null || type.contains("json");
            JsonNode json = raw.isBlank() || !isJson ? JSON.missingNode() : JSON.readTree(raw);
            return new Response(response.getStatusCode().value(), type, json, raw, response.getHeaders());
        });
    }
}
