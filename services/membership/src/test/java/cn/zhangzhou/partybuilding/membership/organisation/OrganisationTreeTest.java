package cn.zhangzhou.partybuilding.membership.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.testing.Api.Response;
import cn.zhangzhou.partybuilding.testing.EventTap;
import cn.zhangzhou.partybuilding.membership.testing.Fixtures;
import cn.zhangzhou.partybuilding.membership.testing.RunningDistrict;

class OrganisationTreeTest {

    private final RunningDistrict xc = RunningDistrict.xiangcheng();
    private final Fixtures fx = new Fixtures(xc);

    @Test
    void buildsTheTreeAndPublishesEachCreation() {
        try (EventTap tap = EventTap.open(xc.topic())) {
            String street = fx.street();
            String community = fx.community(street);
            String grid = fx.grid(community);
            String group = fx.partyGroup(grid);

            ConsumerRecord<String, byte[]> created = tap.awaitType("zz.membership.OrganisationCreated.v1", group);
            assertThat(EventTap.payload(created)).contains("\"type\":\"PARTY_GROUP\"", "\"parentId\":\"" + grid + "\"");
            assertThat(EventTap.header(created, "ce_source")).isEqualTo("/districts/xiangcheng/membership");
            assertThat(EventTap.header(created, "ce_aggregateversion")).isEqualTo("1");
        }
    }

    @Test
    void refusesATypeUnderAParentItMayNotSitUnder() {
        String street = fx.street();
        Response response = xc.api.post("/api/v1/organisations", xc.admin(), body("GRID", street));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.raw()).contains("COMMUNITY").contains("STREET_COMMITTEE");
    }

    @Test
    void refusesASecondDistrictCommittee() {
        xc.root();
        Response response = xc.api.post("/api/v1/organisations", xc.admin(), body("DISTRICT_COMMITTEE", null));
        assertThat(response.status()).isEqualTo(409);
    }

    @Test
    void codesAreUniqueInTheDistrict() {
        Map<String, Object> first = body("STREET_COMMITTEE", xc.root());
        assertThat(xc.api.post("/api/v1/organisations", xc.admin(), first).status()).isEqualTo(201);
        Map<String, Object> again = new HashMap<>(first);
        again.put("name", "another name");
        Response duplicate = xc.api.post("/api/v1/organisations", xc.admin(), again);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.raw()).contains((String) first.get("code"));
    }

    @Test
    void renamesWithTheCurrentVersionAndRefusesAStaleOne() {
        String street = fx.street();
        Response renamed = xc.api.post("/api/v1/organisations/" + street + "/rename", xc.admin(),
                Map.of("name", "南坑街道党工委", "version", 1));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.version()).isEqualTo(2);

        Response stale = xc.api.post("/api/v1/organisations/" + street + "/rename", xc.admin(),
                Map.of("name", "lost", "version", 1));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(xc.api.get("/api/v1/organisations/" + street, xc.admin()).text("name")).isEqualTo("南坑街道党工委");
    }

    @Test
    void movesACommunityToAnotherStreetWithItsSubtree() {
        String from = fx.street();
        String to = fx.street();
        String community = fx.community(from);
        String grid = fx.grid(community);
        fx.partyGroup(grid);

        Response moved = xc.api.post("/api/v1/organisations/" + community + "/move", xc.admin(),
                Map.of("parentId", to, "version", 1));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.text("parentId")).isEqualTo(to);
        assertThat(moved.body().has("path")).as("the materialised path stays inside the service").isFalse();

        Response subtree = xc.api.get("/api/v1/organisations/" + to + "/subtree?depth=3", xc.admin());
        assertThat(subtree.body().path("counts").path("communities").asLong()).isEqualTo(1);
        assertThat(subtree.body().path("counts").path("grids").asLong()).isEqualTo(1);
        assertThat(subtree.body().path("counts").path("partyGroups").asLong()).isEqualTo(1);
        assertThat(subtree.body().path("organisation").has("path")).isFalse();
        assertThat(subtree.body().path("children").path(0).path("organisation").path("id").asString())
                .isEqualTo(community);
        assertThat(xc.api.get("/api/v1/organisations/" + from + "/subtree", xc.admin())
                .body().path("counts").path("communities").asLong()).isZero();
    }

    @Test
    void cannotMoveUnderItsOwnDescendant() {
        String street = fx.street();
        String community = fx.community(street);
        String grid = fx.grid(community);
        Response response = xc.api.post("/api/v1/organisations/" + grid + "/move", xc.admin(),
                Map.of("parentId", street, "version", 1));
        assertThat(response.status()).isEqualTo(422);
    }

    @Test
    void cannotDeactivateWithChildrenOrMembers() {
        String street = fx.street();
        String community = fx.community(street);
        Response withChild = xc.api.post("/api/v1/organisations/" + street + "/deactivate", xc.admin(),
                Map.of("version", 1));
        assertThat(withChild.status()).isEqualTo(422);
        assertThat(withChild.raw()).contains("child");

        fx.member(community, community);
        Response withMember = xc.api.post("/api/v1/organisations/" + community + "/deactivate", xc.admin(),
                Map.of("version", 1));
        assertThat(withMember.status()).isEqualTo(422);
        assertThat(withMember.raw()).contains("members");
        assertThat(xc.api.get("/api/v1/organisations/" + community, xc.admin()).body().path("active").asBoolean())
                .isTrue();
    }

    @Test
    void deactivatesAnEmptyOrganisation() {
        String street = fx.street();
        String community = fx.community(street);
        Response response = xc.api.post("/api/v1/organisations/" + community + "/deactivate", xc.admin(),
                Map.of("version", 1));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("active").asBoolean()).isFalse();
        Response childOfInactive = xc.api.post("/api/v1/organisations", xc.admin(), body("GRID", community));
        assertThat(childOfInactive.status()).isEqualTo(422);
    }

    @Test
    void subtreeCountsMembersGridsAndGroups() {
        String street = fx.street();
        String c1 = fx.community(street);
        String c2 = fx.community(street);
        fx.partyGroup(fx.grid(c1));
        fx.partyGroup(fx.grid(c1));
        fx.partyGroup(fx.grid(c2));
        fx.member(c1, c1);
        fx.member(c2, c2);
        fx.member(c2, c2);
        Response subtree = xc.api.get("/api/v1/organisations/" + street + "/subtree?depth=2", xc.admin());
        assertThat(subtree.status()).isEqualTo(200);
        var counts = subtree.body().path("counts");
        assertThat(counts.path("communities").asLong()).isEqualTo(2);
        assertThat(counts.path("grids").asLong()).isEqualTo(3);
        assertThat(counts.path("partyGroups").asLong()).isEqualTo(3);
        assertThat(counts.path("members").asLong()).isEqualTo(3);
        assertThat(subtree.body().path("children").size()).isEqualTo(2);
    }

    @Test
    void searchIsPagedAndFiltered() {
        String street = fx.street();
        for (int i = 0; i < 5; i++) {
            fx.community(street);
        }
        Response page = xc.api.get("/api/v1/organisations?parentId=" + street + "&type=COMMUNITY&page=1&size=2",
                xc.admin());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().path("totalItems").asLong()).isEqualTo(5);
        assertThat(page.body().path("totalPages").asLong()).isEqualTo(3);
        assertThat(page.body().path("items").size()).isEqualTo(2);
    }

    private static Map<String, Object> body(String type, String parentId) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", Fixtures.code("T"));
        body.put("name", "测试组织");
        body.put("type", type);
        body.put("parentId", parentId);
        return body;
    }
}
