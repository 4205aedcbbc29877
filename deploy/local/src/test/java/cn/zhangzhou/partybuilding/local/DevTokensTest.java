package cn.zhangzhou.partybuilding.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevTokensTest {

    @TempDir
    Path dir;

    @Test
    void tokensAreRs256SignedByThePrivateKeyAndVerifiedByThePublicPem() throws Exception {
        DevKeyPair.write(dir);
        assertThat(Files.readString(dir.resolve("jwt-public.pem"))).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(Files.readString(dir.resolve("jwt-private.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        Instant now = Instant.parse("2026-01-01T08:00:00Z");
        String token = new DevTokens(DevKeyPair.readPrivate(dir.resolve("jwt-private.pem")))
                .issue("COMMUNITY_STAFF", "xiangcheng", "9b0d7c1e-0000-4000-8000-000000000001", null, now);

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(verify(parts, dir.resolve("jwt-public.pem"))).isTrue();
        JsonNode header = decode(parts[0]);
        assertThat(header.path("alg").asString()).isEqualTo("RS256");
        JsonNode claims = decode(parts[1]);
        assertThat(claims.path("roles").values()).extracting(JsonNode::asString).containsExactly("COMMUNITY_STAFF");
        assertThat(claims.path("district").asString()).isEqualTo("xiangcheng");
        assertThat(claims.path("org").asString()).isEqualTo("9b0d7c1e-0000-4000-8000-000000000001");
        assertThat(claims.has("member")).isFalse();
        assertThat(claims.path("sub").asString()).isNotBlank();
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(8 * 3600);
        assertThat(claims.path("iat").asLong()).isEqualTo(now.getEpochSecond());
    }

    @Test
    void aTamperedTokenOrAnotherKeyDoesNotVerify() throws Exception {
        DevKeyPair.write(dir);
        Path other = dir.resolve("other");
        DevKeyPair.write(other);
        String token = new DevTokens(DevKeyPair.readPrivate(dir.resolve("jwt-private.pem")))
                .issue("DISTRICT_ADMIN", "longwen", null, null, Instant.now());
        String[] parts = token.split("\\.");
        assertThat(verify(parts, other.resolve("jwt-public.pem"))).isFalse();
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("longwen", "xiangcheng").getBytes(StandardCharsets.UTF_8));
        assertThat(verify(new String[] {parts[0], forged, parts[2]}, dir.resolve("jwt-public.pem"))).isFalse();
    }

    @Test
    void cityAdminHasNoDistrictAndMemberCarriesItsId() {
        DevKeyPair.write(dir);
        DevTokens tokens = new DevTokens(DevKeyPair.readPrivate(dir.resolve("jwt-private.pem")));
        JsonNode city = decode(tokens.issue("CITY_ADMIN", null, null, null, Instant.now()).split("\\.")[1]);
        assertThat(city.has("district")).isFalse();
        JsonNode member = decode(tokens.issue("MEMBER", "longwen", "org-1", "member-1", Instant.now()).split("\\.")[1]);
        assertThat(member.path("member").asString()).isEqualTo("member-1");
        assertThat(member.path("sub").asString()).isEqualTo("member-1");
        assertThat(member.path("district").asString()).isEqualTo("longwen");
    }

    @Test
    void incompleteRequestsAreRefused() {
        DevKeyPair.write(dir);
        DevTokens tokens = new DevTokens(DevKeyPair.readPrivate(dir.resolve("jwt-private.pem")));
        assertThatThrownBy(() -> tokens.issue("ROOT", "xiangcheng", null, null, Instant.now()))
                .hasMessageContaining("unknown role");
        assertThatThrownBy(() -> tokens.issue("DISTRICT_ADMIN", null, null, null, Instant.now()))
                .hasMessageContaining("unknown district");
        assertThatThrownBy(() -> tokens.issue("DISTRICT_ADMIN", "xiamen", null, null, Instant.now()))
                .hasMessageContaining("xiamen");
        assertThatThrownBy(() -> tokens.issue("STREET_STAFF", "xiangcheng", null, null, Instant.now()))
                .hasMessageContaining("organisation");
        assertThatThrownBy(() -> tokens.issue("MEMBER", "xiangcheng", "org", null, Instant.now()))
                .hasMessageContaining("member");
    }

    @Test
    void ensureKeepsAnExistingPairAndMissingKeysAreExplained() throws Exception {
        assertThat(DevKeyPair.ensure(dir)).isTrue();
        String before = Files.readString(dir.resolve("jwt-public.pem"));
        assertThat(DevKeyPair.ensure(dir)).isFalse();
        assertThat(Files.readString(dir.resolve("jwt-public.pem"))).isEqualTo(before);
        assertThatThrownBy(() -> DevKeyPair.readPrivate(dir.resolve("nope.pem")))
                .hasMessageContaining("keys <dir>");
        Files.writeString(dir.resolve("bad.pem"), "not a key");
        assertThatThrownBy(() -> DevKeyPair.readPublic(dir.resolve("bad.pem"))).hasMessageContaining("BEGIN PUBLIC KEY");
    }

    @Test
    void theTokenCommandUsesTheKeysOfTheDataDirectory() throws Exception {
        DevKeyPair.write(dir.resolve("data/keys"));
        String token = LocalPlatform.token(Options.parse("token", "--data-dir", "data", "DISTRICT_SYSTEM", "longwen"), dir);
        assertThat(verify(token.split("\\."), dir.resolve("data/keys/jwt-public.pem"))).isTrue();
        assertThat(decode(token.split("\\.")[1]).path("roles").values()).extracting(JsonNode::asString)
                .isEqualTo(List.of("DISTRICT_SYSTEM"));
    }

    private static boolean verify(String[] parts, Path publicPem) throws Exception {
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(DevKeyPair.readPublic(publicPem));
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    private static JsonNode decode(String part) {
        return Json.MAPPER.readTree(Base64.getUrlDecoder().decode(part));
    }
}
