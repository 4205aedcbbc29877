package cn.zhangzhou.partybuilding.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhangzhou.partybuilding.identity.testing.Browser;
import cn.zhangzhou.partybuilding.identity.testing.IdentityTest;
import cn.zhangzhou.partybuilding.testing.Api;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Five failed logins lock the account for 15 minutes: even the right password fails, and the form says no more. */
class LockoutTest extends IdentityTest {

    private Browser.Reply login(String username, String password) {
        Browser fresh = new Browser(baseUrl());
        fresh.startAuthorization(Browser.challenge(Browser.verifier()), "s");
        return fresh.submitLogin(username, password);
    }

    /** The page a refused login lands on, as the same browser sees it, without its per-session CSRF token. */
    private String errorPage(String username, String password) {
        Browser fresh = new Browser(baseUrl());
        fresh.startAuthorization(Browser.challenge(Browser.verifier()), "s");
        Browser.Reply refused = fresh.submitLogin(username, password);
        return fresh.get(refused.location()).body().replaceAll("name=\"_csrf\"[^>]*>", "");
    }

    private static boolean refused(Browser.Reply reply) {
        return reply.status() == 302 && reply.location().endsWith("/login?error");
    }

    private void failFiveTimes(String username) {
        for (int i = 0; i < 5; i++) {
            assertThat(refused(login(username, "wrong password " + i))).isTrue();
        }
    }

    @Test
    void fiveFailuresLockTheAccountAndAnAdminUnlocksIt() {
        String username = unique("locked");
        UUID id = createUser(username, Set.of("DISTRICT_ADMIN"), "xiangcheng", null, null);
        // Four failures do not lock: the right password still works, and the count starts again.
        for (int i = 0; i < 4; i++) {
            assertThat(refused(login(username, "wrong password " + i))).isTrue();
        }
        assertThat(refused(login(username, PASSWORD))).isFalse();

        failFiveTimes(username);
        Browser.Reply rightPassword = login(username, PASSWORD);
        Browser.Reply unknownUser = login(unique("nobody"), PASSWORD);
        assertThat(refused(rightPassword)).isTrue();
        // No hint: a locked account answers exactly like an account that does not exist.
        assertThat(rightPassword.location()).isEqualTo(unknownUser.location());
        String lockedPage = errorPage(username, PASSWORD);
        assertThat(lockedPage).contains("Invalid credentials").doesNotContainIgnoringCase("lock");
        assertThat(lockedPage).isEqualTo(errorPage(unique("nobody"), PASSWORD));

        Api.Response seen = api.get("/api/v1/users/" + id, adminToken());
        assertThat(seen.body().path("locked").asBoolean()).isTrue();
        assertThat(seen.body().path("failedLogins").asInt()).isEqualTo(5);

        Api.Response unlocked = api.post("/api/v1/users/" + id + "/unlock", adminToken(), null);
        assertThat(unlocked.status()).isEqualTo(200);
        assertThat(unlocked.body().path("locked").asBoolean()).isFalse();
        assertThat(refused(login(username, PASSWORD))).isFalse();
    }

    @Test
    void theLockEndsByItselfAfterFifteenMinutes() {
        String username = unique("waits");
        createUser(username, Set.of("DISTRICT_ADMIN"), "longwen", null, null);
        failFiveTimes(username);
        clock.advance(Duration.ofMinutes(14));
        assertThat(refused(login(username, PASSWORD))).isTrue();
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(refused(login(username, PASSWORD))).isFalse();
        // After the lock the count starts from zero: one new failure does not lock again.
        assertThat(refused(login(username, "wrong again"))).isTrue();
        assertThat(refused(login(username, PASSWORD))).isFalse();
    }

    @Test
    void aPasswordResetByAnAdminAlsoUnlocks() {
        String username = unique("reset");
        UUID id = createUser(username, Set.of("DISTRICT_ADMIN"), "xiangcheng", null, null);
        failFiveTimes(username);
        String newPassword = "a brand new long passphrase";
        assertThat(api.post("/api/v1/users/" + id + "/password", adminToken(), Map.of("password", newPassword)).status())
                .isEqualTo(200);
        assertThat(refused(login(username, PASSWORD))).isTrue();
        assertThat(refused(login(username, newPassword))).isFalse();
    }

    @Test
    void aDisabledAccountCannotSignIn() {
        String username = unique("disabled");
        UUID id = createUser(username, Set.of("DISTRICT_ADMIN"), "xiangcheng", null, null);
        assertThat(api.post("/api/v1/users/" + id + "/disable", adminToken(), null).status()).isEqualTo(200);
        assertThat(refused(login(username, PASSWORD))).isTrue();
        assertThat(api.post("/api/v1/users/" + id + "/enable", adminToken(), null).status()).isEqualTo(200);
        assertThat(refused(login(username, PASSWORD))).isFalse();
    }
}
