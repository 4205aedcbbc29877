package cn.zhangzhou.partybuilding.gateway;

import static org.awaitility.Awaitility.await;

import cn.zhangzhou.partybuilding.testing.fuzz.Fuzzer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input for every operation of wishes, generated from its OpenAPI document (docs/reliability.md, "Bad input"):
 * the community's side as a DISTRICT_ADMIN, the claimer's side as the member who claimed a wish. The scene: a
 * posted, a published and a claimed wish of the community, and a help group led by a member living there. Reading
 * the beneficiary's contact records the reveal (a row and an event), so those reads are sent after the check that
 * nothing changed.
 */
class WishesFuzzTest {

    private static final String SERVICE = "wishes";
    private final FuzzedDistrict d = FuzzedDistrict.get();

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String lead = d.member(d.community);
        String claimer = d.member(d.community);
        String posted = posted();
        String published = publish(posted());
        String claimed = publish(posted());
        d.require(d.gateway.post(path("/wishes/" + claimed + "/claim"), FuzzedDistrict.memberToken(claimer), null), 201);
        String group = await().atMost(Duration.ofSeconds(30)).until(() -> d.gateway.post(path("/help-groups"),
                FuzzedDistrict.admin(), Map.of("communityId", d.community, "name", "帮帮团", "leadMemberId", lead)),
                r -> r.status() == 201).id();
        Fuzzer fuzzer = d.fuzzer(SERVICE).caller(FuzzedDistrict.admin())
                .caller(FuzzedDistrict.memberToken(claimer), "POST /api/v1/wishes/{id}/claim",
                        "GET /api/v1/wishes/{id}/contact", "POST /api/v1/wishes/{id}/contacted",
                        "POST /api/v1/wishes/{id}/claim/withdraw", "POST /api/v1/wishes/{id}/fulfilment",
                        "GET /api/v1/claims/mine")
                .recording("GET /api/v1/wishes/{id}/contact")
                .id("wishes/{id}", posted, published, claimed)
                .id("help-groups/{id}", group)
                .id("{memberId}", lead, claimer)
                .value("communityId", d.community).value("organisationId", d.community)
                .value("leadMemberId", lead).value("memberId", claimer).value("version", 1).value("year", 2026)
                .value("phone", "13800001111").value("estimatedValueYuan", 120);
        d.fuzz(SERVICE, fuzzer);
    }

    /** A wish of the community, posted once wishes knows the community from membership's events. */
    private String posted() {
        Map<String, Object> body = new HashMap<>();
        body.put("communityId", d.community);
        body.put("category", "DAILY_NECESSITIES");
        body.put("description", "一袋大米和一桶食用油");
        body.put("estimatedValueYuan", 120);
        body.put("beneficiary", Map.of("name", "王秀英", "phone", "13800001111", "address", "芗城区南昌路8号"));
        return await().atMost(Duration.ofSeconds(30)).until(() -> d.gateway.post(path("/wishes"),
                FuzzedDistrict.admin(), body), r -> r.status() == 201).id();
    }

    private String publish(String wish) {
        d.require(d.gateway.post(path("/wishes/" + wish + "/publish"), FuzzedDistrict.admin(), Map.of("version", 1)),
                200);
        return wish;
    }

    private String path(String rest) {
        return d.path(SERVICE, rest);
    }
}
