package cn.zhangzhou.partybuilding.benchmark;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import cn.zhangzhou.partybuilding.platform.ServiceClient;

/**
 * The volunteering REST API as the sign-up benchmark uses it: community staff schedule activities and read their
 * rotating check-in codes through the shared client (set-up, not measured); members sign up and check in with
 * prebuilt requests of the JDK client (measured).
 */
final class VolunteeringApi {

    private record Code(String code, Instant validUntil) {
    }

    private final ServiceClient staff;
    private final String base;
    private final UUID community;
    private final Map<UUID, Code> codes = new ConcurrentHashMap<>();

    VolunteeringApi(int port, String staffToken, UUID community) {
        this.staff = new ServiceClient("http://127.0.0.1:" + port, () -> staffToken);
        this.base = "http://127.0.0.1:" + port + "/api/v1";
        this.community = community;
    }

    /**
     * Schedules {@code count} service activities of the community with {@code capacity} places, starting at
     * {@code startsAt} (sign-ups are taken until then; check-in opens the service's {@code early} before).
     */
    List<UUID> schedule(int count, int capacity, Instant startsAt) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> activity = new HashMap<>();
            activity.put("communityId", community);
            activity.put("kind", "SERVICE");
            activity.put("title", "基准活动 " + i);
            activity.put("description", "党员志愿服务：社区环境整治");
            activity.put("place", "基准社区党群服务中心");
            activity.put("startsAt", startsAt);
            activity.put("endsAt", startsAt.plus(Duration.ofHours(2)));
            activity.put("capacity", capacity);
            activity.put("cancellationDeadline", startsAt);
            String id = staff.post("/activities", activity, null).requireSuccess("scheduling an activity").text("id");
            ids.add(UUID.fromString(id));
        }
        return ids;
    }

    /** The measured sign-up: the member takes a place (201 CONFIRMED) or joins the waiting list (201 WAITING). */
    HttpRequest signUpRequest(UUID activity, String memberToken) {
        return post("/activities/" + activity + "/sign-ups", memberToken, "{}");
    }

    /** The measured check-in with the activity's current code (staff read it, as the phone at the door would). */
    HttpRequest checkInRequest(UUID activity, String memberToken) {
        return post("/activities/" + activity + "/check-in", memberToken, "{\"code\":\"" + code(activity) + "\"}");
    }

    private String code(UUID activity) {
        Code c = codes.get(activity);
        if (c == null || !Instant.now().isBefore(c.validUntil())) {
            var answer = staff.get("/activities/" + activity + "/check-in-code", Map.of())
                    .requireSuccess("reading a check-in code").body();
            c = new Code(answer.path("code").asString(), Instant.parse(answer.path("validUntil").asString()));
            codes.put(activity, c);
        }
        return c.code();
    }

    /** After a check-in refused for its code (it rotated in flight): the next one reads the new code. */
    void forgetCode(UUID activity) {
        codes.remove(activity);
    }

    private HttpRequest post(String path, String token, String json) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }
}
