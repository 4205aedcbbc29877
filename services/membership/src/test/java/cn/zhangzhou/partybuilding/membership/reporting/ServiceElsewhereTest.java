package cn.zhangzhou.partybuilding.membership.reporting;

import static cn.zhangzhou.partybuilding.membership.testing.RunningDistrict.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.EventJson;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.events.volunteering.HoursApproved;
import cn.zhangzhou.partybuilding.events.volunteering.HoursSource;
import cn.zhangzhou.partybuilding.events.volunteering.ShiftKind;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteerKind;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteeringEvents;
import cn.zhangzhou.partybuilding.membership.testing.Fixtures;
import cn.zhangzhou.partybuilding.membership.testing.RunningDistrict;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.testing.Api.Response;
import cn.zhangzhou.partybuilding.testing.EventFeed;

/**
 * Home-district feedback of 双报到, hours: a Xiangcheng member serves in Longwen's and Zhangpu's communities; those
 * districts' volunteering services verify the hours (HoursApproved on their topics, played here by
 * {@link EventFeed}); Xiangcheng's membership shows them at home, each once, and nothing else of those topics.
 */
class ServiceElsewhereTest {

    private final RunningDistrict xc = RunningDistrict.xiangcheng();
    private final Fixtures fx = new Fixtures(xc);

    @Test
    void hoursVerifiedInOtherDistrictsAreShownAtHomeOnceEach() {
        String community = fx.community(fx.street());
        String member = fx.member(community, community);
        UUID memberId = UUID.fromString(member);
        UUID lwCommunity = UUID.randomUUID();
        UUID zpCommunity = UUID.randomUUID();

        // Not ours to count: a resident volunteer, a Longwen member, and hours left unverified (only approval counts).
        EventFeed.send("longwen", "volunteering", VolunteeringEvents.HOURS_APPROVED,
                hours(UUID.randomUUID(), VolunteerKind.RESIDENT, "longwen", lwCommunity, 600, false));
        EventFeed.send("longwen", "volunteering", VolunteeringEvents.HOURS_APPROVED,
                hours(UUID.randomUUID(), VolunteerKind.MEMBER, "longwen", lwCommunity, 600, false));
        // Ours: service in Longwen (delivered twice, as a relay may), a training in Longwen, service in Zhangpu.
        HoursApproved served = hours(memberId, VolunteerKind.MEMBER, "xiangcheng", lwCommunity, 150, false);
        EventEnvelope envelope = EventFeed.send("longwen", "volunteering", VolunteeringEvents.HOURS_APPROVED, served);
        EventFeed.sendRaw(Topics.events("longwen", "volunteering"), served.aggregateId(), EventJson.toBytes(served),
                envelope);
        EventFeed.send("longwen", "volunteering", VolunteeringEvents.HOURS_APPROVED,
                hours(memberId, VolunteerKind.MEMBER, "xiangcheng", lwCommunity, 90, true));
        EventFeed.send("zhangpu", "volunteering", VolunteeringEvents.HOURS_APPROVED,
                hours(memberId, VolunteerKind.MEMBER, "xiangcheng", zpCommunity, 60, false));

        Response feedback = eventually(() -> xc.api.get("/api/v1/members/" + member + "/service-elsewhere",
                xc.admin()), 200, r -> r.body().path("hours").path("totalItems").asLong() == 3);
        assertThat(feedback.body().path("serviceMinutes").asLong()).isEqualTo(210);
        assertThat(feedback.body().path("trainingMinutes").asLong()).isEqualTo(90);
        assertThat(feedback.body().path("byDistrict").get(0).path("district").asString()).isEqualTo("longwen");
        assertThat(feedback.body().path("byDistrict").get(0).path("serviceMinutes").asLong()).isEqualTo(150);
        assertThat(feedback.body().path("byDistrict").get(0).path("trainingMinutes").asLong()).isEqualTo(90);
        assertThat(feedback.body().path("byDistrict").get(1).path("district").asString()).isEqualTo("zhangpu");
        assertThat(feedback.body().path("hours").path("items").get(0).path("communityId").asString())
                .isIn(lwCommunity.toString(), zpCommunity.toString());

        // Every event of Longwen's topic was read (the two not ours included): only our member's rows exist.
        await().atMost(Duration.ofSeconds(30)).until(() -> xc.rows(
                "processed_event where consumer = 'volunteering-elsewhere'") >= 5);
        assertThat(xc.rows("member_service_elsewhere")).isEqualTo(
                xc.rows("member_service_elsewhere where member_id = '" + member + "'"));
        assertThat(xc.rows("member_service_elsewhere where member_id = '" + member + "'")).isEqualTo(3);

        // The member sees their own; staff of another community do not.
        String other = fx.community(fx.street());
        assertThat(xc.api.get("/api/v1/members/" + member + "/service-elsewhere", xc.member(member)).status())
                .isEqualTo(200);
        assertThat(xc.api.get("/api/v1/members/" + member + "/service-elsewhere",
                xc.staff(Role.COMMUNITY_STAFF, other)).status()).isEqualTo(403);
        assertThat(xc.api.get("/api/v1/members/" + member + "/service-elsewhere?size=0", xc.admin()).status())
                .isEqualTo(400);
    }

    private static HoursApproved hours(UUID volunteer, VolunteerKind kind, String volunteerDistrict, UUID community,
                                       int minutes, boolean training) {
        return new HoursApproved(UUID.randomUUID(), volunteer, kind, volunteerDistrict, community, ShiftKind.ACTIVITY,
                UUID.randomUUID(), training, null, null, minutes, LocalDate.of(2026, 11, 20), HoursSource.CHECK_IN);
    }
}
