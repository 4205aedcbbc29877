package cn.zhangzhou.partybuilding.support;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhangzhou.partybuilding.support.idempotency.IdempotencyCleanup;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.testapp.TestGate;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Idempotency-Key on creates. What was built: a repeat returns the stored first response (same status, body and
 * Location, header Idempotent-Replayed) and creates nothing; a different request under the same key is 422; a
 * repeat while the first is still running is 409; a first attempt that failed with 5xx is forgotten.
 */
class IdempotencyTest extends SupportApiTestBase {

    @Autowired
    TestGate gate;

    @Autowired
    IdempotencyCleanup cleanup;

    @AfterEach
    void openGate() {
        gate.open();
    }

    @Test
    void aRepeatReturnsTheSameResponseAndCreatesOneRow() {
        String key = UUID.randomUUID().toString();
        String code = uniqueCode();
        String body = thingJson(code, "once", "OTHER", 1);
        Reply first = call("POST", "/api/v1/things", adminToken(), body, "Idempotency-Key", key);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();

        Reply again = call("POST", "/api/v1/things", adminToken(), body, "Idempotency-Key", key);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.contentType()).isEqualTo(first.contentType());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(codeCount(code)).isEqualTo(1);
    }

    @Test
    void theSameKeyForADifferentRequestIs422() {
        String key = UUID.randomUUID().toString();
        String code = uniqueCode();
        assertThat(call("POST", "/api/v1/things", adminToken(), thingJson(code, "a", "OTHER", 1), "Idempotency-Key", key)
                .status()).isEqualTo(201);
        long before = thingCount();
        call("POST", "/api/v1/things", adminToken(), thingJson(uniqueCode(), "b", "OTHER", 1), "Idempotency-Key", key)
                .assertProblem(422, "already used for a different request");
        call("POST", "/api/v1/gated-things", adminToken(), thingJson(code, "a", "OTHER", 1), "Idempotency-Key", key)
                .assertProblem(422, "already used for a different request");
        assertThat(thingCount()).isEqualTo(before);
    }

    @Test
    void keysBelongToOneCaller() {
        String key = UUID.randomUUID().toString();
        Reply mine = call("POST", "/api/v1/things", adminToken(), thingJson(uniqueCode(), "a", "OTHER", 1),
                "Idempotency-Key", key);
        Reply theirs = call("POST", "/api/v1/things", TestTokens.token(Role.CITY_ADMIN, null, null, null),
                thingJson(uniqueCode(), "b", "OTHER", 1), "Idempotency-Key", key);
        assertThat(mine.status()).isEqualTo(201);
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.json().path("id").asString()).isNotEqualTo(mine.json().path("id").asString());
    }

    @Test
    void aConcurrentDuplicateIs409AndTheFirstCompletes() throws Exception {
        String key = UUID.randomUUID().toString();
        String code = uniqueCode();
        String body = thingJson(code, "slow", "OTHER", 1);
        gate.hold();
        CompletableFuture<Reply> first = CompletableFuture.supplyAsync(
                () -> call("POST", "/api/v1/gated-things", adminToken(), body, "Idempotency-Key", key));
        assertThat(gate.awaitEntered()).isTrue();

        call("POST", "/api/v1/gated-things", adminToken(), body, "Idempotency-Key", key)
                .assertProblem(409, "still in progress");

        gate.open();
        Reply created = first.get(30, TimeUnit.SECONDS);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Reply replay = call("POST", "/api/v1/gated-things", adminToken(), body, "Idempotency-Key", key);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.body()).isEqualTo(created.body());
        assertThat(codeCount(code)).isEqualTo(1);
    }

    @Test
    void aFailedFirstAttemptDoesNotPoisonTheKey() {
        String key = UUID.randomUUID().toString();
        String code = uniqueCode();
        String body = thingJson(code, "flaky", "OTHER", 1);
        gate.failNext();
        call("POST", "/api/v1/gated-things", adminToken(), body, "Idempotency-Key", key).assertProblem(500, "unexpected");
        assertThat(codeCount(code)).isZero();

        Reply retry = call("POST", "/api/v1/gated-things", adminToken(), body, "Idempotency-Key", key);
        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(codeCount(code)).isEqualTo(1);
    }

    @Test
    void aClientErrorIsRecordedAndReplayedToo() {
        String key = UUID.randomUUID().toString();
        String invalid = thingJson("bad code!", "x", "OTHER", 1);
        Reply first = call("POST", "/api/v1/things", adminToken(), invalid, "Idempotency-Key", key).assertProblem(400, "code");
        Reply again = call("POST", "/api/v1/things", adminToken(), invalid, "Idempotency-Key", key);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void anInvalidKeyIs400() {
        long before = thingCount();
        call("POST", "/api/v1/things", adminToken(), thingJson(uniqueCode(), "x", "OTHER", 1), "Idempotency-Key", "k".repeat(101))
                .assertProblem(400, "Idempotency-Key");
        assertThat(thingCount()).isEqualTo(before);
    }

    @Test
    void expiredKeysArePurged() {
        String old = UUID.randomUUID().toString();
        String abandoned = UUID.randomUUID().toString();
        String fresh = UUID.randomUUID().toString();
        insertKey(old, 200, "now() - interval '25 hours'");
        insertKey(abandoned, null, "now() - interval '11 minutes'");
        insertKey(fresh, 201, "now() - interval '23 hours'");

        assertThat(cleanup.purgeExpired()).isGreaterThanOrEqualTo(2);

        assertThat(keyExists(old)).isFalse();
        assertThat(keyExists(abandoned)).isFalse();
        assertThat(keyExists(fresh)).isTrue();
    }

    private void insertKey(String key, Integer status, String createdAt) {
        jdbc.sql("INSERT INTO support.idempotent_request (caller, idempotency_key, method, path, request_hash, status, created_at) "
                        + "VALUES ('purge-test', :key, 'POST', '/x', :hash, :status, " + createdAt + ")")
                .param("key", key).param("hash", "0".repeat(64)).param("status", status)
                .update();
    }

    private boolean keyExists(String key) {
        return jdbc.sql("SELECT count(*) FROM support.idempotent_request WHERE idempotency_key = :key")
                .param("key", key).query(Long.class).single() == 1;
    }

    private long codeCount(String code) {
        return jdbc.sql("SELECT count(*) FROM thing WHERE code = :code").param("code", code).query(Long.class).single();
    }
}
