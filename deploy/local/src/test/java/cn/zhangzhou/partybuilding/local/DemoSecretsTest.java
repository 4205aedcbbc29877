package cn.zhangzhou.partybuilding.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoSecretsTest {

    @TempDir
    Path dataDir;

    @Test
    void secretsAreGeneratedOnceOwnerOnlyAndKeptAcrossRuns() throws Exception {
        DemoSecrets first = new DemoSecrets(dataDir);
        String admin = first.adminPassword();
        String demo = first.demoPassword();
        String keys = first.keysEncryptionSecret();
        // identity's rules: passwords 12–128 characters, the key-encryption secret at least 32.
        assertThat(admin.length()).isBetween(12, 128);
        assertThat(demo.length()).isBetween(12, 128);
        assertThat(keys.length()).isGreaterThanOrEqualTo(32);
        assertThat(admin).isNotEqualTo(demo);

        DemoSecrets second = new DemoSecrets(dataDir);
        assertThat(second.adminPassword()).isEqualTo(admin);
        assertThat(second.demoPassword()).isEqualTo(demo);
        assertThat(second.keysEncryptionSecret()).isEqualTo(keys);
        for (String file : new String[] {DemoSecrets.ADMIN_PASSWORD_FILE, DemoSecrets.DEMO_PASSWORD_FILE,
                DemoSecrets.KEYS_SECRET_FILE}) {
            assertThat(Files.getPosixFilePermissions(dataDir.resolve(file)))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aClientIsStoredAndReadBackAndAMissingSecretNamesWhatToDo() throws Exception {
        DemoSecrets secrets = new DemoSecrets(dataDir);
        assertThat(secrets.client("longwen")).isEmpty();
        secrets.storeClient(new IdentityClient.RegisteredClient("sys-longwen-abc", "s3cret", "longwen"));
        assertThat(new DemoSecrets(dataDir).client("longwen"))
                .contains(new IdentityClient.RegisteredClient("sys-longwen-abc", "s3cret", "longwen"));
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("identity-clients/longwen")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        Files.writeString(dataDir.resolve("identity-clients/zhangpu"), "only-an-id\n");
        assertThatThrownBy(() -> secrets.client("zhangpu")).hasMessageContaining("client id and the secret");
        assertThatThrownBy(() -> secrets.require(DemoSecrets.DEMO_PASSWORD_FILE))
                .hasMessageContaining("start the platform first");
    }
}
