package cn.zhangzhou.partybuilding.volunteering.brand;

import static cn.zhangzhou.partybuilding.volunteering.testing.RunningVolunteering.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.volunteering.VolunteeringEvents;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.EventTap;
import cn.zhangzhou.partybuilding.volunteering.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.volunteering.testing.RunningVolunteering;

/**
 * Brand projects (一社区一品牌): a community's judge's studio with its mediations and explanations, a street's patrol
 * with the leads it reported and the suspects caught; their records add up in their reports.
 */
class BrandProjectTest {

    private static final RunningVolunteering v = RunningVolunteering.get();
    private static final MembershipFeed feed = v.feed;

    private LocalDate today() {
        return LocalDate.ofInstant(v.clock.instant(), ZoneId.of("Asia/Shanghai"));
    }

    private Api.Response record(String project, String token, String type, int quantity, LocalDate on) {
        Map<String, Object> body = new HashMap<>(Map.of("type", type, "quantity", quantity,
                "occurredOn", on.toString()));
        return v.api.post("/api/v1/brand-projects/" + project + "/records", token, body);
    }

    @Test
    void aJudgesStudioRecordsItsMediationsAndExplanations() {
        UUID community = feed.community();
        String studio;
        try (EventTap tap = EventTap.open(v.topic())) {
            studio = require(v.api.post("/api/v1/brand-projects", v.staff(community), Map.of("organisationId",
                    community, "name", "黄志丽法官工作室", "description", "诉前调解、判后答疑")), 201).id();
            tap.awaitType(VolunteeringEvents.BRAND_PROJECT_LAUNCHED.ceType(), studio);
        }
        assertThat(v.api.post("/api/v1/brand-projects", v.staff(community), Map.of("organisationId", community,
                "name", "黄志丽法官工作室", "description", "重名")).status()).isEqualTo(409);
        LocalDate today = today();
        require(record(studio, v.staff(community), "MEDIATION", 30, today.minusDays(40)), 201);
        try (EventTap tap = EventTap.open(v.topic())) {
            require(record(studio, v.staff(community), "MEDIATION", 24, today), 201);
            assertThat(EventTap.payload(tap.awaitType(VolunteeringEvents.SERVICE_RECORDED.ceType(), studio)))
                    .contains("\"type\":\"MEDIATION\"").contains("\"quantity\":24");
        }
        require(record(studio, v.staff(community), "JUDGMENT_EXPLANATION", 19, today.minusDays(3)), 201);
        Api.Response unknown = record(studio, v.staff(community), "MIRACLE", 1, today);
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.raw()).contains("type");
        assertThat(record(studio, v.staff(community), "MEDIATION", 1, today.plusDays(2)).status()).isEqualTo(422);
        assertThat(record(studio, v.staff(feed.community()), "MEDIATION", 1, today).status()).isEqualTo(403);

        Api.Response report = require(v.api.get("/api/v1/brand-projects/" + studio + "/report?from="
                + today.minusYears(1) + "&to=" + today, v.staff(community)), 200);
        assertThat(report.body().path("outcomes").toString())
                .contains("{\"type\":\"JUDGMENT_EXPLANATION\",\"label\":\"判后答疑\",\"quantity\":19,\"records\":1}")
                .contains("{\"type\":\"MEDIATION\",\"label\":\"诉前调解\",\"quantity\":54,\"records\":2}");
        assertThat(v.api.get("/api/v1/brand-projects/" + studio + "/records?size=2", v.staff(community)).body()
                .path("totalItems").asLong()).isEqualTo(3);
    }

    @Test
    void aStreetsPatrolAddsUpInTheStreetsReportWithItsCommunities() {
        UUID street = feed.street();
        UUID community = feed.community(street);
        String patrol = require(v.api.post("/api/v1/brand-projects", v.streetStaff(street), Map.of("organisationId",
                street, "name", "退休党员义务巡逻队", "description", "12名退休党员夜间巡逻")), 201).id();
        String station = require(v.api.post("/api/v1/brand-projects", v.staff(community), Map.of("organisationId",
                community, "name", "党群连心驿站", "description", "400平方米，免费电脑、书法、摄影培训")), 201).id();
        assertThat(v.api.post("/api/v1/brand-projects", v.staff(community), Map.of("organisationId", street,
                "name", "越权项目", "description", "")).status()).isEqualTo(403);
        LocalDate today = today();
        require(record(patrol, v.streetStaff(street), "CRIMINAL_LEAD", 3, today), 201);
        require(record(patrol, v.streetStaff(street), "SUSPECT_CAUGHT", 17, today), 201);
        require(record(station, v.staff(community), "CLASS", 12, today), 201);

        String period = "&from=" + today.withDayOfYear(1) + "&to=" + today;
        Api.Response streetReport = require(v.api.get("/api/v1/reports/volunteering?organisationId=" + street + period,
                v.streetStaff(street)), 200);
        assertThat(streetReport.body().path("outcomes").toString())
                .contains("\"type\":\"CLASS\",\"label\":\"培训课程\",\"quantity\":12")
                .contains("\"type\":\"CRIMINAL_LEAD\",\"label\":\"提供破案线索\",\"quantity\":3")
                .contains("\"type\":\"SUSPECT_CAUGHT\",\"label\":\"抓获嫌疑人\",\"quantity\":17");
        Api.Response communityReport = require(v.api.get("/api/v1/reports/volunteering?organisationId=" + community
                + period, v.staff(community)), 200);
        assertThat(communityReport.body().path("outcomes").size()).isEqualTo(1);
        assertThat(v.api.get("/api/v1/reports/volunteering?organisationId=" + street + period, v.staff(community))
                .status()).isEqualTo(403);
    }
}
