package cn.zhangzhou.partybuilding.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import cn.zhangzhou.partybuilding.events.DomainEvent;
import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.EventJson;
import cn.zhangzhou.partybuilding.events.EventType;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.events.membership.OrganisationCreated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;

/**
 * What the wishes service must know before anyone can claim: the district's organisation tree and members living
 * in the benchmark community. Published on the district's membership topic exactly as membership's outbox relay
 * would (CloudEvents headers and all), so the wishes service learns it through its real consumer; the benchmark
 * does not start a membership service it would not measure.
 */
final class MembershipSeed {

    /** The benchmark community and the members living in it. */
    record Seeded(UUID community, List<UUID> members) {
    }

    private final AtomicLong version = new AtomicLong();
    private final String district;

    MembershipSeed(String district) {
        this.district = district;
    }

    /** Publishes the tree and {@code members} residents, then waits (bounded) until the service has them all. */
    Seeded publish(String bootstrapServers, int members, String serviceDb, String user, Duration timeout)
            throws SQLException, InterruptedException {
        UUID root = UUID.randomUUID();
        UUID street = UUID.randomUUID();
        UUID community = UUID.randomUUID();
        List<UUID> ids = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            send(producer, MembershipEvents.ORGANISATION_CREATED,
                    new OrganisationCreated(root, "BENCH-DC", "芗城区委 (benchmark)", OrganisationType.DISTRICT_COMMITTEE, null));
            send(producer, MembershipEvents.ORGANISATION_CREATED,
                    new OrganisationCreated(street, "BENCH-ST", "基准街道", OrganisationType.STREET_COMMITTEE, root));
            send(producer, MembershipEvents.ORGANISATION_CREATED,
                    new OrganisationCreated(community, "BENCH-CM", "基准社区", OrganisationType.COMMUNITY, street));
            for (int i = 0; i < members; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                send(producer, MembershipEvents.MEMBER_REGISTERED, new MemberRegistered(id, root, district, community,
                        MemberCategory.IN_SERVICE, List.of("志愿服务"), null, false));
            }
            producer.flush();
        }
        // The wishes service's membership directory (shared-events/membership-directory, schema directory).
        awaitRows(serviceDb, user, "select count(*) from directory.member where residence_community_id = '"
                + community + "'", members, timeout);
        awaitRows(serviceDb, user, "select count(*) from directory.organisation where id = '" + community + "'", 1,
                timeout);
        return new Seeded(community, List.copyOf(ids));
    }

    private <E extends DomainEvent> void send(KafkaProducer<String, byte[]> producer, EventType<E> type, E event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.events(district, "membership"),
                event.aggregateId(), EventJson.toBytes(event));
        EventEnvelope.create(type, district, event.aggregateId(), version.incrementAndGet(), Instant.now(), null)
                .writeTo(record.headers());
        producer.send(record);
    }

    /** Polls the service's database: the events reach it through Kafka and its consumer, asynchronously. */
    private static void awaitRows(String jdbcUrl, String user, String countQuery, long expected, Duration timeout)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = -1;
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, ""); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery(countQuery)) {
                    rs.next();
                    seen = rs.getLong(1);
                }
                if (seen >= expected) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(200); // a poll interval in a command-line tool, not a test
            }
        }
        throw new IllegalStateException("the wishes service applied " + seen + " of " + expected
                + " membership facts within " + timeout.toSeconds() + " s (" + countQuery + ")");
    }
}
