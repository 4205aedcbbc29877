package cn.zhangzhou.partybuilding.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The membership REST API as the benchmark uses it: a small organisation tree, then member registrations. */
final class MembershipApi {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final String base;
    private final String bearer;
    private final AtomicLong sequence = new AtomicLong();
    private UUID community;

    MembershipApi(HttpClient http, int port, String token) {
        this.http = http;
        this.base = "http://127.0.0.1:" + port + "/api/v1";
        this.bearer = "Bearer " + token;
    }

    /** One HTTP/1.1 client for all threads; it keeps one connection per concurrent request. */
    static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** District committee → street → community (社区), the community holding every benchmark member. */
    void createTree() throws IOException, InterruptedException {
        UUID district = createOrganisation("BENCH-DC", "芗城区委 (benchmark)", "DISTRICT_COMMITTEE", null);
        UUID street = createOrganisation("BENCH-ST", "基准街道", "STREET_COMMITTEE", district);
        community = createOrganisation("BENCH-CM", "基准社区", "COMMUNITY", street);
    }

    private UUID createOrganisation(String code, String name, String type, UUID parent)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("name", name);
        body.put("type", type);
        body.put("parentId", parent == null ? null : parent.toString());
        HttpResponse<String> r = http.send(post("/organisations", JSON.writeValueAsString(body)),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("creating " + type + " " + code + " answered " + r.statusCode() + ": " + r.body());
        }
        return UUID.fromString(JSON.readTree(r.body()).get("id").asString());
    }

    /**
     * The write path: one registration, a member row and an outbox row in one transaction. The body is
     * a realistic member (every field set) so the event payload has its usual size.
     */
    HttpRequest registerRequest() {
        long n = sequence.incrementAndGet();
        String body = """
                {"name":"党员%d","phone":"+86 596 %07d","idNumber":"35060219800101%04d","address":"芗城区基准社区%d号",\
                "homeOrganisationId":"%s","residenceDistrict":"xiangcheng","residenceCommunityId":"%s",\
                "category":"IN_SERVICE","specialties":["志愿服务","法律咨询"],"cadreRole":null,"communityWorker":false}"""
                .formatted(n, n % 10_000_000, n % 10_000, n, community, community);
        return post("/members", body);
    }

    /** The member id of a 201 answer to {@link #registerRequest()}. */
    static UUID memberId(String body) {
        JsonNode id = JSON.readTree(body).get("id");
        return UUID.fromString(id.asString());
    }

    private HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }
}
