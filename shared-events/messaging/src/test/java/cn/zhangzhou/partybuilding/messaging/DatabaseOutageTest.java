package cn.zhangzhou.partybuilding.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import cn.zhangzhou.partybuilding.embedded.KafkaBroker;
import cn.zhangzhou.partybuilding.embedded.PostgresServer;
import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.EventJson;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.events.membership.OrganisationRenamed;
import cn.zhangzhou.partybuilding.messaging.testapp.MessagingTestApplication;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The consumer's database down for longer than the old retry budget (3 retries, about 2.6 s, then the dead-letter
 * topic): the event that arrives meanwhile is retried until the database is back and then applied; nothing is
 * dead-lettered (decision 0005). A PostgreSQL and a broker of this test's own, so stopping them disturbs no other test.
 */
@SpringBootTest(classes = MessagingTestApplication.class, properties = {
        "zz.district=longhai",
        // Fail fast while the database is away (Hikari waits 30 s for a connection by default), as a service that
        // must not hang would: every attempt fails within a second, so the old budget would be spent four times over.
        "spring.datasource.hikari.connection-timeout=1000"})
class DatabaseOutageTest {

    static final String TOPIC = Topics.events("longwen", "membership");
    static final Path POSTGRES_DIR = tempDir("zz-outage-postgres");
    static PostgresServer postgres = PostgresServer.start(POSTGRES_DIR, 0, true);
    static final int POSTGRES_PORT = postgres.port();
    static KafkaBroker broker = KafkaBroker.start(tempDir("zz-outage-kafka"), 0, 0);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> postgres.ensureDatabase("outage"));
        registry.add("spring.datasource.username", () -> PostgresServer.USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
    }

    @AfterAll
    static void stop() {
        postgres.close();
        broker.close();
    }

    @Autowired MeterRegistry meters;
    @Autowired JdbcClient jdbc;

    @Test
    void anEventArrivingWhileTheDatabaseIsDownIsAppliedWhenItReturnsAndNeverDeadLettered() throws Exception {
        UUID org = UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            EventEnvelope first = send(producer, org, 1, "before the outage");
            await().atMost(Duration.ofSeconds(60)).until(() -> applied(first) == 1);

            postgres.close();
            EventEnvelope during = send(producer, org, 2, "while the database is down");
            // Four times the old budget: the record is retried, not given up.
            await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(15)).until(() -> deadLettered() == 0);
            postgres = PostgresServer.start(POSTGRES_DIR, POSTGRES_PORT, true);

            // The test's own pool reconnects too: its first queries may still fail.
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> applied(during) == 1);
            EventEnvelope after = send(producer, org, 3, "after the outage");
            await().atMost(Duration.ofSeconds(30)).until(() -> applied(after) == 1);
            assertThat(deadLettered()).isZero();
            assertThat(applied(first)).isEqualTo(1);
            assertThat(applied(during)).isEqualTo(1);
        }
    }

    private EventEnvelope send(KafkaProducer<String, byte[]> producer, UUID org, long version, String name)
            throws Exception {
        EventEnvelope envelope = EventEnvelope.create(MembershipEvents.ORGANISATION_RENAMED, "longwen", org.toString(),
                version, Instant.now(), null);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, org.toString(),
                EventJson.toBytes(new OrganisationRenamed(org, name)));
        envelope.writeTo(record.headers());
        producer.send(record).get();
        return envelope;
    }

    private int applied(EventEnvelope event) {
        return jdbc.sql("select coalesce(max(applied_count), 0) from applied_event where event_id = :id")
                .param("id", event.id()).query(Integer.class).single();
    }

    private double deadLettered() {
        return meters.find("zz.events.dead.lettered").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
