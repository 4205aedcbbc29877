package cn.zhangzhou.partybuilding.benchmark;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.ProducerRecord;

import cn.zhangzhou.partybuilding.events.DomainEvent;
import cn.zhangzhou.partybuilding.events.Districts;
import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.EventJson;
import cn.zhangzhou.partybuilding.events.EventType;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.events.evaluation.EvaluationEvents;
import cn.zhangzhou.partybuilding.events.evaluation.OrganisationScored;
import cn.zhangzhou.partybuilding.events.evaluation.RoundClosed;
import cn.zhangzhou.partybuilding.events.evaluation.RoundLevel;
import cn.zhangzhou.partybuilding.events.evaluation.RoundOpened;
import cn.zhangzhou.partybuilding.events.evaluation.ScoreCalibrated;
import cn.zhangzhou.partybuilding.events.membership.CadreRole;
import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferredWithinDistrict;
import cn.zhangzhou.partybuilding.events.membership.MemberUpdated;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.events.membership.OrganisationCreated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.events.volunteering.ActivityKind;
import cn.zhangzhou.partybuilding.events.volunteering.ActivityScheduled;
import cn.zhangzhou.partybuilding.events.volunteering.ActivitySignedUp;
import cn.zhangzhou.partybuilding.events.volunteering.CheckedIn;
import cn.zhangzhou.partybuilding.events.volunteering.HoursApproved;
import cn.zhangzhou.partybuilding.events.volunteering.HoursClaimed;
import cn.zhangzhou.partybuilding.events.volunteering.HoursSource;
import cn.zhangzhou.partybuilding.events.volunteering.ShiftKind;
import cn.zhangzhou.partybuilding.events.volunteering.SignUpStatus;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteerKind;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteeringEvents;
import cn.zhangzhou.partybuilding.events.wishes.ClaimerKind;
import cn.zhangzhou.partybuilding.events.wishes.ConfirmedBy;
import cn.zhangzhou.partybuilding.events.wishes.PostedBy;
import cn.zhangzhou.partybuilding.events.wishes.ReleaseReason;
import cn.zhangzhou.partybuilding.events.wishes.WishCategory;
import cn.zhangzhou.partybuilding.events.wishes.WishClaimed;
import cn.zhangzhou.partybuilding.events.wishes.WishConfirmed;
import cn.zhangzhou.partybuilding.events.wishes.WishFulfilled;
import cn.zhangzhou.partybuilding.events.wishes.WishPosted;
import cn.zhangzhou.partybuilding.events.wishes.WishPublished;
import cn.zhangzhou.partybuilding.events.wishes.WishReleased;
import cn.zhangzhou.partybuilding.events.wishes.WishWithdrawn;
import cn.zhangzhou.partybuilding.events.wishes.WishesEvents;

/**
 * A city-scale year of the districts' events (issue 15): the eleven districts' organisation trees (24 communities
 * each, 264 in all, with their streets, grids and party groups), their members registered on the first day, then day
 * by day wishes taken through their steps, activities with sign-ups, check-ins and approved hours, hours claimed and
 * approved, members updated and moved, and at the year's end each district's evaluation round. Every record is what
 * the district's relay publishes: the event record of shared-events/contracts as {@link EventJson} writes it, the
 * {@link EventEnvelope}'s CloudEvents headers, keyed by aggregate, on {@code <district>.<service>.events}, versions
 * 1, 2, 3 ... per aggregate in the order written. Deterministic: the same seed and sizes give the same records (ids
 * and times included).
 */
final class CityYear {

    static final int STREETS_PER_DISTRICT = 4;
    static final int COMMUNITIES_PER_STREET = 6;
    static final int GRIDS_PER_COMMUNITY = 4;
    static final int GROUPS_PER_GRID = 3;
    static final int YEAR = 2025;
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String[] SPECIALTIES = {null, "LEGAL", "MEDICAL", "IT", "REPAIRS", "PATROL"};

    /** What the year holds, counted as it was written: the figures the dashboard must show for it. */
    record Tally(long events, Map<String, Long> byType, Map<String, List<UUID>> communitiesOf, long communities,
                 long grids, long partyGroups, long members, long wishesPosted, long wishesPublished,
                 long wishesClaimed, long wishesFulfilled, long wishesConfirmed, long serviceMinutes,
                 long trainingMinutes) {
    }

    /** One district's tree: its communities and, per community, its party groups (where members belong). */
    private record Tree(String district, List<UUID> communities, Map<UUID, List<UUID>> groups) {
    }

    private final Random random;
    private final int members;
    private final long events;
    private final Consumer<ProducerRecord<String, byte[]>> sink;
    private final Map<UUID, Long> versions = new HashMap<>();
    private final Map<String, Long> byType = new TreeMap<>();
    private final List<Tree> trees = new ArrayList<>();
    /** Members per district, in registration order. */
    private final Map<String, List<UUID>> membersOf = new HashMap<>();
    private final Map<UUID, UUID> communityOf = new HashMap<>();
    private long written;
    private long wishesPosted;
    private long wishesPublished;
    private long wishesClaimed;
    private long wishesFulfilled;
    private long wishesConfirmed;
    private long serviceMinutes;
    private long trainingMinutes;

    private CityYear(long seed, int members, long events, Consumer<ProducerRecord<String, byte[]>> sink) {
        this.random = new Random(seed);
        this.members = members;
        this.events = events;
        this.sink = sink;
    }

    /**
     * Writes the year to {@code sink}, record by record in the order the districts publish them.
     *
     * @param members how many members the city has (spread over its districts)
     * @param events  how many events at least (the daily activity fills up to it)
     */
    static Tally write(long seed, int members, long events, Consumer<ProducerRecord<String, byte[]>> sink) {
        return new CityYear(seed, members, events, sink).write();
    }

    private Tally write() {
        Instant newYear = LocalDate.of(YEAR, 1, 1).atStartOfDay(CHINA).toInstant();
        Districts.IDS.forEach(district -> trees.add(tree(district, newYear)));
        for (int i = 0; i < members; i++) {
            register(trees.get(i % trees.size()), newYear.plusSeconds(3600 + i % 36_000));
        }
        long evaluation = (long) trees.size() * (3 + COMMUNITIES_PER_STREET * STREETS_PER_DISTRICT);
        long perDay = Math.max(1, (events - written - evaluation) / 365 + 1);
        for (int day = 0; day < 365; day++) {
            Instant morning = newYear.plus(day, ChronoUnit.DAYS).plus(8, ChronoUnit.HOURS);
            long target = written + perDay;
            while (written < target) {
                story(trees.get(random.nextInt(trees.size())), morning.plusSeconds(random.nextInt(10 * 3600)));
            }
        }
        Instant yearEnd = LocalDate.of(YEAR, 12, 31).atStartOfDay(CHINA).toInstant().plus(20, ChronoUnit.HOURS);
        trees.forEach(tree -> evaluate(tree, yearEnd));
        long communities = (long) trees.size() * STREETS_PER_DISTRICT * COMMUNITIES_PER_STREET;
        Map<String, List<UUID>> communitiesOf = new HashMap<>();
        trees.forEach(tree -> communitiesOf.put(tree.district(), List.copyOf(tree.communities())));
        return new Tally(written, Map.copyOf(byType), Map.copyOf(communitiesOf), communities, communities * GRIDS_PER_COMMUNITY,
                communities * GRIDS_PER_COMMUNITY * GROUPS_PER_GRID, members, wishesPosted, wishesPublished,
                wishesClaimed, wishesFulfilled, wishesConfirmed, serviceMinutes, trainingMinutes);
    }

    private Tree tree(String district, Instant at) {
        UUID root = organisation(district, OrganisationType.DISTRICT_COMMITTEE, null, district, at);
        List<UUID> communities = new ArrayList<>();
        Map<UUID, List<UUID>> groups = new HashMap<>();
        for (int s = 0; s < STREETS_PER_DISTRICT; s++) {
            UUID street = organisation(district, OrganisationType.STREET_COMMITTEE, root, district + " street " + s, at);
            for (int c = 0; c < COMMUNITIES_PER_STREET; c++) {
                String name = district + " community " + s + "-" + c;
                UUID community = organisation(district, OrganisationType.COMMUNITY, street, name, at);
                communities.add(community);
                List<UUID> its = new ArrayList<>();
                for (int g = 0; g < GRIDS_PER_COMMUNITY; g++) {
                    UUID grid = organisation(district, OrganisationType.GRID, community, name + " grid " + g, at);
                    for (int p = 0; p < GROUPS_PER_GRID; p++) {
                        its.add(organisation(district, OrganisationType.PARTY_GROUP, grid, name + " group " + g + p, at));
                    }
                }
                groups.put(community, its);
            }
        }
        return new Tree(district, communities, groups);
    }

    private UUID organisation(String district, OrganisationType type, UUID parent, String name, Instant at) {
        UUID id = id();
        send(district, MembershipEvents.ORGANISATION_CREATED,
                new OrganisationCreated(id, type.name().charAt(0) + Long.toString(written), name, type, parent), at);
        return id;
    }

    private void register(Tree tree, Instant at) {
        UUID member = id();
        UUID community = pick(tree.communities());
        UUID group = pick(tree.groups().get(community));
        MemberCategory category = MemberCategory.values()[random.nextInt(MemberCategory.values().length)];
        boolean worker = random.nextInt(50) == 0;
        CadreRole role = worker && random.nextBoolean() ? CadreRole.values()[random.nextInt(CadreRole.values().length)]
                : null;
        send(tree.district(), MembershipEvents.MEMBER_REGISTERED, new MemberRegistered(member, group,
                tree.district(), community, category, List.of(), role, worker), at);
        membersOf.computeIfAbsent(tree.district(), d -> new ArrayList<>()).add(member);
        communityOf.put(member, community);
    }

    /** One thing that happens in a district on a day: mostly wishes and volunteering, some membership changes. */
    private void story(Tree tree, Instant at) {
        int kind = random.nextInt(20);
        if (kind < 8) {
            wish(tree, at);
        } else if (kind < 14) {
            activity(tree, at);
        } else if (kind < 17) {
            claimedHours(tree, at);
        } else {
            memberChange(tree, at);
        }
    }

    private void wish(Tree tree, Instant at) {
        UUID wish = id();
        UUID community = pick(tree.communities());
        String district = tree.district();
        send(district, WishesEvents.WISH_POSTED, new WishPosted(wish, community, null,
                WishCategory.values()[random.nextInt(WishCategory.values().length)], 20 + random.nextInt(300),
                random.nextBoolean() ? PostedBy.RESIDENT : PostedBy.STAFF, id()), at);
        wishesPosted++;
        if (random.nextInt(20) == 0) {
            send(district, WishesEvents.WISH_WITHDRAWN, new WishWithdrawn(wish, community, "no longer needed"),
                    at.plusSeconds(600));
            return;
        }
        send(district, WishesEvents.WISH_PUBLISHED, new WishPublished(wish, community, random.nextInt(10) == 0),
                at.plusSeconds(1200));
        wishesPublished++;
        UUID claim = id();
        Instant claimed = at.plusSeconds(1800);
        send(district, WishesEvents.WISH_CLAIMED, new WishClaimed(wish, community, claim, ClaimerKind.MEMBER,
                pick(membersOf.get(district)), district, claimed.plus(2, ChronoUnit.DAYS)), claimed);
        wishesClaimed++;
        if (random.nextInt(10) == 0) {
            send(district, WishesEvents.WISH_RELEASED, new WishReleased(wish, community, claim,
                    ReleaseReason.CLAIMER_WITHDREW, false), claimed.plusSeconds(600));
            return;
        }
        send(district, WishesEvents.WISH_FULFILLED, new WishFulfilled(wish, community, claim, random.nextBoolean()),
                claimed.plusSeconds(3600));
        wishesFulfilled++;
        send(district, WishesEvents.WISH_CONFIRMED, new WishConfirmed(wish, community, claim, ConfirmedBy.BENEFICIARY),
                claimed.plusSeconds(7200));
        wishesConfirmed++;
    }

    private void activity(Tree tree, Instant at) {
        UUID activity = id();
        UUID community = pick(tree.communities());
        String specialty = SPECIALTIES[random.nextInt(SPECIALTIES.length)];
        boolean training = random.nextInt(8) == 0;
        Instant starts = at.plus(1, ChronoUnit.HOURS);
        Instant ends = starts.plus(2, ChronoUnit.HOURS);
        int volunteers = 2 + random.nextInt(4);
        send(tree.district(), VolunteeringEvents.ACTIVITY_SCHEDULED, new ActivityScheduled(activity, community,
                training ? ActivityKind.TRAINING : ActivityKind.SERVICE, "activity " + written, specialty, starts, ends,
                volunteers + 2, starts, null), at);
        List<UUID> signedUp = new ArrayList<>();
        for (int v = 0; v < volunteers; v++) {
            UUID volunteer = pick(membersOf.get(tree.district()));
            signedUp.add(volunteer);
            send(tree.district(), VolunteeringEvents.ACTIVITY_SIGNED_UP, new ActivitySignedUp(activity, community,
                    id(), volunteer, SignUpStatus.CONFIRMED, null), at.plusSeconds(60L * (v + 1)));
        }
        for (UUID volunteer : signedUp) {
            UUID hours = id();
            send(tree.district(), VolunteeringEvents.CHECKED_IN, new CheckedIn(hours, volunteer, community,
                    ShiftKind.ACTIVITY, activity), starts);
            approve(tree.district(), hours, volunteer, community, ShiftKind.ACTIVITY, activity, training, specialty,
                    120, HoursSource.CHECK_IN, ends.plusSeconds(600));
        }
    }

    private void claimedHours(Tree tree, Instant at) {
        UUID hours = id();
        UUID volunteer = pick(membersOf.get(tree.district()));
        UUID community = communityOf.get(volunteer);
        int minutes = 30 + 30 * random.nextInt(6);
        UUID shift = id();
        send(tree.district(), VolunteeringEvents.HOURS_CLAIMED, new HoursClaimed(hours, volunteer, community,
                ShiftKind.POST, shift, minutes, servedOn(at), "served without a check-in"), at);
        approve(tree.district(), hours, volunteer, community, ShiftKind.POST, shift, false, null, minutes,
                HoursSource.CLAIM, at.plusSeconds(3600));
    }

    private void approve(String district, UUID hours, UUID volunteer, UUID community, ShiftKind shiftKind, UUID shift,
                         boolean training, String specialty, int minutes, HoursSource source, Instant at) {
        send(district, VolunteeringEvents.HOURS_APPROVED, new HoursApproved(hours, volunteer, VolunteerKind.MEMBER,
                district, community, shiftKind, shift, training, specialty, null, minutes, servedOn(at), source), at);
        if (training) {
            trainingMinutes += minutes;
        } else {
            serviceMinutes += minutes;
        }
    }

    private void memberChange(Tree tree, Instant at) {
        UUID member = pick(membersOf.get(tree.district()));
        UUID community = communityOf.get(member);
        if (random.nextBoolean()) {
            send(tree.district(), MembershipEvents.MEMBER_UPDATED, new MemberUpdated(member, tree.district(),
                    community, MemberCategory.values()[random.nextInt(MemberCategory.values().length)], List.of(),
                    null, false), at);
        } else {
            UUID to = pick(tree.communities());
            send(tree.district(), MembershipEvents.MEMBER_TRANSFERRED_WITHIN_DISTRICT,
                    new MemberTransferredWithinDistrict(member, id(), community, pick(tree.groups().get(to))), at);
            communityOf.put(member, to);
        }
    }

    /** The district's community round of the year: opened, every community scored, one calibrated, closed. */
    private void evaluate(Tree tree, Instant at) {
        UUID round = id();
        String district = tree.district();
        send(district, EvaluationEvents.ROUND_OPENED, new RoundOpened(round, YEAR, RoundLevel.COMMUNITY, 20, 20, 20,
                20, 10, 10), at);
        List<UUID> communities = tree.communities();
        for (int rank = 1; rank <= communities.size(); rank++) {
            send(district, EvaluationEvents.ORGANISATION_SCORED, new OrganisationScored(round, YEAR,
                    RoundLevel.COMMUNITY, communities.get(rank - 1), BigDecimal.valueOf(9900 - rank * 10L, 2), rank),
                    at.plusSeconds(rank));
        }
        send(district, EvaluationEvents.SCORE_CALIBRATED, new ScoreCalibrated(round, YEAR, RoundLevel.COMMUNITY,
                communities.get(0), BigDecimal.valueOf(9890, 2), BigDecimal.valueOf(9890, 2),
                BigDecimal.valueOf(9950, 2), 1, "a resident survey counted late"), at.plusSeconds(600));
        send(district, EvaluationEvents.ROUND_CLOSED, new RoundClosed(round, YEAR, RoundLevel.COMMUNITY,
                communities.size(), communities.size()), at.plusSeconds(700));
    }

    private <E extends DomainEvent> void send(String district, EventType<E> type, E event, Instant at) {
        long version = versions.merge(UUID.fromString(event.aggregateId()), 1L, Long::sum);
        sink.accept(relayed(district, type, event, at, version, id()));
        byType.merge(type.ceType(), 1L, Long::sum);
        written++;
    }

    /**
     * The record a district's relay publishes for an event (OutboxRelay's): its JSON, its CloudEvents headers and a
     * request's traceparent, keyed by its aggregate on the district's topic of the event's service.
     */
    static <E extends DomainEvent> ProducerRecord<String, byte[]> relayed(String district, EventType<E> type, E event,
                                                                         Instant at, long version, UUID eventId) {
        EventEnvelope envelope = new EventEnvelope(eventId, EventEnvelope.source(district, type.service()),
                type.ceType(), at, event.aggregateId(), type.dataSchema(), district, version,
                Traceparents.ofARequest(eventId));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.events(district, type.service()),
                event.aggregateId(), EventJson.toBytes(event));
        envelope.writeTo(record.headers());
        return record;
    }

    private static LocalDate servedOn(Instant at) {
        return at.atZone(CHINA).toLocalDate();
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** A version 4 UUID from the seeded random. */
    private UUID id() {
        return new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
                (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L);
    }
}
