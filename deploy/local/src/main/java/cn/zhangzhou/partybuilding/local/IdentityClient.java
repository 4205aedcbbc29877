package cn.zhangzhou.partybuilding.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import cn.zhangzhou.partybuilding.support.security.Role;
import tools.jackson.databind.JsonNode;

/**
 * The launcher's client of the identity service: it obtains tokens the way real clients do and never signs one.
 * <ul>
 *   <li>{@link #signIn}: what a dashboard and its user's browser do — authorization code with PKCE (S256) as the
 *       public client {@code dashboard}, through the real login form (its CSRF token and session cookie);</li>
 *   <li>{@link #clientCredentials}: what a district system (区级系统) does with its client id and secret;</li>
 *   <li>the admin API ({@code /api/v1/users}, {@code /api/v1/clients}) with an administrator's token.</li>
 * </ul>
 */
public final class IdentityClient {

    /** The dashboards' public client, registered by identity at each start (zz.identity.browser-client). */
    public static final String DASHBOARD_CLIENT = "dashboard";
    /** One of its registered redirect URIs; nothing listens there, the launcher reads the code off the redirect. */
    public static final String DASHBOARD_REDIRECT_URI = "http://localhost:5173/callback";

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long a member's account waits for identity to learn the member from the district's events. */
    private static final Duration MEMBER_EVENT_WAIT = Duration.ofSeconds(60);

    private final String baseUrl;
    /** For the admin API and client credentials: no cookies, nothing to remember between calls. */
    private final HttpClient http;

    /** @param baseUrl e.g. {@code http://localhost:9000} (the issuer) */
    public IdentityClient(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** An access token and when it stops being accepted. */
    public record AccessToken(String value, Instant expiresAt) {

        /** Still good for at least {@code margin}. */
        public boolean validFor(Duration margin, Instant now) {
            return now.plus(margin).isBefore(expiresAt);
        }
    }

    /** What a registration of a district system returns: the secret is shown this once. */
    public record RegisteredClient(String clientId, String clientSecret, String district) {
    }

    /** Signing in was refused: an unknown user, a wrong password, a locked or disabled account look the same. */
    public static final class LoginRefusedException extends RuntimeException {
        public LoginRefusedException(String message) {
            super(message);
        }
    }

    /**
     * Authorization code + PKCE through the login form, in a fresh cookie jar (a new browser): GET
     * /oauth2/authorize → login page → POST /login with the CSRF token → /oauth2/authorize again → the redirect
     * with the code → POST /oauth2/token with the verifier.
     */
    public AccessToken signIn(String username, String password) {
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String verifier = randomToken(32);
        String state = randomToken(16);
        Map<String, String> authorize = new LinkedHashMap<>();
        authorize.put("response_type", "code");
        authorize.put("client_id", DASHBOARD_CLIENT);
        authorize.put("redirect_uri", DASHBOARD_REDIRECT_URI);
        authorize.put("scope", "openid profile");
        authorize.put("state", state);
        authorize.put("code_challenge", challenge(verifier));
        authorize.put("code_challenge_method", "S256");
        HttpResponse<String> start = send(browser, get(baseUrl + "/oauth2/authorize?" + form(authorize)));
        String loginPage = location(start, "the authorization request");

        HttpResponse<String> page = send(browser, get(loginPage));
        Matcher csrf = CSRF.matcher(page.body());
        if (page.statusCode() != 200 || !csrf.find()) {
            throw new IllegalStateException("identity's login page " + loginPage + " has no form with a CSRF token ("
                    + page.statusCode() + ")");
        }
        Map<String, String> login = new LinkedHashMap<>();
        login.put("username", username);
        login.put("password", password);
        login.put("_csrf", csrf.group(1));
        HttpResponse<String> afterLogin = send(browser, post(baseUrl + "/login", form(login)).build());
        String next = location(afterLogin, "the login form");
        if (next.contains("/login?error") || next.endsWith("/login")) {
            throw new LoginRefusedException("identity refused the login of '" + username
                    + "' (unknown user, wrong password, or the account is locked or disabled)");
        }
        String callback = location(send(browser, get(next)), "the authorization request after the login");
        if (!callback.startsWith(DASHBOARD_REDIRECT_URI)) {
            throw new IllegalStateException("expected the redirect to " + DASHBOARD_REDIRECT_URI + ", got " + callback);
        }
        if (!state.equals(queryParameter(callback, "state"))) {
            throw new IllegalStateException("the redirect carries another state than the request's: " + callback);
        }
        String code = queryParameter(callback, "code");
        if (code == null) {
            throw new IllegalStateException("no code in the redirect: " + callback);
        }
        Map<String, String> exchange = new LinkedHashMap<>();
        exchange.put("grant_type", "authorization_code");
        exchange.put("code", code);
        exchange.put("redirect_uri", DASHBOARD_REDIRECT_URI);
        exchange.put("client_id", DASHBOARD_CLIENT);
        exchange.put("code_verifier", verifier);
        return token(send(browser, post(baseUrl + "/oauth2/token", form(exchange)).build()), "the code of " + username);
    }

    /** {@code grant_type=client_credentials} with HTTP basic authentication, as a district system does. */
    public AccessToken clientCredentials(String clientId, String clientSecret) {
        String basic = Base64.getEncoder().encodeToString((urlEncode(clientId) + ":" + urlEncode(clientSecret))
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(http, post(baseUrl + "/oauth2/token", "grant_type=client_credentials")
                .header("Authorization", "Basic " + basic).build());
        if (response.statusCode() == 401) {
            throw new LoginRefusedException("identity refused the client " + clientId + " (unknown client or wrong secret)");
        }
        return token(response, "client credentials of " + clientId);
    }

    /**
     * Creates a user with the admin API ({@code POST /api/v1/users}).
     *
     * @return false when the username is taken already (409), true when created
     */
    public boolean createUser(String adminToken, String username, String password, Role role, String district,
                              UUID org, UUID member) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        body.put("roles", Set.of(role.name()));
        body.put("district", district);
        body.put("org", org);
        body.put("member", member);
        HttpRequest create = json(adminToken, "/api/v1/users", body);
        HttpResponse<String> r = send(http, create);
        // Identity binds a MEMBER account only to a member it has heard of from the districts' membership events
        // (decision 0016, 422 until then): one registered a moment ago may not have reached it yet.
        for (Instant until = Instant.now().plus(MEMBER_EVENT_WAIT);
             r.statusCode() == 422 && member != null && Instant.now().isBefore(until); ) {
            DemoLoader.pause();
            r = send(http, create);
        }
        if (r.statusCode() == 409) {
            return false;
        }
        requireSuccess(r, "create user " + username);
        return true;
    }

    /** The user with exactly this username (the list filter is a prefix), or null. */
    public JsonNode findUser(String adminToken, String username) {
        HttpResponse<String> r = send(http, HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/users?size=200&username="
                        + urlEncode(username))).header("Authorization", "Bearer " + adminToken)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).GET().build());
        requireSuccess(r, "find user " + username);
        for (JsonNode item : Json.MAPPER.readTree(r.body()).path("items")) {
            if (username.equalsIgnoreCase(item.path("username").asString())) {
                return item;
            }
        }
        return null;
    }

    /** {@code POST /api/v1/users/{id}/password}: also lifts a lock-out. */
    public void resetPassword(String adminToken, String userId, String password) {
        requireSuccess(send(http, json(adminToken, "/api/v1/users/" + userId + "/password", Map.of("password", password))),
                "reset the password of user " + userId);
    }

    /** Registers a district system ({@code POST /api/v1/clients}); the answer holds its secret, shown once. */
    public RegisteredClient registerClient(String adminToken, String name, String district) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("district", district);
        HttpResponse<String> r = send(http, json(adminToken, "/api/v1/clients", body));
        requireSuccess(r, "register the district system of " + district);
        JsonNode answer = Json.MAPPER.readTree(r.body());
        return new RegisteredClient(answer.path("clientId").asString(), answer.path("clientSecret").asString(),
                answer.path("district").asString());
    }

    private HttpRequest json(String token, String path, Object body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body))).build();
    }

    private static AccessToken token(HttpResponse<String> response, String what) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("identity's token endpoint refused " + what + ": " + response.statusCode()
                    + " " + response.body());
        }
        JsonNode json = Json.MAPPER.readTree(response.body());
        String value = json.path("access_token").asString(null);
        if (value == null) {
            throw new IllegalStateException("no access_token in identity's answer to " + what);
        }
        return new AccessToken(value, Instant.now().plusSeconds(json.path("expires_in").asLong(60)));
    }

    private static void requireSuccess(HttpResponse<String> r, String what) {
        if (r.statusCode() < 200 || r.statusCode() >= 300) {
            String body = r.body() == null ? "" : r.body();
            throw new MembershipClient.ApiException(what + " → " + r.request().method() + " " + r.request().uri()
                    + " answered " + r.statusCode() + ": " + (body.length() > 500 ? body.substring(0, 500) + "…" : body));
        }
    }

    private String location(HttpResponse<String> response, String after) {
        String location = response.headers().firstValue("Location").orElse(null);
        if (response.statusCode() / 100 != 3 || location == null) {
            throw new IllegalStateException("identity answered " + after + " with " + response.statusCode()
                    + " instead of a redirect: " + abbreviate(response.body()));
        }
        return URI.create(baseUrl + "/").resolve(location).toString();
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Accept", "text/html")
                .GET().build();
    }

    private static HttpRequest.Builder post(String url, String form) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String queryParameter(String url, String name) {
        int q = url.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> urlEncode(e.getKey()) + "=" + urlEncode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
