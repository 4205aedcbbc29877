package cn.zhangzhou.partybuilding.wishes.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneId;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.directory.MembershipDirectory;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.events.membership.OrganisationCreated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.wishes.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.wishes.testing.RunningWishes;

/**
 * Membership keys organisation events by organisation, so a community's creation may arrive before its street's
 * and the street's before its district committee's (regression: such a community stayed outside the district's
 * subtree, and the district report missed about a fifth of the demo communities). A subtree moved under a parent
 * not yet known is the directory's own test (shared-events/membership-directory, MembershipDirectoryTest).
 */
class OrganisationTreeOrderTest {

    private static final RunningWishes w = RunningWishes.get();
    private static final MembershipFeed feed = w.feed;
    private static final MembershipDirectory directory = w.context.getBean(MembershipDirectory.class);

    @Test
    void aCommunityCreatedBeforeItsAncestorsEndsUpInsideThemAndInTheirReports() {
        UUID root = UUID.randomUUID();
        UUID street = UUID.randomUUID();
        UUID community = UUID.randomUUID();
        created(community, OrganisationType.COMMUNITY, street);
        created(street, OrganisationType.STREET_COMMITTEE, root);
        created(root, OrganisationType.DISTRICT_COMMITTEE, null);

        await().atMost(Duration.ofSeconds(60)).until(() -> directory.isWithin(community, root));
        w.posted(community);
        int year = w.clock.instant().atZone(ZoneId.of("Asia/Shanghai")).getYear();
        Api.Response ofDistrict = w.api.get("/api/v1/reports/wishes?organisationId=" + root + "&year=" + year, w.admin());
        assertThat(ofDistrict.status()).isEqualTo(200);
        assertThat(ofDistrict.body().path("posted").asLong()).isEqualTo(1);
    }

    private static void created(UUID id, OrganisationType type, UUID parent) {
        feed.send(RunningWishes.DISTRICT, MembershipEvents.ORGANISATION_CREATED,
                new OrganisationCreated(id, "T-" + id.toString().substring(0, 8), "组织", type, parent));
    }
}
