package cn.zhangzhou.partybuilding.membership.testing;

import cn.zhangzhou.partybuilding.testing.Api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds a test's own corner of a district's tree through the API, with unique codes. */
public final class Fixtures {

    private static final AtomicInteger SEQ = new AtomicInteger();
    private final RunningDistrict d;

    public Fixtures(RunningDistrict district) {
        this.d = district;
    }

    public static String code(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
    }

    public String organisation(String type, String parentId, String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code(type.substring(0, 3)));
        body.put("name", name);
        body.put("type", type);
        body.put("parentId", parentId);
        Api.Response response = d.api.post("/api/v1/organisations", d.admin(), body);
        if (response.status() != 201) {
            throw new IllegalStateException("cannot create " + type + ": " + response);
        }
        return response.id();
    }

    public String street() {
        return organisation("STREET_COMMITTEE", d.root(), "街道" + SEQ.get());
    }

    public String community(String streetId) {
        return organisation("COMMUNITY", streetId, "社区" + SEQ.get());
    }

    public String grid(String communityId) {
        return organisation("GRID", communityId, "网格" + SEQ.get());
    }

    public String partyGroup(String gridId) {
        return organisation("PARTY_GROUP", gridId, "党小组" + SEQ.get());
    }

    public Map<String, Object> memberBody(String homeOrgId, String residenceDistrict, String communityId,
                                          String category) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "王小明" + SEQ.incrementAndGet());
        body.put("phone", "13900000000");
        body.put("idNumber", "35060219800101123X");
        body.put("address", "漳州市芗城区某路1号");
        body.put("homeOrganisationId", homeOrgId);
        body.put("residenceDistrict", residenceDistrict);
        body.put("residenceCommunityId", communityId);
        body.put("category", category);
        body.put("specialties", List.of("法律", "书法"));
        return body;
    }

    public Api.Response registerMember(String homeOrgId, String communityId, String category) {
        return d.api.post("/api/v1/members", d.admin(), memberBody(homeOrgId, d.district, communityId, category));
    }

    public String member(String homeOrgId, String communityId) {
        Api.Response response = registerMember(homeOrgId, communityId, "IN_SERVICE");
        if (response.status() != 201) {
            throw new IllegalStateException("cannot register member: " + response);
        }
        return response.id();
    }
}
