package cn.zhangzhou.partybuilding.benchmark;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

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
import cn.zhangzhou.partybuilding.events.membership.UnitReportAccepted;
import cn.zhangzhou.partybuilding.events.volunteering.HoursApproved;
import cn.zhangzhou.partybuilding.events.volunteering.HoursSource;
import cn.zhangzhou.partybuilding.events.volunteering.ShiftKind;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteerKind;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteeringEvents;
import cn.zhangzhou.partybuilding.events.wishes.ConfirmedBy;
import cn.zhangzhou.partybuilding.events.wishes.PostedBy;
import cn.zhangzhou.partybuilding.events.wishes.WishCategory;
import cn.zhangzhou.partybuilding.events.wishes.WishConfirmed;
import cn.zhangzhou.partybuilding.events.wishes.WishPosted;
import cn.zhangzhou.partybuilding.events.wishes.WishesEvents;

/**
 * A district's year of what the evaluation scores, published on the district's topics exactly as the services' relays
 * would (CloudEvents headers and a request's traceparent, each aggregate's versions in order): the tree (streets and
 * communities), members living in the first community, and the year's verified outcomes spread over the communities
 * and months — approved hours (7 in 10), wishes posted and confirmed, accepted member and unit reports. The evaluation
 * service learns all of it through its real consumers.
 *
 * @param outcomes how many outcome events (hours, confirmed wishes, reports) to publish; a wish adds its posting
 */
final class EvaluationYear {

    /** What was published: the tree, the members, and per kind of outcome how many (their events in the topics). */
    record Published(UUID district, List<UUID> streets, List<UUID> communities, List<UUID> members, long events,
                     Map<Kind, Long> outcomes) {
    }

    /** The outcomes the evaluation counts, as published here. */
    enum Kind { HOURS, WISHES, MEMBER_REPORTS, UNIT_REPORTS }

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final String district;
    private final int year;
    private long events;
    private final AtomicReference<Exception> failed = new AtomicReference<>();

    EvaluationYear(String district, int year) {
        this.district = district;
        this.year = year;
    }

    Published publish(String bootstrapServers, int streets, int communitiesPerStreet, int members, int outcomes) {
        UUID root = UUID.randomUUID();
        List<UUID> streetIds = new ArrayList<>();
        List<UUID> communityIds = new ArrayList<>();
        List<UUID> memberIds = new ArrayList<>();
        Map<Kind, Long> counts = new EnumMap<>(Kind.class);
        // One batch in flight per partition: the topics are created by the first send, and an idempotent producer's
        // batches in flight to a partition whose leader is still being elected can be refused out of sequence.
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                new StringSerializer(), new ByteArraySerializer())) {
            send(producer, MembershipEvents.ORGANISATION_CREATED, new OrganisationCreated(root, "BENCH-DC",
                    "区委 (benchmark)", OrganisationType.DISTRICT_COMMITTEE, null), 1, start());
            for (int s = 0; s < streets; s++) {
                UUID street = UUID.randomUUID();
                streetIds.add(street);
                send(producer, MembershipEvents.ORGANISATION_CREATED, new OrganisationCreated(street,
                        "BENCH-ST%02d".formatted(s + 1), "基准街道" + (s + 1), OrganisationType.STREET_COMMITTEE, root),
                        1, start());
                for (int c = 0; c < communitiesPerStreet; c++) {
                    UUID community = UUID.randomUUID();
                    communityIds.add(community);
                    send(producer, MembershipEvents.ORGANISATION_CREATED, new OrganisationCreated(community,
                            "BENCH-CM%02d%02d".formatted(s + 1, c + 1), "基准社区" + (s + 1) + "-" + (c + 1),
                            OrganisationType.COMMUNITY, street), 1, start());
                }
            }
            for (int m = 0; m < members; m++) {
                UUID id = UUID.randomUUID();
                memberIds.add(id);
                // They all live in the first community: the one rated by its members.
                UUID community = communityIds.get(0);
                send(producer, MembershipEvents.MEMBER_REGISTERED, new MemberRegistered(id, community, district,
                        community, MemberCategory.IN_SERVICE, List.of("志愿服务"), null, false), 1, start());
            }
            for (int i = 0; i < outcomes; i++) {
                UUID community = communityIds.get(i % communityIds.size());
                // Spread over the year, a few minutes apart, all inside it.
                Instant at = start().plusSeconds(60L * (i % 500_000));
                Kind kind = kind(i);
                counts.merge(kind, 1L, Long::sum);
                UUID id = UUID.randomUUID();
                switch (kind) {
                    case HOURS -> send(producer, VolunteeringEvents.HOURS_APPROVED, new HoursApproved(id,
                            memberIds.get(i % memberIds.size()), VolunteerKind.MEMBER, district, community,
                            ShiftKind.ACTIVITY, UUID.randomUUID(), false, null, null, 120,
                            LocalDate.ofInstant(at, CHINA), HoursSource.values()[0]), 3, at);
                    case WISHES -> {
                        send(producer, WishesEvents.WISH_POSTED, new WishPosted(id, community, null,
                                WishCategory.values()[i % WishCategory.values().length], 100, PostedBy.values()[0],
                                UUID.randomUUID()), 1, at);
                        send(producer, WishesEvents.WISH_CONFIRMED, new WishConfirmed(id, community, UUID.randomUUID(),
                                ConfirmedBy.STAFF), 6, at.plusSeconds(30));
                    }
                    case MEMBER_REPORTS -> send(producer, MembershipEvents.MEMBER_REPORT_ACCEPTED,
                            new MemberReportAccepted(id, memberIds.get(i % memberIds.size()), district, community), 2,
                            at);
                    case UNIT_REPORTS -> send(producer, MembershipEvents.UNIT_REPORT_ACCEPTED,
                            new UnitReportAccepted(id, UUID.randomUUID(), community, "R" + i), 2, at);
                }
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("an event of the year was not published", failed.get());
        }
        return new Published(root, streetIds, communityIds, memberIds, events, counts);
    }

    /** 7 in 10 outcomes are hours, 2 confirmed wishes, then member and unit reports. */
    static Kind kind(int i) {
        return switch (i % 10) {
            case 7, 8 -> Kind.WISHES;
            case 9 -> i % 20 == 9 ? Kind.MEMBER_REPORTS : Kind.UNIT_REPORTS;
            default -> Kind.HOURS;
        };
    }

    private Instant start() {
        return LocalDate.of(year, 1, 1).atStartOfDay(CHINA).toInstant().plusSeconds(3600);
    }

    private <E extends DomainEvent> void send(KafkaProducer<String, byte[]> producer, EventType<E> type, E event,
                                              long version, Instant time) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.events(district, type.service()),
                event.aggregateId(), EventJson.toBytes(event));
        EventEnvelope.create(type, district, event.aggregateId(), version, time, Traceparents.ofARequest())
                .writeTo(record.headers());
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                failed.compareAndSet(null, error);
            }
        });
        events++;
    }
}
