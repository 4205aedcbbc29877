package cn.zhangzhou.partybuilding.volunteering.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.volunteering.VolunteeringEvents;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.EventTap;
import cn.zhangzhou.partybuilding.volunteering.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.volunteering.testing.RunningVolunteering;

/**
 * The last places under contention: many members sign up at once for few places. Exactly {@code capacity} get one,
 * the rest wait in arrival order with positions 1..n without gaps, nobody is lost, and every sign-up is an event.
 */
class SignUpConcurrencyTest {

    private static final RunningVolunteering v = RunningVolunteering.get();
    private static final MembershipFeed feed = v.feed;

    @Test
    void fortyParallelSignUpsForFivePlaces() throws Exception {
        UUID community = feed.community();
        List<UUID> members = feed.members(community, 40);
        String activity = v.activity(community, "SERVICE", 5, Duration.ofDays(3));
        List<Api.Response> answers = new ArrayList<>();
        try (EventTap tap = EventTap.open(v.topic())) {
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(40);
            try {
                List<Future<Api.Response>> results = new ArrayList<>();
                for (UUID m : members) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return v.api.post("/api/v1/activities/" + activity + "/sign-ups", v.member(m), null);
                    }));
                }
                start.countDown();
                for (Future<Api.Response> f : results) {
                    answers.add(f.get());
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.raw()).isEqualTo(201));
            assertThat(answers).filteredOn(a -> "CONFIRMED".equals(a.text("status"))).hasSize(5);
            assertThat(answers).filteredOn(a -> "WAITING".equals(a.text("status")))
                    .extracting(a -> a.body().path("waitingPosition").asInt())
                    .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 35).boxed().toList());

            tap.await(r -> tap.seenFor(activity).stream().filter(SignUpConcurrencyTest::isSignUp).count() == 40);
            List<ConsumerRecord<String, byte[]>> events = tap.seenFor(activity).stream()
                    .filter(SignUpConcurrencyTest::isSignUp).toList();
            assertThat(events).hasSize(40);
            assertThat(events).filteredOn(r -> EventTap.payload(r).contains("\"status\":\"CONFIRMED\"")).hasSize(5);
            // In version order on the activity's partition: the waiting list in the order of the events.
            List<String> waiting = events.stream().map(EventTap::payload).filter(p -> p.contains("\"WAITING\""))
                    .toList();
            for (int i = 0; i < waiting.size(); i++) {
                assertThat(waiting.get(i)).endsWith("\"waitingPosition\":" + (i + 1) + "}");
            }
        }
        assertThat(v.rows("sign_up where activity_id = '" + activity + "' and status = 'CONFIRMED'")).isEqualTo(5);
        assertThat(v.rows("sign_up where activity_id = '" + activity + "' and status = 'WAITING'")).isEqualTo(35);
        Api.Response read = v.api.get("/api/v1/activities/" + activity, v.staff(community));
        assertThat(read.body().path("confirmed").asInt()).isEqualTo(5);
        assertThat(read.body().path("waiting").asInt()).isEqualTo(35);
        assertThat(read.version()).isEqualTo(41);
    }

    private static boolean isSignUp(ConsumerRecord<String, byte[]> r) {
        return VolunteeringEvents.ACTIVITY_SIGNED_UP.ceType().equals(EventTap.type(r));
    }
}
