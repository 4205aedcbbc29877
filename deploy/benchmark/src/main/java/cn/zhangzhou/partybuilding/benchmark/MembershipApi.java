package cn.zhangzhou.partybuilding.benchmark;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import cn.zhangzhou.partybuilding.platform.ServiceClient;

/**
 * The membership REST API as the benchmark uses it: a small organisation tree and registrations through the shared
 * client (set-up), and the registration as a prebuilt request of the JDK client (the measured load).
 */
final class MembershipApi {

    private final ServiceClient api;
    private final String base;
    private final String bearer;
    private final AtomicLong sequence = new AtomicLong();
    private UUID community;

    MembershipApi(int port, String token) {
        this.api = new ServiceClient("http://127.0.0.1:" + port, () -> token);
        this.base = "http://127.0.0.1:" + port + "/api/v1";
        this.bearer = "Bearer " + token;
    }

    /** District committee → street → community (社区), the community holding every benchmark member. */
    void createTree() {
        UUID district = createOrganisation("BENCH-DC", "芗城区委 (benchmark)", "DISTRICT_COMMITTEE", null);
        UUID street = createOrganisation("BENCH-ST", "基准街道", "STREET_COMMITTEE", district);
        community = createOrganisation("BENCH-CM", "基准社区", "COMMUNITY", street);
    }

    private UUID createOrganisation(String code, String name, String type, UUID parent) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("name", name);
        body.put("type", type);
        body.put("parentId", parent);
        return UUID.fromString(api.post("/organisations", body, "bench-" + code)
                .requireSuccess("creating " + type + " " + code).text("id"));
    }

    /** One registration through the shared client (set-up, not measured); the new member's id. */
    UUID register() {
        long n = sequence.incrementAndGet();
        return UUID.fromString(api.post("/members", ServiceClient.JSON.readTree(memberJson(n)), "bench-member-" + n)
                .requireSuccess("registering a member").text("id"));
    }

    /**
     * The write path: one registration, a member row and an outbox row in one transaction. The body is
     * a realistic member (every field set) so the event payload has its usual size.
     */
    HttpRequest registerRequest() {
        return HttpRequest.newBuilder(URI.create(base + "/members"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(memberJson(sequence.incrementAndGet())))
                .build();
    }

    /** The member id of a 201 answer to {@link #registerRequest()}. */
    static UUID memberId(String body) {
        return UUID.fromString(ServiceClient.JSON.readTree(body).get("id").asString());
    }

    private String memberJson(long n) {
        return """
                {"name":"党员%d","phone":"+86 596 %07d","idNumber":"35060219800101%04d","address":"芗城区基准社区%d号",\
                "homeOrganisationId":"%s","residenceDistrict":"xiangcheng","residenceCommunityId":"%s",\
                "category":"IN_SERVICE","specialties":["志愿服务","法律咨询"],"cadreRole":null,"communityWorker":false}"""
                .formatted(n, n % 10_000_000, n % 10_000, n, community, community);
    }
}
