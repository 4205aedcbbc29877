package cn.zhangzhou.partybuilding.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import cn.zhangzhou.partybuilding.embedded.KafkaBroker;
import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.messaging.testapp.MessagingTestApplication;
import cn.zhangzhou.partybuilding.messaging.testapp.OrganisationNames;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Kafka down while the service keeps accepting writes: a broker of this test's own on fixed ports is
 * stopped, events pile up in the outbox, and after a restart on the same ports and data directory
 * every one of them arrives, each aggregate's in version order.
 */
@SpringBootTest(classes = MessagingTestApplication.class, properties = {
        "zz.district=longhai",
        // This test watches the relay only.
        "spring.kafka.listener.auto-startup=false"})
class KafkaOutageTest {

    static final String TOPIC = "longhai.membership.events";
    static KafkaBroker broker = KafkaBroker.start(tempDir(), 0, 0);

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
            await().atMost(Duration.ofSeconds(30)).until(() -> orgs.stream()
                    .allMatch(org -> firstSeenVersions(after.records(org.toString())).size() == versions));
            for (UUID org : orgs) {
                assertThat(firstSeenVersions(after.records(org.toString())))
                        .as("versions of %s in arrival order", org)
                        .containsExactlyElementsOf(LongRange.of(versions));
            }
        }
        assertThat(meters.get("zz.events.published").tag("type", "zz.membership.OrganisationRenamed.v1")
                .counter().count()).isGreaterThanOrEqualTo(1 + orgs.size() * versions);
    }

    private double backlog() {
        return meters.get("zz.outbox.backlog").gauge().value();
    }

    private static List<Long> firstSeenVersions(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, Long> firstSeen = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            firstSeen.putIfAbsent(TopicReader.header(r, "ce_id"),
                    Long.parseLong(TopicReader.header(r, "ce_aggregateversion")));
        }
        return List.copyOf(firstSeen.values());
    }

    private static java.nio.file.Path tempDir() {
        try {
            return Files.createTempDirectory("zz-outage-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class LongRange {
        static List<Long> of(int n) {
            return IntStream.rangeClosed(1, n).mapToObj(Long::valueOf).toList();
        }
    }
}
