package cn.zhangzhou.partybuilding.local;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
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

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import cn.zhangzhou.partybuilding.platform.ServiceClient;
import cn.zhangzhou.partybuilding.platform.ServiceClient.Response;
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
    /** For client credentials: no cookies, nothing to remember between calls. */
    private final RestClient http;
    /** The admin API; each call names the administrator's token. */
    private final ServiceClient admin;

    /** @param baseUrl e.g. {@code http://localhost:9000} (the issuer) */
    public IdentityClient(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = client(baseUrl, null);
        this.admin = new ServiceClient(baseUrl, () -> {
            throw new IllegalStateException("the admin API is called with an administrator's token");
        });
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

    /** One answer of identity's web endpoints: redirects are read, never followed. */
    private record Answer(int status, URI location, String body) {
    }

    /**
     * Authorization code + PKCE through the login form, in a fresh cookie jar (a new browser): GET
     * /oauth2/authorize → login page → POST /login with the CSRF token → /oauth2/authorize again → the redirect
     * with the code → POST /oauth2/token with the verifier.
     */
    public AccessToken signIn(String username, String password) {
        RestClient browser = client(baseUrl, new CookieManager());
        String verifier = randomToken(32);
        String state = randomToken(16);
        URI authorize = UriComponentsBuilder.fromUriString(baseUrl).path("/oauth2/authorize")
                .queryParam("response_type", "code")
                .queryParam("client_id", DASHBOARD_CLIENT)
                .queryParam("redirect_uri", DASHBOARD_REDIRECT_URI)
                .queryParam("scope", "openid profile")
                .queryParam("state", state)
                .queryParam("code_challenge", challenge(verifier))
                .queryParam("code_challenge_method", "S256")
                .encode().build().toUri();
        URI loginPage = location(send(browser.get().uri(authorize)), "the authorization request");

        Answer page = send(browser.get().uri(loginPage));
        Matcher csrf = CSRF.matcher(page.body());
        if (page.status() != 200 || !csrf.find()) {
            throw new IllegalStateException("identity's login page " + loginPage + " has no form with a CSRF token ("
                    + page.status() + ")");
        }
        URI next = location(send(browser.post().uri("/login").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form("username", username, "password", password, "_csrf", csrf.group(1)))), "the login form");
        if (next.toString().contains("/login?error") || next.getPath().endsWith("/login")) {
            throw new LoginRefusedException("identity refused the login of '" + username
                    + "' (unknown user, wrong password, or the account is locked or disabled)");
        }
        URI callback = location(send(browser.get().uri(next)), "the authorization request after the login");
        if (!callback.toString().startsWith(DASHBOARD_REDIRECT_URI)) {
            throw new IllegalStateException("expected the redirect to " + DASHBOARD_REDIRECT_URI + ", got " + callback);
        }
        MultiValueMap<String, String> parameters = UriComponentsBuilder.fromUri(callback).build().getQueryParams();
        if (!state.equals(parameters.getFirst("state"))) {
            throw new IllegalStateException("the redirect carries another state than the request's: " + callback);
        }
        String code = parameters.getFirst("code");
        if (code == null) {
            throw new IllegalStateException("no code in the redirect: " + callback);
        }
        return token(send(browser.post().uri("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .body(form("grant_type", "authorization_code", "code", UriUtils.decode(code, StandardCharsets.UTF_8),
                                "redirect_uri", DASHBOARD_REDIRECT_URI, "client_id", DASHBOARD_CLIENT,
                                "code_verifier", verifier))),
                "the code of " + username);
    }

    /** {@code grant_type=client_credentials} with HTTP basic authentication, as a district system does. */
    public AccessToken clientCredentials(String clientId, String clientSecret) {
        // RFC 6749 2.3.1: id and secret are form-encoded before they are joined.
        Answer answer = send(http.post().uri("/oauth2/token")
                .headers(h -> h.setBasicAuth(urlEncode(clientId), urlEncode(clientSecret)))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form("grant_type", "client_credentials")));
        if (answer.status() == 401) {
            throw new LoginRefusedException("identity refused the client " + clientId + " (unknown client or wrong secret)");
        }
        return token(answer, "client credentials of " + clientId);
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
        Response r = admin(adminToken).post("/users", body, null);
        // Identity binds a MEMBER account only to a member it has heard of from the districts' membership events
        // (decision 0016, 422 until then): one registered a moment ago may not have reached it yet.
        for (Instant until = Instant.now().plus(MEMBER_EVENT_WAIT);
             r.status() == 422 && member != null && Instant.now().isBefore(until); ) {
            DemoLoader.pause();
            r = admin(adminToken).post("/users", body, null);
        }
        if (r.status() == 409) {
            return false;
        }
        r.requireSuccess("create user " + username);
        return true;
    }

    /** The user with exactly this username (the list filter is a prefix), or null. */
    public JsonNode findUser(String adminToken, String username) {
        for (JsonNode item : admin(adminToken).getOk("/users", Map.of("size", "200", "username", username)).path("items")) {
            if (username.equalsIgnoreCase(item.path("username").asString())) {
                return item;
            }
        }
        return null;
    }

    /** {@code POST /api/v1/users/{id}/password}: also lifts a lock-out. */
    public void resetPassword(String adminToken, String userId, String password) {
        admin(adminToken).post("/users/" + userId + "/password", Map.of("password", password), null)
                .requireSuccess("reset the password of user " + userId);
    }

    /** Registers a district system ({@code POST /api/v1/clients}); the answer holds its secret, shown once. */
    public RegisteredClient registerClient(String adminToken, String name, String district) {
        JsonNode answer = admin(adminToken).post("/clients", Map.of("name", name, "district", district), null)
                .requireSuccess("register the district system of " + district).body();
        return new RegisteredClient(answer.path("clientId").asString(), answer.path("clientSecret").asString(),
                answer.path("district").asString());
    }

    private ServiceClient admin(String adminToken) {
        return admin.as(() -> adminToken);
    }

    private static AccessToken token(Answer answer, String what) {
        if (answer.status() != 200) {
            throw new IllegalStateException("identity's token endpoint refused " + what + ": " + answer.status() + " "
                    + answer.body());
        }
        JsonNode json = ServiceClient.JSON.readTree(answer.body());
        String value = json.path("access_token").asString(null);
        if (value == null) {
            throw new IllegalStateException("no access_token in identity's answer to " + what);
        }
        return new AccessToken(value, Instant.now().plusSeconds(json.path("expires_in").asLong(60)));
    }

    private URI location(Answer answer, String after) {
        if (answer.status() / 100 != 3 || answer.location() == null) {
            String body = answer.body();
            throw new IllegalStateException("identity answered " + after + " with " + answer.status()
                    + " instead of a redirect: " + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
        }
        return URI.create(baseUrl + "/").resolve(answer.location());
    }

    private static Answer send(RestClient.RequestHeadersSpec<?> request) {
        return request.exchange((sent, response) -> new Answer(response.getStatusCode().value(),
                response.getHeaders().getLocation(), StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8)));
    }

    /** Redirects are never followed: the launcher reads them (the login page, the code). */
    private static RestClient client(String baseUrl, CookieManager cookies) {
        HttpClient.Builder http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5));
        if (cookies != null) {
            http.cookieHandler(cookies);
        }
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http.build());
        factory.setReadTimeout(Duration.ofSeconds(30));
        return RestClient.builder().baseUrl(baseUrl).requestFactory(factory).build();
    }

    private static MultiValueMap<String, String> form(String... namesAndValues) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
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

    private static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
