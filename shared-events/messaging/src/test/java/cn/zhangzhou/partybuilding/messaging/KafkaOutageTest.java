package cn.zhangzhou.partybuilding.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import cn.zhangzhou.partybuilding.embedded.KafkaBroker;
import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.messaging.testapp.MessagingTestApplication;
import cn.zhangzhou.partybuilding.messaging.testapp.OrganisationNames;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Kafka down while the service keeps accepting writes: a broker of this test's own on fixed ports is
 * stopped, events pile up in the outbox, and after a restart on the same ports and data directory
 * every one of them arrives, each aggregate's in version order. The order is checked strictly: every copy
 * of every record of an aggregate, redeliveries included, in non-decreasing version order (decision 0017).
 */
@SpringBootTest(classes = MessagingTestApplication.class, properties = {
        "zz.district=longhai",
        // This test watches the relay only.
        "spring.kafka.listener.auto-startup=false"})
class KafkaOutageTest {

    static final String TOPIC = "longhai.membership.events";
    static KafkaBroker broker = OwnBroker.start("outage");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestInfrastructure.newDatabase("outage"));
        registry.add("spring.datasource.username", TestInfrastructure::postgresUser);
        registry.add("spring.datasource.password", TestInfrastructure::postgresPassword);
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Autowired OrganisationNames names;
    @Autowired MeterRegistry meters;

    @Test
    void writesAreAcceptedWhileKafkaIsDownAndAllArriveInOrderAfterItReturns() {
        String bootstrap = broker.bootstrapServers();
        UUID warmUp = UUID.randomUUID();
        names.rename(warmUp, "before the outage", 1);
        try (TopicReader before = new TopicReader(bootstrap, TOPIC)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> before.records(warmUp.toString()).size() == 1);
        }

        broker.stop();
        List<UUID> orgs = IntStream.range(0, 6).mapToObj(i -> UUID.randomUUID()).toList();
        int versions = 10;
        long start = System.nanoTime();
        for (int v = 1; v <= versions; v++) {
            for (UUID org : orgs) {
                names.rename(org, "during the outage " + v, v);
            }
        }
        // The API kept its pace: writes do not wait for Kafka.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(backlog()).isGreaterThanOrEqualTo(orgs.size() * versions);
        // The relay keeps failing and backing off; nothing leaves the outbox.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> backlog() >= orgs.size() * versions);

        broker = broker.restart();
        assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);

        await().atMost(Duration.ofSeconds(45)).until(() -> backlog() == 0);
        try (TopicReader after = new TopicReader(bootstrap, TOPIC)) {
            assertCompleteAndInOrder(after, orgs, versions);
        }
        assertThat(meters.get("zz.events.published").tag("type", "zz.membership.OrganisationRenamed.v1")
                .counter().count()).isGreaterThanOrEqualTo(1 + orgs.size() * versions);
    }

    /**
     * The broker stops while the relay is in the middle of publishing a steady stream of writes (records in
     * flight, some acknowledged, some not) and comes back while the stream goes on, three times over: every
     * aggregate still arrives complete and in order. Before decision 0017 a fresh producer's first batch could
     * expire while later ones of the same partition were delivered, and an aggregate arrived as versions
     * [2..10, 1].
     */
    @Test
    void theBrokerRestartedMidBurstLeavesEveryAggregateCompleteAndInOrder() throws Exception {
        String bootstrap = broker.bootstrapServers();
        List<UUID> orgs = IntStream.range(0, 8).mapToObj(i -> UUID.randomUUID()).toList();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger versions = new AtomicInteger();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            while (writing.get()) {
                long next = System.nanoTime() + 20_000_000L;
                int v = versions.get() + 1;
                for (UUID org : orgs) {
                    names.rename(org, "stream " + v, v);
                }
                versions.set(v);
                // Pacing the writer (about 400 events/s), not waiting for async work.
                LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
            }
        });
        try {
            for (int round = 1; round <= 3; round++) {
                double published = published();
                await().atMost(Duration.ofSeconds(30)).until(() -> published() >= published + 50);
                broker.stop();
                double backlog = backlog();
                await().atMost(Duration.ofSeconds(30)).until(() -> backlog() >= backlog + 50);
                broker = broker.restart();
            }
            double published = published();
            await().atMost(Duration.ofSeconds(30)).until(() -> published() >= published + 50);
        } finally {
            writing.set(false);
            writer.get(30, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> backlog() == 0);
        assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
        try (TopicReader after = new TopicReader(bootstrap, TOPIC)) {
            assertCompleteAndInOrder(after, orgs, versions.get());
        }
    }

    private void assertCompleteAndInOrder(TopicReader topic, List<UUID> orgs, int versions) {
        await().atMost(Duration.ofSeconds(30)).until(() -> orgs.stream()
                .allMatch(org -> Set.copyOf(arrivals(topic, org)).size() == versions));
        for (UUID org : orgs) {
            List<Long> arrived = arrivals(topic, org);
            assertThat(arrived).as("versions of %s in arrival order, redeliveries included", org)
                    .isSorted()
                    .containsAll(LongRange.of(versions));
        }
    }

    private static List<Long> arrivals(TopicReader topic, UUID org) {
        return topic.records(org.toString()).stream()
                .map(r -> Long.parseLong(TopicReader.header(r, "ce_aggregateversion")))
                .toList();
    }

    private double published() {
        return meters.find("zz.events.published").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private double backlog() {
        return meters.get("zz.outbox.backlog").gauge().value();
    }

    private static final class LongRange {
        static List<Long> of(int n) {
            return IntStream.rangeClosed(1, n).mapToObj(Long::valueOf).toList();
        }
    }
}
