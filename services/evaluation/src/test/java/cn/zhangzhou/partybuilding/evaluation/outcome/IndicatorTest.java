package cn.zhangzhou.partybuilding.evaluation.outcome;

import static cn.zhangzhou.partybuilding.evaluation.testing.RunningEvaluation.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.evaluation.EvaluationProperties;
import cn.zhangzhou.partybuilding.evaluation.testing.RunningEvaluation;
import cn.zhangzhou.partybuilding.events.volunteering.HoursApproved;
import cn.zhangzhou.partybuilding.events.volunteering.HoursSource;
import cn.zhangzhou.partybuilding.events.volunteering.ShiftKind;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteerKind;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteeringEvents;
import cn.zhangzhou.partybuilding.events.wishes.ConfirmedBy;
import cn.zhangzhou.partybuilding.events.wishes.WishConfirmed;
import cn.zhangzhou.partybuilding.testing.EventFeed;
import tools.jackson.databind.JsonNode;

/**
 * Objective indicators come only from verified outcomes in the district's events (approved service hours, confirmed
 * wishes, accepted member and unit reports, targets found met), each with the events it was computed from; a street's
 * are its communities' together. Training hours, another district's events and app activity count for nothing.
 */
class IndicatorTest {

    private static final RunningEvaluation e = RunningEvaluation.get();

    @Test
    void indicatorsAreSumsOfVerifiedOutcomesWithTheirSources() {
        UUID street = e.feed.street();
        UUID community = e.feed.community(street);
        UUID neighbour = e.feed.community(street);
        UUID served = e.feed.hours(community, 90, false);
        UUID training = e.feed.hours(community, 600, true);
        UUID elsewhere = e.feed.hours(neighbour, 30, false);
        e.feed.awaitOutcome(served);
        e.feed.awaitOutcome(elsewhere);
        UUID wish = e.feed.wishConfirmed(community);
        UUID memberReport = e.feed.memberReportAccepted(community);
        UUID unitReport = e.feed.unitReportAccepted(community);
        // Longwen's events name our community's id: they are not ours, and are not even read.
        EventFeed.send("longwen", "wishes", cn.zhangzhou.partybuilding.events.wishes.WishesEvents.WISH_CONFIRMED,
                new WishConfirmed(UUID.randomUUID(), community, UUID.randomUUID(), ConfirmedBy.STAFF));
        EventFeed.send("longwen", "volunteering", VolunteeringEvents.HOURS_APPROVED, new HoursApproved(
                UUID.randomUUID(), UUID.randomUUID(), VolunteerKind.MEMBER, "longwen", community, ShiftKind.POST,
                UUID.randomUUID(), false, null, null, 600, LocalDate.now(EvaluationProperties.CHINA),
                HoursSource.CLAIM));

        JsonNode mine = indicators(community, e.staff(community));
        assertThat(mine.get(0).path("kind").asString()).isEqualTo("HOURS_SERVED");
        assertThat(mine.get(0).path("value").decimalValue()).isEqualByComparingTo("1.50");
        assertThat(mine.get(0).path("events").asInt()).isEqualTo(1);
        assertThat(mine.get(0).path("sourceType").asString()).isEqualTo("zz.volunteering.HoursApproved.v1");
        assertThat(mine.get(0).path("sources").toString()).contains(served.toString())
                .doesNotContain(training.toString());
        assertThat(ids(mine.get(1))).containsExactly(wish.toString());
        assertThat(ids(mine.get(2))).containsExactly(memberReport.toString());
        assertThat(ids(mine.get(3))).containsExactly(unitReport.toString());
        assertThat(mine.get(4).path("value").asInt()).isZero();

        JsonNode streets = indicators(street, e.streetStaff(street));
        assertThat(streets.get(0).path("value").decimalValue()).isEqualByComparingTo("2.00");
        assertThat(streets.get(0).path("events").asInt()).isEqualTo(2);
        // Last year's page is empty.
        assertThat(require(e.api.get("/api/v1/indicators?organisationId=" + community + "&year=" + (e.year - 1),
                e.staff(community)), 200).body().path("indicators").get(0).path("events").asInt()).isZero();
        // A neighbouring community's staff see nothing of it.
        assertThat(e.api.get("/api/v1/indicators?organisationId=" + community + "&year=" + e.year,
                e.staff(neighbour)).status()).isEqualTo(403);
    }

    private static JsonNode indicators(UUID organisation, String token) {
        return require(e.api.get("/api/v1/indicators?organisationId=" + organisation + "&year=" + e.year, token), 200)
                .body().path("indicators");
    }

    private static List<String> ids(JsonNode indicator) {
        return indicator.path("sources").valueStream().map(JsonNode::asString).toList();
    }
}
