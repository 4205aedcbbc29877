package cn.zhangzhou.partybuilding.identity.testing;

import java.io.IOException;
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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the dashboard and its user's browser do: authorization code with PKCE through the real login form
 * (GET /oauth2/authorize, the login page, POST /login with the CSRF token, the code, POST /oauth2/token with the
 * verifier). Every sign-in uses a fresh cookie jar, as a new browser would.
 */
public final class Browser {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private final String baseUrl;
    private HttpClient http;

    public Browser(String baseUrl) {
        this.baseUrl = baseUrl;
        newSession();
    }

    public record Tokens(String accessToken, String idToken, JsonNode raw) {
    }

    public record Reply(int status, String location, String body) {
    }

    public void newSession() {
        http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The whole flow; fails the test when any step does not go as a real browser would see it. */
    public Tokens signIn(String username, String password) {
        newSession();
        String verifier = verifier();
        Reply login = startAuthorization(challenge(verifier), "state-1");
        Reply afterLogin = submitLogin(username, password);
        if (afterLogin.location() == null || afterLogin.location().contains("/login?error")) {
            throw new AssertionError("login refused for " + username + ": " + afterLogin);
        }
        Reply redirect = get(afterLogin.location());
        String code = queryParameter(redirect.location(), "code");
        if (code == null) {
            throw new AssertionError("no code after login: " + redirect + " (login page was " + login.location() + ")");
        }
        HttpResponse<String> token = exchange(code, verifier);
        if (token.statusCode() != 200) {
            throw new AssertionError("token request failed: " + token.statusCode() + " " + token.body());
        }
        JsonNode json = JSON.readTree(token.body());
        return new Tokens(json.path("access_token").asString(), json.path("id_token").asString(null), json);
    }

    /** GET /oauth2/authorize as a browser (HTML); the answer when not signed in is a redirect to the login page. */
    public Reply startAuthorization(String challenge, String state) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", "dashboard");
        query.put("redirect_uri", IdentityTest.REDIRECT_URI);
        query.put("scope", "openid profile");
        query.put("state", state);
        if (challenge != null) {
            query.put("code_challenge", challenge);
            query.put("code_challenge_method", "S256");
        }
        return get(baseUrl + "/oauth2/authorize?" + form(query));
    }

    /** Loads the login page, takes its CSRF token and posts the form. */
    public Reply submitLogin(String username, String password) {
        Reply page = get(baseUrl + "/login");
        Matcher csrf = CSRF.matcher(page.body());
        if (page.status() != 200 || !csrf.find()) {
            throw new AssertionError("no login form with a CSRF token: " + page);
        }
        return postForm(baseUrl + "/login", Map.of("username", username, "password", password, "_csrf", csrf.group(1)),
                null);
    }

    public HttpResponse<String> exchange(String code, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", IdentityTest.REDIRECT_URI);
        form.put("client_id", "dashboard");
        form.put("code_verifier", verifier);
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build());
    }

    public Reply get(String url) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : baseUrl + url))
                .header("Accept", "text/html").GET().build());
        return reply(response);
    }

    public Reply postForm(String url, Map<String, String> fields, String basicAuth) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        if (basicAuth != null) {
            request.header("Authorization", "Basic " + basicAuth);
        }
        return reply(send(request.build()));
    }

    private static Reply reply(HttpResponse<String> response) {
        return new Reply(response.statusCode(), response.headers().firstValue("Location").orElse(null), response.body());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String verifier() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String queryParameter(String url, String name) {
        if (url == null || !url.contains("?")) {
            return null;
        }
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
