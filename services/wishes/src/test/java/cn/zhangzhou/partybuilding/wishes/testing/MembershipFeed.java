package cn.zhangzhou.partybuilding.wishes.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import cn.zhangzhou.partybuilding.events.membership.MemberReportAccepted;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.events.membership.OrganisationCreated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.infra.TestInfrastructure;

/**
 * Plays the district's membership service: publishes its events, CloudEvents headers and all, on
 * {@code xiangcheng.membership.events}, as the outbox relay would, and waits until the wishes service applied
 * them. (A service must not depend on another, so the real membership service is not started here.)
 */
public final class MembershipFeed {

    /** Aggregate versions only have to grow per subject; one counter for all is simplest. */
    private static final AtomicLong VERSION = new AtomicLong();
    private static final KafkaProducer<String, byte[]> PRODUCER = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()),
            new StringSerializer(), new ByteArraySerializer());

    private final RunningWishes wishes;
    private final UUID root;

    public MembershipFeed(RunningWishes wishes) {
        this.wishes = wishes;
        this.root = organisation(OrganisationType.DISTRICT_COMMITTEE, null);
    }

    /** A street with one community; returns the community. */
    public UUID community() {
        UUID street = organisation(OrganisationType.STREET_COMMITTEE, root);
        return organisation(OrganisationType.COMMUNITY, street);
    }

    /** The district committee at the top of this feed's tree. */
    public UUID root() {
        return root;
    }

    public UUID organisation(OrganisationType type, UUID parent) {
        return organisation(type, parent, "组织");
    }

    public UUID organisation(OrganisationType type, UUID parent, String name) {
        UUID id = UUID.randomUUID();
        send(MembershipEvents.ORGANISATION_CREATED, new OrganisationCreated(id, "C-" + id.toString().substring(0, 8),
                name, type, parent));
        awaitRows("organisation where id = '" + id + "'");
        return id;
    }

    /** A member living in the community. */
    public UUID residentMember(UUID community) {
        UUID id = UUID.randomUUID();
        send(MembershipEvents.MEMBER_REGISTERED, new MemberRegistered(id, root, RunningWishes.DISTRICT, community,
                MemberCategory.IN_SERVICE, List.of(), null, false));
        awaitRows("member_residence where member_id = '" + id + "'");
        return id;
    }

    /** A member living elsewhere whose member report (双报到) to the community was accepted. */
    public UUID reportedMember(UUID community) {
        UUID id = residentMember(null);
        acceptReport(id, community);
        return id;
    }

    /** The member's member report (双报到) to the community was accepted. */
    public void acceptReport(UUID member, UUID community) {
        UUID report = UUID.randomUUID();
        send(MembershipEvents.MEMBER_REPORT_ACCEPTED, new MemberReportAccepted(report, member, RunningWishes.DISTRICT,
                community));
        awaitRows("member_report where report_id = '" + report + "'");
    }

    private <E extends DomainEvent> void send(EventType<E> type, E event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.events(RunningWishes.DISTRICT,
                "membership"), event.aggregateId(), EventJson.toBytes(event));
        EventEnvelope.create(type, RunningWishes.DISTRICT, event.aggregateId(), VERSION.incrementAndGet(),
                Instant.now(), null).writeTo(record.headers());
        try {
            PRODUCER.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitRows(String tableAndWhere) {
        await().atMost(Duration.ofSeconds(60)).until(() -> wishes.rows(tableAndWhere) == 1);
    }
}
