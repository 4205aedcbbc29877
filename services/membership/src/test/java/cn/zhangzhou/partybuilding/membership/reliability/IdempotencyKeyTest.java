package cn.zhangzhou.partybuilding.membership.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhangzhou.partybuilding.membership.testing.Fixtures;
import cn.zhangzhou.partybuilding.membership.testing.RunningDistrict;
import cn.zhangzhou.partybuilding.testing.Api.Response;
import cn.zhangzhou.partybuilding.testing.EventTap;
import java.net.Socket;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A registration's Idempotency-Key commits with the member and its event (decision 0018): concurrent duplicates
 * register once, and after the service is killed with SIGKILL every retry gets its answer at once, the member
 * registered once, nothing left "in progress".
 */
class IdempotencyKeyTest {

    static final String REGISTERED = "zz.membership.MemberRegistered.v1";

    @Test
    void twentyConcurrentDuplicatesRegisterOneMemberWithOneEventAndAllGetTheSameAnswer() throws Exception {
        RunningDistrict xc = RunningDistrict.xiangcheng();
        Fixtures fx = new Fixtures(xc);
        String community = fx.community(fx.street());
        Map<String, Object> body = fx.memberBody(community, "xiangcheng", community, "IN_SERVICE");
        Map<String, String> key = Map.of("Idempotency-Key", Fixtures.code("twenty"));
        ExecutorService clients = Executors.newFixedThreadPool(20);
        try (EventTap events = EventTap.open(xc.topic())) {
            List<Future<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(clients.submit(() -> xc.api.post("/api/v1/members", xc.admin(), body, key)));
            }
            List<Response> answers = new ArrayList<>();
            for (Future<Response> call : calls) {
                answers.add(call.get(60, TimeUnit.SECONDS));
            }

            assertThat(answers).filteredOn(r -> r.header("Idempotent-Replayed") == null).hasSize(1);
            Response original = answers.stream().filter(r -> r.header("Idempotent-Replayed") == null)
                    .findFirst().orElseThrow();
            assertThat(answers).allSatisfy(r -> {
                assertThat(r.status()).as(r.raw()).isEqualTo(201);
                assertThat(r.raw()).isEqualTo(original.raw());
                assertThat(r.header("Location")).isEqualTo(original.header("Location"));
            });
            assertThat(MembershipProcess.value(xc.jdbcUrl, "select count(*) from member where name = ?", body.get("name")))
                    .isEqualTo("1");
            events.awaitType(REGISTERED, original.id());
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> registrations(events, original.id()) == 1);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void afterASigkillEveryRetryGetsItsAnswerAtOnceAndNothingIsRegisteredTwice() throws Exception {
        try (MembershipProcess membership = new MembershipProcess("dongshan");
             EventTap events = EventTap.open(membership.topic())) {
            String community = membership.community();
            String run = UUID.randomUUID().toString().substring(0, 8);
            String committedKey = "committed-" + run;
            String committedBody = membership.memberBody(community, "已提交 " + run);
            String inFlightKey = "in-flight-" + run;
            String inFlightBody = membership.memberBody(community, "进行中 " + run);

            // Committed, but its client goes away without reading the answer.
            try (Socket vanished = membership.registerAndAbandon(committedKey, committedBody)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> membership.number(
                        "select count(*) from support.idempotent_request where idempotency_key = ?", committedKey) == 1);
            }
            // In flight: its member row is written, its event waits for a lock the test holds, and then the
            // service dies.
            try (Connection blocker = membership.connection()) {
                blocker.setAutoCommit(false);
                blocker.createStatement().execute("lock table outbox_event in exclusive mode");
                try (Socket inFlight = membership.registerAndAbandon(inFlightKey, inFlightBody)) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> membership.number("select count(*) from "
                            + "pg_stat_activity where wait_event_type = 'Lock' and query like '%into outbox_event%'") == 1);
                    membership.kill();
                }
                blocker.rollback();
            }
            membership.start();

            Response replayed = membership.register(committedKey, committedBody);
            assertThat(replayed.status()).as(replayed.raw()).isEqualTo(201);
            assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
            String committed = memberId(membership, "已提交 " + run);
            assertThat(replayed.header("Location")).isEqualTo("/api/v1/members/" + committed);
            assertThat(replayed.id()).isEqualTo(committed);

            Response rerun = membership.register(inFlightKey, inFlightBody);
            assertThat(rerun.status()).as(rerun.raw()).isEqualTo(201);
            assertThat(rerun.header("Idempotent-Replayed")).isNull();
            assertThat(rerun.id()).isEqualTo(memberId(membership, "进行中 " + run));

            for (String member : List.of(committed, rerun.id())) {
                events.awaitType(REGISTERED, member);
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                        .until(() -> registrations(events, member) == 1);
            }
        }
    }

    /** The one member of that name; fails if there is none or more than one. */
    private static String memberId(MembershipProcess membership, String name) {
        assertThat(membership.number("select count(*) from member where name = ?", name)).as(name).isOne();
        return MembershipProcess.value(membership.jdbcUrl, "select id::text from member where name = ?", name);
    }

    /** After one more poll: MemberRegistered events of one member, redeliveries (the same ce_id) counted once. */
    private static long registrations(EventTap events, String member) {
        events.await(r -> true);
        return registrationsSeen(events, member);
    }

    /** MemberRegistered events of one member seen so far, redeliveries (the same ce_id) counted once. */
    static long registrationsSeen(EventTap events, String member) {
        return events.seenFor(member).stream().filter(r -> REGISTERED.equals(EventTap.type(r)))
                .map(r -> EventTap.header(r, "ce_id")).distinct().count();
    }
}
