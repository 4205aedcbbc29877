package cn.zhangzhou.partybuilding.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhangzhou.partybuilding.identity.testing.Browser;
import cn.zhangzhou.partybuilding.identity.testing.IdentityTest;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.security.CallerClaims;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.testing.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The dashboards' sign-in: authorization code with PKCE through the real login form, tokens checked against the JWKS. */
class AuthorizationCodeFlowTest extends IdentityTest {

    @Test
    void aCommunityWorkerSignsInAndGetsATokenWithTheirRolesAndScope() {
        UUID community = UUID.randomUUID();
        String username = unique("worker");
        createUser(username, Set.of("COMMUNITY_STAFF"), "xiangcheng", community, null);

        String verifier = Browser.verifier();
        Browser.Reply toLogin = browser.startAuthorization(Browser.challenge(verifier), "s-42");
        assertThat(toLogin.status()).isEqualTo(302);
        assertThat(toLogin.location()).endsWith("/login");

        Browser.Reply afterLogin = browser.submitLogin(username, PASSWORD);
        assertThat(afterLogin.status()).isEqualTo(302);
        assertThat(afterLogin.location()).contains("/oauth2/authorize");

        Browser.Reply toClient = browser.get(afterLogin.location());
        assertThat(toClient.status()).isEqualTo(302);
        assertThat(toClient.location()).startsWith(REDIRECT_URI);
        assertThat(Browser.queryParameter(toClient.location(), "state")).isEqualTo("s-42");
        String code = Browser.queryParameter(toClient.location(), "code");
        assertThat(code).isNotBlank();

        HttpResponse<String> token = browser.exchange(code, verifier);
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        JsonNode json = JsonMapper.builder().build().readTree(token.body());

        Jwt access = jwksDecoder().decode(json.path("access_token").asString());
        assertThat(access.getSubject()).isEqualTo(username);
        assertThat(access.getIssuer().toString()).isEqualTo(ISSUER);
        assertThat(access.getClaimAsStringList("roles")).containsExactly("COMMUNITY_STAFF");
        assertThat(access.getClaimAsString("district")).isEqualTo("xiangcheng");
        assertThat(access.getClaimAsString("org")).isEqualTo(community.toString());
        assertThat(access.hasClaim("member")).isFalse();
        assertThat(Duration.between(access.getIssuedAt(), access.getExpiresAt())).isEqualTo(Duration.ofMinutes(10));
        assertThat(access.getHeaders().get("kid")).isNotNull();

        // Exactly what every service makes of it.
        Caller caller = new CallerClaims().read(access.getSubject(), access.getClaims());
        assertThat(caller.roles()).containsExactly(Role.COMMUNITY_STAFF);
        assertThat(caller.org()).isEqualTo(community);
        assertThat(caller.isStaffOf("xiangcheng")).isTrue();

        Jwt id = jwksDecoder().decode(json.path("id_token").asString());
        assertThat(id.getAudience()).containsExactly("dashboard");
        assertThat(id.getClaimAsStringList("roles")).containsExactly("COMMUNITY_STAFF");
        assertThat(id.getClaimAsString("district")).isEqualTo("xiangcheng");
    }

    /**
     * Regression: redeeming a code reads the authorization, whose row mapper reads its client in a nested query. Outside
     * a transaction that took a second connection while holding the first, so as many redemptions at once as the pool
     * has connections waited for each other until the pool's timeout (the local platform with all districts: a pool of
     * 4, and its demo loaders' sign-ins froze identity for 30 s; this context's pool has 2).
     */
    @Test
    void moreCodesRedeemedAtOnceThanThePoolHasConnectionsAreAllAnswered() throws Exception {
        int signIns = 8;
        List<Browser> browsers = new java.util.ArrayList<>();
        List<String[]> codes = new java.util.ArrayList<>();
        for (int i = 0; i < signIns; i++) {
            String username = unique("concurrent");
            createUser(username, Set.of("COMMUNITY_STAFF"), "xiangcheng", UUID.randomUUID(), null);
            Browser b = new Browser("http://localhost:" + port);
            String verifier = Browser.verifier();
            b.startAuthorization(Browser.challenge(verifier), "s-" + i);
            Browser.Reply afterLogin = b.submitLogin(username, PASSWORD);
            String code = Browser.queryParameter(b.get(afterLogin.location()).location(), "code");
            browsers.add(b);
            codes.add(new String[] {code, verifier});
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(signIns);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < signIns; i++) {
                Browser b = browsers.get(i);
                String[] code = codes.get(i);
                answers.add(pool.submit(() -> {
                    start.await();
                    return b.exchange(code[0], code[1]);
                }));
            }
            start.countDown();
            // Before the fix: a 500 after the pool's timeout (10 s) for those that waited for each other.
            for (java.util.concurrent.Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> token = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMemberTokenCarriesTheMemberId() {
        UUID member = member("longwen");
        String username = unique("member");
        createUser(username, Set.of("MEMBER"), "longwen", null, member);
        Jwt access = jwksDecoder().decode(browser.signIn(username, PASSWORD).accessToken());
        assertThat(access.getClaimAsStringList("roles")).isEqualTo(List.of("MEMBER"));
        assertThat(access.getClaimAsString("member")).isEqualTo(member.toString());
        assertThat(CallerClaims.caller(access.getSubject(), access.getClaims()).member()).isEqualTo(member);
    }

    @Test
    void theCodeNeedsTheVerifierItsChallengeWasMadeFromAndWorksOnce() {
        String username = unique("admin-x");
        createUser(username, Set.of("DISTRICT_ADMIN"), "xiangcheng", null, null);
        String verifier = Browser.verifier();
        browser.startAuthorization(Browser.challenge(verifier), "s");
        String code = Browser.queryParameter(browser.get(browser.submitLogin(username, PASSWORD).location()).location(),
                "code");
        HttpResponse<String> wrong = browser.exchange(code, Browser.verifier());
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("invalid_grant");
        assertThat(browser.exchange(code, verifier).statusCode()).isEqualTo(200);
        // A code is redeemed once only.
        HttpResponse<String> again = browser.exchange(code, verifier);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("invalid_grant");
    }

    @Test
    void theNextTokenCarriesTheRolesAsTheyAreNowAndADisabledAccountGetsNone() {
        String username = unique("changing");
        UUID id = createUser(username, Set.of("DISTRICT_ADMIN"), "xiangcheng", null, null);
        assertThat(jwksDecoder().decode(browser.signIn(username, PASSWORD).accessToken())
                .getClaimAsStringList("roles")).containsExactly("DISTRICT_ADMIN");

        UUID member = member("xiangcheng");
        long version = api.get("/api/v1/users/" + id, adminToken()).version();
        java.util.Map<String, Object> access = new java.util.HashMap<>();
        access.put("roles", List.of("MEMBER"));
        access.put("district", "xiangcheng");
        access.put("member", member);
        access.put("version", version);
        assertThat(api.put("/api/v1/users/" + id + "/access", adminToken(), access).status()).isEqualTo(200);
        Jwt after = jwksDecoder().decode(browser.signIn(username, PASSWORD).accessToken());
        assertThat(after.getClaimAsStringList("roles")).containsExactly("MEMBER");
        assertThat(after.getClaimAsString("member")).isEqualTo(member.toString());

        // Signed in, then disabled before the dashboard redeems its code: no token.
        String verifier = Browser.verifier();
        browser.newSession();
        browser.startAuthorization(Browser.challenge(verifier), "s");
        String code = Browser.queryParameter(browser.get(browser.submitLogin(username, PASSWORD).location()).location(),
                "code");
        assertThat(api.post("/api/v1/users/" + id + "/disable", adminToken(), null).status()).isEqualTo(200);
        HttpResponse<String> refused = browser.exchange(code, verifier);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("invalid_grant").doesNotContain("access_token");
    }

    @Test
    void withoutPkceThePublicClientGetsNoCode() {
        Browser.Reply reply = browser.startAuthorization(null, "s");
        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.location()).startsWith(REDIRECT_URI).contains("error=invalid_request");
        assertThat(Browser.queryParameter(reply.location(), "code")).isNull();
    }

    @Test
    void anUnregisteredRedirectUriIsRefusedWithoutRedirecting() {
        Browser.Reply reply = browser.get(baseUrl() + "/oauth2/authorize?response_type=code&client_id=dashboard"
                + "&redirect_uri=https%3A%2F%2Fevil.example%2Fcb&scope=openid&code_challenge_method=S256"
                + "&code_challenge=" + Browser.challenge(Browser.verifier()));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.location()).isNull();
    }

    @Test
    void aWrongPasswordGoesBackToTheFormWithAnError() {
        String username = unique("typo");
        createUser(username, Set.of("DISTRICT_ADMIN"), "xiangcheng", null, null);
        browser.startAuthorization(Browser.challenge(Browser.verifier()), "s");
        Browser.Reply reply = browser.submitLogin(username, PASSWORD + "!");
        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.location()).endsWith("/login?error");
    }

    @Test
    void probesAndApiDocsArePublicOtherPagesAskForTheLoginAndTheApiForAToken() {
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(api.get("/v3/api-docs", null).raw()).contains("/api/v1/users").contains("/api/v1/clients");
        Browser.Reply page = browser.get(baseUrl() + "/somewhere");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/login");
        assertThat(api.get("/api/v1/keys", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/keys", null).isProblem()).isTrue();
    }

    @Test
    void discoveryAdvertisesTheConfiguredIssuer() {
        JsonNode openid = api.get("/.well-known/openid-configuration", null).body();
        assertThat(openid.path("issuer").asString()).isEqualTo(ISSUER);
        assertThat(openid.path("jwks_uri").asString()).isEqualTo(ISSUER + "/oauth2/jwks");
        assertThat(openid.path("token_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/token");
        assertThat(openid.path("code_challenge_methods_supported").toString()).contains("S256");
    }

    @Test
    void aDashboardPageReadsDiscoveryAndTheTokenEndpointFromItsOwnOriginAndNoOtherOriginMay() throws Exception {
        // What the page's fetch sends: simple requests (a GET, a form POST), so no preflight, only the Origin.
        String page = "http://127.0.0.1:5173";
        Api.Response discovery = api.send("GET", "/.well-known/openid-configuration", null, null, "Origin", page);
        assertThat(discovery.status()).isEqualTo(200);
        assertThat(discovery.header("Access-Control-Allow-Origin")).isEqualTo(page);
        assertThat(discovery.header("Access-Control-Allow-Credentials")).isNull();
        Api.Response token = api.send("POST", "/oauth2/token", null, "grant_type=authorization_code&code=nope"
                + "&client_id=dashboard&code_verifier=" + Browser.verifier() + "&redirect_uri=" + REDIRECT_URI,
                "Origin", page, "Content-Type", "application/x-www-form-urlencoded");
        assertThat(token.status()).isEqualTo(400);
        assertThat(token.header("Access-Control-Allow-Origin")).isEqualTo(page);

        // Refused as plain text, which Api would read as JSON: asked directly.
        HttpResponse<String> elsewhere = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/.well-known/openid-configuration"))
                .header("Origin", "http://evil.example").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(elsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
