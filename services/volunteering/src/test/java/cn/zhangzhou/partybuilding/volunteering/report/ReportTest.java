package cn.zhangzhou.partybuilding.volunteering.report;

import static cn.zhangzhou.partybuilding.volunteering.testing.RunningVolunteering.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.volunteering.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.volunteering.testing.RunningVolunteering;

/**
 * Reports from verified hours only: a member's year by month and category and their service record (CSV); what a
 * community, street and the district did; a campaign's own report.
 */
class ReportTest {

    private static final RunningVolunteering v = RunningVolunteering.get();
    private static final MembershipFeed feed = v.feed;

    private static LocalDate day(java.time.Instant at) {
        return LocalDate.ofInstant(at, ZoneId.of("Asia/Shanghai"));
    }

    /** The member serves the post from its start for {@code minutes} (check-in 5 minutes early, check-out). */
    private void serve(String shifts, String id, UUID community, UUID member, Duration startsIn, int minutes) {
        v.clock.advance(startsIn.minusMinutes(5));
        require(v.check("in", shifts, id, community, v.member(member)), 201);
        v.clock.advance(Duration.ofMinutes(5 + minutes));
        require(v.check("out", shifts, id, community, v.member(member)), 200);
    }

    @Test
    void aMembersYearByMonthAndCategoryAndTheirServiceRecordAsCsv() throws Exception {
        UUID community = feed.community();
        UUID member = feed.member(community);
        String post = v.post(community, Duration.ofHours(1), Map.of("specialty", "LEGAL",
                "title", "=周六\"法律\"咨询, 上午"));
        require(v.api.post("/api/v1/posts/" + post + "/claims", v.member(member), null), 201);
        LocalDate served = day(v.in(Duration.ofHours(1)));
        serve("posts", post, community, member, Duration.ofHours(1), 120);
        String training = v.activity(community, "TRAINING", 10, Duration.ofHours(1));
        require(v.api.post("/api/v1/activities/" + training + "/sign-ups", v.member(member), null), 201);
        serve("activities", training, community, member, Duration.ofHours(1), 90);

        Api.Response year = require(v.api.get("/api/v1/volunteers/" + member + "/report?year=" + served.getYear(),
                v.member(member)), 200);
        assertThat(year.body().path("serviceMinutes").asLong()).isEqualTo(120);
        assertThat(year.body().path("serviceHours").asDouble()).isEqualTo(2.0);
        assertThat(year.body().path("trainingMinutes").asLong()).isEqualTo(90);
        assertThat(year.body().path("byCategory").toString())
                .contains("\"key\":\"LEGAL\",\"label\":\"法律服务\",\"serviceMinutes\":120");
        assertThat(year.body().path("byMonth").toString()).contains("\"key\":\"" + served.getMonthValue() + "\"");
        assertThat(v.api.get("/api/v1/volunteers/" + member + "/report?year=" + served.getYear(),
                v.member(feed.member(community))).status()).isEqualTo(404);

        HttpResponse<byte[]> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(v.baseUrl
                        + "/api/v1/volunteers/" + member + "/service-record.csv"))
                .header("Authorization", "Bearer " + v.member(member)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFserved_on,community_id,shift_kind,shift_id,title,category,training,minutes,"
                + "hours,source\r\n");
        assertThat(text).contains(served + "," + community + ",POST," + post
                + ",\"'=周六\"\"法律\"\"咨询, 上午\",LEGAL,false,120,2.0,CHECK_IN\r\n");
        assertThat(text).contains(",党群连心驿站电脑培训班,GENERAL,true,90,1.5,CHECK_IN\r\n");
        assertThat(text.split("\r\n")).hasSize(3);
    }

    @Test
    void aCommunityAStreetAndTheDistrictAddUpTheirCommunities() {
        UUID street = feed.street();
        UUID community = feed.community(street);
        UUID neighbour = feed.community(street);
        LocalDate from = day(v.clock.instant());
        String post = v.post(community, Duration.ofHours(1), Map.of("capacity", 1));
        v.post(neighbour, Duration.ofHours(1), Map.of("capacity", 2));
        UUID member = feed.member(community);
        require(v.api.post("/api/v1/posts/" + post + "/claims", v.member(member), null), 201);
        UUID neighbourMember = feed.member(neighbour);
        String activity = v.activity(neighbour, "SERVICE", 5, Duration.ofHours(1));
        require(v.api.post("/api/v1/activities/" + activity + "/sign-ups", v.member(neighbourMember), null), 201);
        serve("posts", post, community, member, Duration.ofHours(1), 60);
        LocalDate to = day(v.clock.instant()).plusDays(1);
        // The neighbour's volunteer forgot to check in: they claim the hours and staff approve them.
        String hours = require(v.api.post("/api/v1/hours", v.member(neighbourMember), Map.of("shiftKind", "ACTIVITY",
                "shiftId", activity, "servedOn", day(v.clock.instant()).toString(), "minutes", 30,
                "reason", "忘记签到")), 201).id();
        require(v.api.post("/api/v1/hours/" + hours + "/approve", v.streetStaff(street), Map.of("version", 1)), 200);

        String period = "&from=" + from + "&to=" + to;
        Api.Response mine = require(v.api.get("/api/v1/reports/volunteering?organisationId=" + community + period,
                v.staff(community)), 200);
        assertThat(mine.body().path("activeVolunteers").asLong()).isEqualTo(1);
        assertThat(mine.body().path("serviceMinutes").asLong()).isEqualTo(60);
        assertThat(mine.body().path("postsPublished").asLong()).isEqualTo(1);
        assertThat(mine.body().path("postsFilled").asLong()).isEqualTo(1);
        Api.Response both = require(v.api.get("/api/v1/reports/volunteering?organisationId=" + street + period,
                v.streetStaff(street)), 200);
        assertThat(both.body().path("activeVolunteers").asLong()).isEqualTo(2);
        assertThat(both.body().path("serviceMinutes").asLong()).isEqualTo(90);
        assertThat(both.body().path("postsPublished").asLong()).isEqualTo(2);
        assertThat(both.body().path("postsFilled").asLong()).isEqualTo(1);
        assertThat(both.body().path("activitiesHeld").asLong()).isEqualTo(1);
        assertThat(both.body().path("activitySignUps").asLong()).isEqualTo(1);
        Api.Response district = require(v.api.get("/api/v1/reports/volunteering?organisationId=" + feed.district()
                + period, v.admin()), 200);
        assertThat(district.body().path("serviceMinutes").asLong()).isGreaterThanOrEqualTo(90);
        assertThat(v.api.get("/api/v1/reports/volunteering?organisationId=" + feed.district() + period,
                v.streetStaff(street)).status()).isEqualTo(403);
    }

    @Test
    void aCampaignReportsWhatItGroupedOverItsPeriod() {
        UUID street = feed.street();
        UUID community = feed.community(street);
        LocalDate today = day(v.clock.instant());
        assertThat(v.api.post("/api/v1/campaigns", v.staff(community), Map.of("organisationId", street,
                "kind", "LINKAGE_MONTH", "name", "党建联动月", "startsOn", today.toString(),
                "endsOn", today.plusDays(30).toString())).status()).isEqualTo(403);
        String campaign = require(v.api.post("/api/v1/campaigns", v.streetStaff(street), Map.of("organisationId",
                street, "kind", "LINKAGE_MONTH", "name", "党建联动月", "startsOn", today.toString(),
                "endsOn", today.plusDays(30).toString())), 201).id();
        Api.Response outside = v.api.post("/api/v1/posts", v.staff(community), v.postBody(community,
                Duration.ofDays(40), Map.of("campaignId", campaign)));
        assertThat(outside.status()).isEqualTo(422);
        assertThat(outside.raw()).contains("campaignId");
        assertThat(v.api.post("/api/v1/posts", v.staff(feed.community()), v.postBody(feed.community(),
                Duration.ofDays(1), Map.of("campaignId", campaign))).status()).isIn(403, 422);

        String post = v.post(community, Duration.ofHours(1), Map.of("campaignId", campaign));
        v.post(community, Duration.ofHours(1), Map.of());
        UUID member = feed.member(community);
        require(v.api.post("/api/v1/posts/" + post + "/claims", v.member(member), null), 201);
        serve("posts", post, community, member, Duration.ofHours(1), 45);

        Api.Response report = require(v.api.get("/api/v1/campaigns/" + campaign + "/report", v.streetStaff(street)), 200);
        assertThat(report.body().path("campaignId").asString()).isEqualTo(campaign);
        assertThat(report.body().path("postsPublished").asLong()).isEqualTo(1);
        assertThat(report.body().path("serviceMinutes").asLong()).isEqualTo(45);
        Api.Response part = require(v.api.get("/api/v1/campaigns/" + campaign + "/report?organisationId=" + community,
                v.staff(community)), 200);
        assertThat(part.body().path("serviceMinutes").asLong()).isEqualTo(45);
        assertThat(v.api.get("/api/v1/campaigns/" + campaign + "/report", v.staff(community)).status()).isEqualTo(403);
        assertThat(v.api.get("/api/v1/campaigns?organisationId=" + street, v.streetStaff(street)).body()
                .path("totalItems").asLong()).isEqualTo(1);
    }
}
