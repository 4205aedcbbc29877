package cn.zhangzhou.partybuilding.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestKeysTest {

    private enum Role { COMMUNITY_STAFF }

    @TempDir
    Path dir;

    @Test
    void aPairIsWrittenOnceThePrivateHalfOwnerOnlyAndReused() throws Exception {
        assertThat(TestKeys.present(dir)).isFalse();
        TestKeys first = TestKeys.ensure(dir);
        assertThat(TestKeys.present(dir)).isTrue();
        assertThat(Files.getPosixFilePermissions(dir.resolve(TestKeys.PRIVATE_FILE)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        TestKeys second = TestKeys.ensure(dir);
        assertThat(second.publicKey()).isEqualTo(first.publicKey());
        assertThat(TestKeys.publicKey(Files.readString(second.publicKeyFile()))).isEqualTo(first.publicKey());
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder(TestKeys.PRIVATE_FILE, TestKeys.PUBLIC_FILE);
        }
    }

    @Test
    void theSignerWritesThePlatformClaimsAndOnlyItsOwnKeyVerifiesThem() throws Exception {
        TestKeys keys = TestKeys.ensure(dir);
        UUID org = UUID.randomUUID();
        SignedJWT jwt = SignedJWT.parse(keys.signer().sign("worker", List.of(Role.COMMUNITY_STAFF), "xiangcheng", org,
                null, Duration.ofMinutes(5)));
        assertThat(jwt.verify(new RSASSAVerifier(keys.publicKey()))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("worker");
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("COMMUNITY_STAFF");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("district")).isEqualTo("xiangcheng");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("org")).isEqualTo(org.toString());
        assertThat(jwt.getJWTClaimsSet().getClaims()).doesNotContainKey("member");
        assertThat(Duration.between(jwt.getJWTClaimsSet().getIssueTime().toInstant(),
                jwt.getJWTClaimsSet().getExpirationTime().toInstant())).isEqualTo(Duration.ofMinutes(5));

        TestKeys other = TestKeys.ensure(dir.resolve("other"));
        assertThat(jwt.verify(new RSASSAVerifier(other.publicKey()))).isFalse();
    }

    @Test
    void pemOfTheWrongKindIsRefused() throws Exception {
        TestKeys.ensure(dir);
        String publicPem = Files.readString(dir.resolve(TestKeys.PUBLIC_FILE));
        assertThatThrownBy(() -> TestKeys.privateKey(publicPem)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PRIVATE KEY");
    }
}
