package cn.zhangzhou.partybuilding.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhangzhou.partybuilding.support.idempotency.IdempotencyCleanup;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.testapp.TestGate;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Idempotency-Key on creates. A repeat returns the stored first response (same status, body and Location, header
 * Idempotent-Replayed) and creates nothing; a different request under the same key is 422; a repeat while the first
 * is still running waits for it and gets its answer (409 only after the in-progress wait); a first attempt that
 * failed with 5xx, or whose transaction never committed, is forgotten with its effect (decision 0018).
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
    void aConcurrentDuplicateWaitsForTheFirstAndGetsItsAnswer() throws Exception {
        String key = UUID.randomUUID().toString();
        String code = uniqueCode();
        String body = thingJson(code, "slow", "OTHER", 1);
        gate.hold();
        CompletableFuture<Reply> first = heldAtTheGate(key, body);
        CompletableFuture<Reply> duplicate = CompletableFuture.supplyAsync(() -> gatedCreate(key, body));
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingForAKey() == 1);
        assertThat(duplicate).isNotDone();

        gate.open();
        Reply created = first.get(30, TimeUnit.SECONDS);
        Reply replayed = duplicate.get(30, TimeUnit.SECONDS);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.body()).isEqualTo(created.body());
        assertThat(replayed.header("Location")).isEqualTo(created.header("Location"));
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(codeCount(code)).isEqualTo(1);
    }

    @Test
    void aRepeatStillWaitingAfterTheInProgressWaitIs409AndLaterGetsTheAnswer() throws Exception {
        String key = UUID.randomUUID().toString();
        String code = uniqueCode();
        String body = thingJson(code, "slow", "OTHER", 1);
        gate.hold();
        CompletableFuture<Reply> first = heldAtTheGate(key, body);

        // zz.idempotency.in-progress-wait is 3 s here.
        gatedCreate(key, body).assertProblem(409, "still in progress");

        gate.open();
        Reply created = first.get(30, TimeUnit.SECONDS);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Reply replay = gatedCreate(key, body);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.body()).isEqualTo(created.body());
        assertThat(codeCount(code)).isEqualTo(1);
    }

    @Test
    void twentyConcurrentDuplicatesCreateOneRowAndAllGetTheSameAnswer() throws Exception {
        String key = UUID.randomUUID().toString();
        String code = uniqueCode();
        String body = thingJson(code, "twenty", "OTHER", 1);
        gate.hold();
        ExecutorService clients = Executors.newFixedThreadPool(20);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                replies.add(clients.submit(() -> gatedCreate(key, body)));
            }
            assertThat(gate.awaitEntered()).isTrue();
            // Duplicates queue behind the one that runs; the others arrive while it runs or after it committed.
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingForAKey() >= 1);
            gate.open();

            List<Reply> answers = new ArrayList<>();
            for (Future<Reply> reply : replies) {
                answers.add(reply.get(30, TimeUnit.SECONDS));
            }
            assertThat(answers).filteredOn(r -> r.header("Idempotent-Replayed") == null).hasSize(1);
            Reply original = answers.stream().filter(r -> r.header("Idempotent-Replayed") == null).findFirst()
                    .orElseThrow();
            assertThat(answers).allSatisfy(r -> {
                assertThat(r.status()).as(r.body()).isEqualTo(201);
                assertThat(r.body()).isEqualTo(original.body());
                assertThat(r.header("Location")).isEqualTo(original.header("Location"));
            });
            assertThat(codeCount(code)).isEqualTo(1);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aCommandWhoseConnectionDiesBeforeItCommitsLeavesNoKeyAndNoEffect() throws Exception {
        String key = UUID.randomUUID().toString();
        String code = uniqueCode();
        String body = thingJson(code, "killed", "OTHER", 1);
        gate.holdAfterEffect();
        CompletableFuture<Reply> first = heldAtTheGate(key, body);
        // The row is written in the request's open transaction: the database connection dies now.
        assertThat(jdbc.sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND state = 'idle in transaction'")
                .query(Long.class).single()).isEqualTo(1);
        gate.open();

        first.get(30, TimeUnit.SECONDS).assertProblem(500, "unexpected");
        assertThat(codeCount(code)).isZero();
        assertThat(keyExists(key)).isFalse();

        Reply retry = gatedCreate(key, body);
        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(codeCount(code)).isEqualTo(1);
    }

    @Test
    void aCommittedCommandWhoseClientVanishedIsReplayedToTheRetryAtOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        String code = uniqueCode();
        byte[] body = thingJson(code, "vanished", "OTHER", 1).getBytes(StandardCharsets.UTF_8);
        gate.hold();
        try (Socket client = new Socket("localhost", port)) {
            OutputStream out = client.getOutputStream();
            out.write(("POST /api/v1/gated-things HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + adminToken() + "\r\nContent-Type: application/json\r\n"
                    + "Idempotency-Key: " + key + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            assertThat(gate.awaitEntered()).isTrue();
        }
        // The client is gone before any answer; the service finishes and commits all the same.
        gate.open();
        await().atMost(Duration.ofSeconds(10)).until(() -> keyExists(key));
        String id = jdbc.sql("SELECT id::text FROM thing WHERE code = :code").param("code", code)
                .query(String.class).single();

        Reply retry = call("POST", "/api/v1/gated-things", adminToken(), new String(body, StandardCharsets.UTF_8),
                "Idempotency-Key", key);
        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.header("Location")).isEqualTo("/api/v1/things/" + id);
        assertThat(retry.json().path("id").asString()).isEqualTo(id);
        assertThat(codeCount(code)).isEqualTo(1);
    }

    @Test
    void aFailedFirstAttemptDoesNotPoisonTheKey() {
        String key = UUID.randomUUID().toString();
        String code = uniqueCode();
        String body = thingJson(code, "flaky", "OTHER", 1);
        gate.failNext();
        gatedCreate(key, body).assertProblem(500, "unexpected");
        assertThat(codeCount(code)).isZero();

        Reply retry = gatedCreate(key, body);
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
    void aClientErrorWhoseCommandRolledBackIsNotKept() {
        UUID id = createThing(uniqueCode(), 3);
        String key = UUID.randomUUID().toString();
        call("POST", "/api/v1/things/" + id + "/archive", adminToken(), null, "Idempotency-Key", key)
                .assertProblem(422, "still has 3 in stock");
        assertThat(keyExists(key)).isFalse();
        Reply again = call("POST", "/api/v1/things/" + id + "/archive", adminToken(), null, "Idempotency-Key", key)
                .assertProblem(422, "still has 3 in stock");
        assertThat(again.header("Idempotent-Replayed")).isNull();
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
        String fresh = UUID.randomUUID().toString();
        insertKey(old, 200, "now() - interval '25 hours'");
        insertKey(fresh, 201, "now() - interval '23 hours'");

        assertThat(cleanup.purgeExpired()).isGreaterThanOrEqualTo(1);

        assertThat(keyExists(old)).isFalse();
        assertThat(keyExists(fresh)).isTrue();
    }

    private Reply gatedCreate(String key, String body) {
        return call("POST", "/api/v1/gated-things", adminToken(), body, "Idempotency-Key", key);
    }

    /** Sends a gated create with the key in the background; returns once it is held at the gate (hold it first). */
    private CompletableFuture<Reply> heldAtTheGate(String key, String body) throws InterruptedException {
        CompletableFuture<Reply> create = CompletableFuture.supplyAsync(() -> gatedCreate(key, body));
        assertThat(gate.awaitEntered()).isTrue();
        return create;
    }

    private void insertKey(String key, int status, String createdAt) {
        jdbc.sql("INSERT INTO support.idempotent_request (caller, idempotency_key, method, path, request_hash, status, created_at) "
                        + "VALUES ('purge-test', :key, 'POST', '/x', :hash, :status, " + createdAt + ")")
                .param("key", key).param("hash", "0".repeat(64)).param("status", status)
                .update();
    }

    private boolean keyExists(String key) {
        return jdbc.sql("SELECT count(*) FROM support.idempotent_request WHERE idempotency_key = :key")
                .param("key", key).query(Long.class).single() == 1;
    }

    /** Requests of this database waiting for a key that another request's transaction holds. */
    private long waitingForAKey() {
        return jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND wait_event_type = 'Lock' AND wait_event = 'advisory'")
                .query(Long.class).single();
    }

    private long codeCount(String code) {
        return jdbc.sql("SELECT count(*) FROM thing WHERE code = :code").param("code", code).query(Long.class).single();
    }
}
