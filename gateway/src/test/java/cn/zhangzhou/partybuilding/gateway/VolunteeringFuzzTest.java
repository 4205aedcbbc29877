package cn.zhangzhou.partybuilding.gateway;

import static org.awaitility.Awaitility.await;

import cn.zhangzhou.partybuilding.testing.fuzz.Fuzzer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bad input for every operation of volunteering, generated from its OpenAPI document (docs/reliability.md, "Bad
 * input"): staff operations as a DISTRICT_ADMIN, the volunteer's own (registering, claims, sign-ups, check-in and
 * out, hours, teams joined) as a member who volunteers in the community. The scene: that volunteer, a post it
 * claimed and an activity it signed up for; teams, campaigns, brand projects and hours are ids the service does not
 * hold.
 */
class VolunteeringFuzzTest {

    private static final String SERVICE = "volunteering";
    private final FuzzedDistrict d = FuzzedDistrict.get();
    private final Instant start = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String volunteer = d.member(d.community);
        String token = FuzzedDistrict.memberToken(volunteer);
        await().atMost(Duration.ofSeconds(30)).until(() -> d.gateway.post(path("/volunteers"), token,
                Map.of("communityId", d.community)), r -> r.status() == 201);
        String post = d.require(d.gateway.post(path("/posts"), FuzzedDistrict.admin(), post()), 201).id();
        String claim = d.require(d.gateway.post(path("/posts/" + post + "/claims"), token, null), 201).id();
        String activity = d.require(d.gateway.post(path("/activities"), FuzzedDistrict.admin(), activity()), 201).id();
        String signUp = d.require(d.gateway.post(path("/activities/" + activity + "/sign-ups"), token, null), 201).id();
        Fuzzer fuzzer = d.fuzzer(SERVICE).caller(FuzzedDistrict.admin())
                .caller(token, "POST /api/v1/volunteers", "POST /api/v1/posts/{id}/claims",
                        "POST /api/v1/posts/{id}/claims/{claimId}/withdraw", "POST /api/v1/activities/{id}/sign-ups",
                        "POST /api/v1/activities/{id}/sign-ups/{signUpId}/cancel", "POST /api/v1/teams/{id}/join",
                        "POST /api/v1/{shifts}/{id}/check-in", "POST /api/v1/{shifts}/{id}/check-out",
                        "POST /api/v1/hours", "POST /api/v1/hours/{id}/appeal")
                .id("volunteers/{id}", volunteer)
                .id("posts/{id}", post)
                .id("activities/{id}", activity)
                .id("{shifts}/{id}", post, activity)
                .id("{shifts}", "posts", "activities")
                .id("{claimId}", claim)
                .id("{signUpId}", signUp)
                .id("{volunteerId}", volunteer)
                .id("{specialty}", "法律")
                .id("{id}", UUID.randomUUID())
                .value("communityId", d.community).value("organisationId", d.community)
                .value("memberId", volunteer).value("volunteerId", volunteer).value("postId", post)
                .value("activityId", activity).value("startsAt", start.toString())
                .value("endsAt", start.plus(3, ChronoUnit.HOURS).toString())
                .value("cancellationDeadline", start.minus(12, ChronoUnit.HOURS).toString())
                .value("version", 1).value("year", 2026).value("capacity", 5);
        d.fuzz(SERVICE, fuzzer);
    }

    private Map<String, Object> post() {
        return shift(Map.of("publisher", "COMMUNITY", "requirement", "NONE", "schedule", "FIXED"));
    }

    private Map<String, Object> activity() {
        return shift(Map.of("kind", "SERVICE", "cancellationDeadline", start.minus(12, ChronoUnit.HOURS).toString()));
    }

    /** The body of a post or an activity of the community a week ahead: what both take, and what its kind adds. */
    private Map<String, Object> shift(Map<String, Object> ofItsKind) {
        Map<String, Object> body = new HashMap<>(ofItsKind);
        body.put("communityId", d.community);
        body.put("title", "周六法律咨询岗");
        body.put("description", "在党群服务中心为居民提供法律咨询");
        body.put("place", "党群服务中心一楼");
        body.put("startsAt", start.toString());
        body.put("endsAt", start.plus(3, ChronoUnit.HOURS).toString());
        body.put("capacity", 5);
        return body;
    }

    private String path(String rest) {
        return d.path(SERVICE, rest);
    }
}
