package cn.zhangzhou.partybuilding.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.events.DomainEvent;
import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.EventJson;
import cn.zhangzhou.partybuilding.events.EventType;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MemberReportAccepted;
import cn.zhangzhou.partybuilding.events.membership.MemberReportWithdrawn;
import cn.zhangzhou.partybuilding.events.membership.MemberUpdated;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.events.membership.OrganisationCreated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationDeactivated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationMoved;
import cn.zhangzhou.partybuilding.events.membership.OrganisationRenamed;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.events.membership.UnitReportAccepted;
import cn.zhangzhou.partybuilding.messaging.IncomingEvent;
import cn.zhangzhou.partybuilding.testing.EventFeed;

/**
 * The directory of xiangcheng in a service that has nothing else, fed with membership events of several districts
 * as their relays publish them: what it answers, whatever order the events arrive in.
 */
class MembershipDirectoryTest {

    private static final String HERE = "xiangcheng";
    private static final ConfigurableApplicationContext context = start();
    private static final MembershipDirectory directory = context.getBean(MembershipDirectory.class);

    private static ConfigurableApplicationContext start() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(DirectoryTestApplication.class)
                .web(WebApplicationType.NONE)
                .run("--zz.district=" + HERE, "--zz.service=directory-test",
                        "--spring.datasource.url=" + TestInfrastructure.newDatabase("directory_test"),
                        "--spring.datasource.username=" + TestInfrastructure.postgresUser(),
                        "--spring.datasource.password=" + TestInfrastructure.postgresPassword(),
                        "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                        "--spring.kafka.consumer.group-id=directory-test-" + UUID.randomUUID());
        Runtime.getRuntime().addShutdownHook(new Thread(context::close, "directory-test-shutdown"));
        return context;
    }

    /**
     * Membership keys organisation events by organisation, so a child may arrive before its parent (wishes'
     * OrganisationTreeOrderTest: a community before its street and district, and in their reports).
     */
    @Test
    void aSubtreeMovedUnderAParentNotYetKnownIsCompletedWhenTheParentArrives() {
        UUID root = organisation(OrganisationType.DISTRICT_COMMITTEE, null);
        UUID street = organisation(OrganisationType.STREET_COMMITTEE, root);
        UUID community = organisation(OrganisationType.COMMUNITY, street);
        UUID newStreet = UUID.randomUUID();
        send(HERE, MembershipEvents.ORGANISATION_MOVED, new OrganisationMoved(community, street, newStreet));
        await().atMost(Duration.ofSeconds(60)).until(() -> !directory.isWithin(community, street));
        assertThat(directory.isWithin(community, root)).isFalse();

        created(newStreet, OrganisationType.STREET_COMMITTEE, root);
        await().atMost(Duration.ofSeconds(60)).until(() -> directory.isWithin(community, root));
        assertThat(directory.subtree(newStreet)).containsExactlyInAnyOrder(newStreet, community);
    }

    @Test
    void aDeactivatedCommunityIsNoLongerOne() {
        UUID community = organisation(OrganisationType.COMMUNITY, organisation(OrganisationType.STREET_COMMITTEE, null));
        assertThat(directory.active(OrganisationType.COMMUNITY)).extracting(o -> o.id()).contains(community);
        send(HERE, MembershipEvents.ORGANISATION_DEACTIVATED, new OrganisationDeactivated(community));
        await().atMost(Duration.ofSeconds(60)).until(() -> directory.community(community).isEmpty());
        assertThat(directory.organisation(community)).get().extracting(o -> o.active()).isEqualTo(false);
        assertThat(directory.active(OrganisationType.COMMUNITY)).extracting(o -> o.id()).doesNotContain(community);
        assertThat(directory.active(OrganisationType.STREET_COMMITTEE)).extracting(o -> o.id())
                .doesNotContain(community);
    }

    @Test
    void membersActWhereTheyLiveOrReportedToWithTheirHomeDistrict() {
        UUID community = organisation(OrganisationType.COMMUNITY, null);
        UUID other = organisation(OrganisationType.COMMUNITY, null);
        UUID ours = registered(HERE, HERE, community);
        UUID oursLivingElsewhere = registered(HERE, "longwen", null);
        UUID longwenLivingHere = registered("longwen", HERE, community);
        UUID longwenReported = registered("longwen", "longwen", null);
        UUID report = UUID.randomUUID();
        send(HERE, MembershipEvents.MEMBER_REPORT_ACCEPTED,
                new MemberReportAccepted(report, longwenReported, "longwen", other));

        // Each district's topic, and each member's partition, is read at its own pace: wait for every fact.
        eventually(() -> directory.homeDistrictIn(longwenReported, other).equals(Optional.of("longwen")));
        eventually(() -> directory.homeDistrictIn(ours, community).equals(Optional.of(HERE)));
        eventually(() -> directory.homeDistrictIn(longwenLivingHere, community).equals(Optional.of("longwen")));
        eventually(() -> directory.districtOf(oursLivingElsewhere).equals(Optional.of(HERE)));
        assertThat(directory.homeDistrictIn(ours, other)).isEmpty();
        assertThat(directory.homeDistrictIn(oursLivingElsewhere, community)).isEmpty();
        assertThat(List.of(ours, longwenLivingHere, longwenReported)).allMatch(directory::livesOrReportedHere);
        assertThat(directory.livesOrReportedHere(oursLivingElsewhere)).isFalse();
        assertThat(directory.districtOf(longwenLivingHere)).contains("longwen");
        assertThat(directory.districtOf(longwenReported)).contains("longwen");
        assertThat(directory.districtOf(UUID.randomUUID())).isEmpty();
        assertThat(directory.knowsEveryMember()).isFalse();

        send(HERE, MembershipEvents.MEMBER_REPORT_WITHDRAWN,
                new MemberReportWithdrawn(report, longwenReported, "longwen", other));
        eventually(() -> directory.homeDistrictIn(longwenReported, other).isEmpty());
        assertThat(directory.livesOrReportedHere(longwenReported)).isFalse();
        assertThat(directory.districtOf(longwenReported)).contains("longwen");

        // The Longwen member moves to Zhangpu: having lived here no longer lets them act here.
        send("longwen", MembershipEvents.MEMBER_UPDATED, new MemberUpdated(longwenLivingHere, "zhangpu", null,
                MemberCategory.IN_SERVICE, List.of(), null, false));
        eventually(() -> directory.homeDistrictIn(longwenLivingHere, community).isEmpty());
        assertThat(directory.livesOrReportedHere(longwenLivingHere)).isFalse();
    }

    /**
     * Regression: a member of ours transferred to Longwen stayed ours in the directory, so support's binding check
     * refused the member's Longwen token here on every endpoint, even in a community they reported to.
     */
    @Test
    void aMemberTransferredToAnotherDistrictIsHeldThere() {
        UUID community = organisation(OrganisationType.COMMUNITY, null);
        UUID member = registered(HERE, HERE, community);
        eventually(() -> directory.districtOf(member).equals(Optional.of(HERE)));

        registered(member, "longwen", "longwen", null);
        eventually(() -> directory.districtOf(member).equals(Optional.of("longwen")));
        assertThat(directory.homeDistrictIn(member, community)).isEmpty();
    }

    @Test
    void aUnitMayActOnlyWhereItsUnitReportWasAccepted() {
        UUID community = organisation(OrganisationType.COMMUNITY, null);
        UUID unit = organisation(OrganisationType.RESIDENT_UNIT, community);
        send(HERE, MembershipEvents.UNIT_REPORT_ACCEPTED, new UnitReportAccepted(UUID.randomUUID(), unit, community,
                "HZ-0001"));
        await().atMost(Duration.ofSeconds(60)).until(() -> directory.unitReportedTo(unit, community));
        assertThat(directory.unitReportedTo(unit, organisation(OrganisationType.COMMUNITY, null))).isFalse();
    }

    /** Decision 0033: only the types the directory applies keep a version row; a rename changes nothing here. */
    @Test
    void onlyTheTypesTheDirectoryAppliesKeepAVersionRow() {
        UUID renamed = UUID.randomUUID();
        UUID created = UUID.randomUUID();
        send(HERE, MembershipEvents.ORGANISATION_RENAMED, new OrganisationRenamed(renamed, "改名"));
        // After it on the same partition (the same key): once it is applied, the rename was seen.
        EventFeed.sendRaw(Topics.events(HERE, "membership"), renamed.toString(), EventJson.toBytes(
                new OrganisationCreated(created, "D-1", "组织", OrganisationType.COMMUNITY, null)),
                EventEnvelope.create(MembershipEvents.ORGANISATION_CREATED, HERE, created.toString(),
                        EventFeed.nextVersion(), Instant.now(), null));
        eventually(() -> directory.organisation(created).isPresent());

        JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
        assertThat(jdbc.sql("select subject from consumed_aggregate where subject in (:ids)")
                .param("ids", List.of(renamed.toString(), created.toString())).query(String.class).list())
                .containsExactly(created.toString());
    }

        /** Applied straight through the listener (no broker), so that nothing can still be on its way. */
    @Test
    void anotherDistrictsTreeAndReportsAreNotOurs() {
        MembershipEventsListener listener = context.getBean(MembershipEventsListener.class);
        UUID theirs = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        listener.apply(List.<IncomingEvent<?>>of(
                fromLongwen(MembershipEvents.ORGANISATION_CREATED, new OrganisationCreated(theirs, "L-1", "龙文社区",
                        OrganisationType.COMMUNITY, null)),
                fromLongwen(MembershipEvents.MEMBER_REGISTERED, new MemberRegistered(member, UUID.randomUUID(),
                        "longwen", null, MemberCategory.IN_SERVICE, List.of(), null, false)),
                fromLongwen(MembershipEvents.MEMBER_REPORT_ACCEPTED,
                        new MemberReportAccepted(UUID.randomUUID(), member, "longwen", theirs))));

        assertThat(directory.organisation(theirs)).isEmpty();
        assertThat(directory.districtOf(member)).isEmpty();
        assertThat(directory.livesOrReportedHere(member)).isFalse();
    }

    private static <E extends DomainEvent> IncomingEvent<E> fromLongwen(EventType<E> type, E event) {
        return new IncomingEvent<>(EventEnvelope.create(type, "longwen", event.aggregateId(), EventFeed.nextVersion(),
                Instant.now(), null), type, event, Topics.events("longwen", "membership"));
    }

    private static void eventually(Callable<Boolean> fact) {
        await().atMost(Duration.ofSeconds(60)).until(fact);
    }

    private static UUID organisation(OrganisationType type, UUID parent) {
        UUID id = UUID.randomUUID();
        created(id, type, parent);
        await().atMost(Duration.ofSeconds(60)).until(() -> directory.organisation(id).isPresent());
        return id;
    }

    private static void created(UUID id, OrganisationType type, UUID parent) {
        send(HERE, MembershipEvents.ORGANISATION_CREATED, new OrganisationCreated(id,
                "D-" + id.toString().substring(0, 8), "组织", type, parent));
    }

    private static UUID registered(String home, String residenceDistrict, UUID community) {
        return registered(UUID.randomUUID(), home, residenceDistrict, community);
    }

    /** Registered by {@code home}'s membership service: new, moved, or arrived by a transfer. */
    private static UUID registered(UUID member, String home, String residenceDistrict, UUID community) {
        send(home, MembershipEvents.MEMBER_REGISTERED, new MemberRegistered(member, UUID.randomUUID(),
                residenceDistrict, community, MemberCategory.IN_SERVICE, List.of(), null, false));
        return member;
    }

    private static <E extends DomainEvent> void send(String district, EventType<E> type, E event) {
        EventFeed.send(district, "membership", type, event);
    }
}
