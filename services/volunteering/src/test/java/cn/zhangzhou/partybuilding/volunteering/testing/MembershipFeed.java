package cn.zhangzhou.partybuilding.volunteering.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
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
import cn.zhangzhou.partybuilding.events.membership.UnitReportAccepted;

/**
 * Plays the membership services of the districts: publishes their events (CloudEvents headers and all) as their
 * outbox relays would, and waits until the volunteering service applied them. The real membership service is not
 * started: a service must not depend on another.
 */
public final class MembershipFeed {

    /** Aggregate versions only have to grow per subject; one counter for all is simplest. */
    private static final AtomicLong VERSION = new AtomicLong();

    private final RunningVolunteering service;
    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()),
            new StringSerializer(), new ByteArraySerializer());
    private final UUID district;

    MembershipFeed(RunningVolunteering service) {
        this.service = service;
        this.district = organisation(OrganisationType.DISTRICT_COMMITTEE, null);
    }

    /** The district committee at the top of the tree the test classes share. */
    public UUID district() {
        return district;
    }

    public UUID street() {
        return organisation(OrganisationType.STREET_COMMITTEE, district);
    }

    /** A community in a new street. */
    public UUID community() {
        return community(street());
    }

    public UUID community(UUID street) {
        return organisation(OrganisationType.COMMUNITY, street);
    }

    public UUID organisation(OrganisationType type, UUID parent) {
        UUID id = UUID.randomUUID();
        publish(RunningVolunteering.DISTRICT, MembershipEvents.ORGANISATION_CREATED, new OrganisationCreated(id,
                "V-" + id.toString().substring(0, 8), type.name(), type, parent));
        awaitRow("directory.organisation where id = '" + id + "'");
        return id;
    }

    /** A member of this district living in the community. */
    public UUID member(UUID community) {
        UUID member = registered(RunningVolunteering.DISTRICT, RunningVolunteering.DISTRICT, community);
        awaitRow("directory.member where member_id = '" + member + "'");
        return member;
    }

    /** A member of another district living in our community (registered by their district, with ours as residence). */
    public UUID member(String homeDistrict, UUID community) {
        UUID member = registered(homeDistrict, RunningVolunteering.DISTRICT, community);
        awaitRow("directory.member where member_id = '" + member + "' and home_district = '" + homeDistrict + "'");
        return member;
    }

    /** Many members of this district living in the community, published at once and awaited together. */
    public List<UUID> members(UUID community, int count) {
        List<UUID> members = IntStream.range(0, count)
                .mapToObj(i -> registered(RunningVolunteering.DISTRICT, RunningVolunteering.DISTRICT, community))
                .toList();
        await().atMost(Duration.ofSeconds(60)).until(() -> service.rows("directory.member "
                + "where residence_community_id = '" + community + "'") == count);
        return members;
    }

    /**
     * A member of {@code homeDistrict} living there, whose member report (双报到) to our community was accepted here.
     */
    public UUID reportedMember(String homeDistrict, UUID community) {
        UUID member = registered(homeDistrict, homeDistrict, null);
        UUID report = UUID.randomUUID();
        publish(RunningVolunteering.DISTRICT, MembershipEvents.MEMBER_REPORT_ACCEPTED,
                new MemberReportAccepted(report, member, homeDistrict, community));
        awaitRow("directory.member_report where report_id = '" + report + "'");
        return member;
    }

    /** A resident unit (驻区单位) whose unit report to the community was accepted. */
    public UUID reportedUnit(UUID community) {
        UUID unit = organisation(OrganisationType.RESIDENT_UNIT, community);
        UUID report = UUID.randomUUID();
        publish(RunningVolunteering.DISTRICT, MembershipEvents.UNIT_REPORT_ACCEPTED,
                new UnitReportAccepted(report, unit, community, "HZ-" + report.toString().substring(0, 6)));
        awaitRow("directory.unit_report where report_id = '" + report + "'");
        return unit;
    }

    /** Registered by {@code homeDistrict}'s membership service (kept here only if home or residence is ours). */
    private UUID registered(String homeDistrict, String residenceDistrict, UUID community) {
        UUID id = UUID.randomUUID();
        publish(homeDistrict, MembershipEvents.MEMBER_REGISTERED, new MemberRegistered(id, UUID.randomUUID(),
                residenceDistrict, community, MemberCategory.RETIRED, List.of(), null, false));
        return id;
    }

    /** Publishes on {@code <district>.membership.events} as that district's membership service would. */
    public <E extends DomainEvent> EventEnvelope publish(String from, EventType<E> type, E event) {
        EventEnvelope envelope = EventEnvelope.create(type, from, event.aggregateId(), VERSION.incrementAndGet(),
                Instant.now(), null);
        publishRaw(from, event.aggregateId(), EventJson.toBytes(event), envelope);
        return envelope;
    }

    /** Any bytes under any envelope: for redeliveries and poison records. */
    public void publishRaw(String from, String key, byte[] value, EventEnvelope envelope) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.events(from, "membership"), key, value);
        envelope.writeTo(record.headers());
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static long nextVersion() {
        return VERSION.incrementAndGet();
    }

    public void awaitRow(String tableAndWhere) {
        await().atMost(Duration.ofSeconds(60)).until(() -> service.rows(tableAndWhere) == 1);
    }
}
