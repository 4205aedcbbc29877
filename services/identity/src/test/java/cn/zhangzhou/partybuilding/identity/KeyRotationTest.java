package cn.zhangzhou.partybuilding.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhangzhou.partybuilding.identity.testing.IdentityTest;
import cn.zhangzhou.partybuilding.testing.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import cn.zhangzhou.partybuilding.identity.key.SigningKeyService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Signing keys rotate without downtime: a token signed before a rotation still verifies through the JWKS after it,
 * new tokens carry the new key id, and the old key leaves the JWKS once every token it signed has expired.
 */
class KeyRotationTest extends IdentityTest {

    @Autowired
    SigningKeyService keys;

    private List<String> publishedKids() {
        Api.Response jwks = api.get("/oauth2/jwks", null);
        assertThat(jwks.status()).isEqualTo(200);
        List<String> kids = new ArrayList<>();
        jwks.body().path("keys").forEach(key -> {
            assertThat(key.has("d")).as("no private half in the JWKS").isFalse();
            kids.add(key.path("kid").asString());
        });
        return kids;
    }

    @Test
    void tokensOfTheOldKeyStayValidUntilTheyExpireThenTheKeyLeavesTheJwks() {
        String before = adminToken();
        String oldKid = (String) jwksDecoder().decode(before).getHeaders().get("kid");
        assertThat(publishedKids()).contains(oldKid);

        Api.Response rotated = api.post("/api/v1/keys/rotate", before, null);
        assertThat(rotated.status()).as(rotated.raw()).isEqualTo(201);
        String newKid = rotated.text("kid");
        assertThat(newKid).isNotEqualTo(oldKid);

        // Both published: the new one first; the old one until its tokens have expired.
        assertThat(publishedKids()).startsWith(newKid).contains(oldKid);
        Jwt old = jwksDecoder().decode(before);
        assertThat(old.getHeaders().get("kid")).isEqualTo(oldKid);
        // The admin API itself still accepts the old token.
        assertThat(api.get("/api/v1/keys", before).status()).isEqualTo(200);

        String after = signIn(ADMIN, ADMIN_PASSWORD);
        assertThat(jwksDecoder().decode(after).getHeaders().get("kid")).isEqualTo(newKid);

        // Just inside the window the old key is still there; past it (longest token 30 min + 1 min skew) it is gone.
        clock.advance(Duration.ofMinutes(30));
        assertThat(publishedKids()).contains(oldKid);
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(publishedKids()).contains(newKid).doesNotContain(oldKid);
        assertThatThrownBy(() -> jwksDecoder().decode(before)).isInstanceOf(JwtException.class);
        assertThat(jwksDecoder().decode(after).getSubject()).isEqualTo(ADMIN);
    }

    @Test
    void theScheduleRotatesAKeyThatReachedTheRotationInterval() {
        String before = adminToken();
        String oldKid = (String) jwksDecoder().decode(before).getHeaders().get("kid");
        assertThat(keys.rotateIfDue()).as("a fresh key is not due").isEmpty();
        clock.advance(Duration.ofDays(30));
        String newKid = keys.rotateIfDue().orElseThrow().kid();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(keys.rotateIfDue()).as("rotated once, not again").isEmpty();
        assertThat(publishedKids()).startsWith(newKid).contains(oldKid);
        assertThat(jwksDecoder().decode(before).getSubject()).isEqualTo(ADMIN);
        assertThat(jwksDecoder().decode(signIn(ADMIN, ADMIN_PASSWORD)).getHeaders().get("kid")).isEqualTo(newKid);
    }

    @Test
    void onlyTheCityAdminRotates() {
        String username = unique("dadmin-keys");
        createUser(username, Set.of("DISTRICT_ADMIN"), "xiangcheng", null, null);
        String districtAdmin = signIn(username, PASSWORD);
        List<String> kids = publishedKids();
        Api.Response refused = api.post("/api/v1/keys/rotate", districtAdmin, null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
        assertThat(publishedKids()).isEqualTo(kids);
        assertThat(api.post("/api/v1/keys/rotate", null, null).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/keys/rotate", "not.a.token", null).status()).isEqualTo(401);
    }

    @Test
    void aTokenSignedByAnUnpublishedKeyIsRefused() {
        String token = adminToken();
        String[] parts = token.split("\\.");
        // Same header and claims, someone else's signature.
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertThatThrownBy(() -> jwksDecoder().decode(forged)).isInstanceOf(BadJwtException.class);
        assertThat(api.get("/api/v1/keys", forged).status()).isEqualTo(401);
    }
}
