package cn.zhangzhou.partybuilding.wishes.testing;

import cn.zhangzhou.partybuilding.testing.Api;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Wishes made through the API, one step of the lifecycle at a time. */
public final class Fixtures {

    private final RunningWishes w;

    public Fixtures(RunningWishes wishes) {
        this.w = wishes;
    }

    public static Map<String, Object> wishBody(UUID community) {
        Map<String, Object> body = new HashMap<>();
        body.put("communityId", community);
        body.put("category", "DAILY_NECESSITIES");
        body.put("description", "一袋大米和一桶食用油");
        body.put("estimatedValueYuan", 120);
        body.put("beneficiary", Map.of("name", "王秀英", "phone", "13800001111", "address", "芗城区南昌路8号"));
        return body;
    }

    public Api.Response post(UUID community) {
        Api.Response r = w.api.post("/api/v1/wishes", w.staff(community), wishBody(community));
        require(r, 201);
        return r;
    }

    /** A wish on the menu of the community; returns its id. */
    public String published(UUID community) {
        Api.Response posted = post(community);
        require(w.api.post("/api/v1/wishes/" + posted.id() + "/publish", w.staff(community),
                Map.of("version", posted.version())), 200);
        return posted.id();
    }

    /** A wish claimed by the member, contacted and reported fulfilled; returns its id. */
    public String fulfilled(UUID community, UUID member) {
        String id = published(community);
        require(w.api.post("/api/v1/wishes/" + id + "/claim", w.member(member), null), 201);
        require(w.api.post("/api/v1/wishes/" + id + "/contacted", w.member(member), null), 200);
        require(w.api.post("/api/v1/wishes/" + id + "/fulfilment", w.member(member),
                java.util.Map.of("note", "送到了")), 200);
        return id;
    }

    public Api.Response get(String id, UUID community) {
        return w.api.get("/api/v1/wishes/" + id, w.staff(community));
    }

    public static Api.Response require(Api.Response r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + r);
        }
        return r;
    }
}
