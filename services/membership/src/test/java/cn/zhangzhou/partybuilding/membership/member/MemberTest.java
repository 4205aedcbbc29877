package cn.zhangzhou.partybuilding.membership.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.testing.Api.Response;
import cn.zhangzhou.partybuilding.testing.EventTap;
import cn.zhangzhou.partybuilding.membership.testing.Fixtures;
import cn.zhangzhou.partybuilding.membership.testing.RunningDistrict;

class MemberTest {

    private final RunningDistrict xc = RunningDistrict.xiangcheng();
    private final Fixtures fx = new Fixtures(xc);

    @Test
    void registersAMemberAndPublishesNoPersonalData() {
        String community = fx.community(fx.street());
        try (EventTap tap = EventTap.open(xc.topic())) {
            Map<String, Object> body = fx.memberBody(community, "xiangcheng", community, "RETIRED");
            body.put("cadreRole", "DEPUTY");
            body.put("communityWorker", true);
            Response created = xc.api.post("/api/v1/members", xc.admin(), body);
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.text("name")).isEqualTo(body.get("name"));

            ConsumerRecord<String, byte[]> event = tap.awaitType("zz.membership.MemberRegistered.v1", created.id());
            String payload = EventTap.payload(event);
            assertThat(payload).contains("\"category\":\"RETIRED\"", "\"cadreRole\":\"DEPUTY\"",
                    "\"communityWorker\":true");
            assertThat(payload).doesNotContain((String) body.get("name"), "13900000000", "35060219800101123X",
                    "某路");
        }
    }

    @Test
    void updatesWithTheVersionAndPublishesASnapshot() {
        String community = fx.community(fx.street());
        String id = fx.member(community, community);
        Map<String, Object> body = fx.memberBody(community, "xiangcheng", community, "RETIRED");
        body.put("specialties", List.of("摄影"));
        body.put("version", 1);
        try (EventTap tap = EventTap.open(xc.topic())) {
            Response updated = xc.api.put("/api/v1/members/" + id, xc.admin(), body);
            assertThat(updated.status()).isEqualTo(200);
            assertThat(updated.version()).isEqualTo(2);
            String payload = EventTap.payload(tap.awaitType("zz.membership.MemberUpdated.v1", id));
            assertThat(payload).contains("\"specialties\":[\"摄影\"]", "\"category\":\"RETIRED\"");
        }
        body.put("version", 1);
        assertThat(xc.api.put("/api/v1/members/" + id, xc.admin(), body).status()).isEqualTo(409);
    }

    @Test
    void homeOrganisationChangesOnlyByTransfer() {
        String street = fx.street();
        String c1 = fx.community(street);
        String c2 = fx.community(street);
        String id = fx.member(c1, c1);
        Map<String, Object> body = fx.memberBody(c2, "xiangcheng", c1, "IN_SERVICE");
        body.put("version", 1);
        assertThat(xc.api.put("/api/v1/members/" + id, xc.admin(), body).status()).isEqualTo(422);

        Response transfer = xc.api.post("/api/v1/members/" + id + "/transfers", xc.admin(),
                Map.of("toDistrict", "xiangcheng", "toOrganisationId", c2, "version", 1));
        assertThat(transfer.status()).isEqualTo(201);
        assertThat(transfer.text("status")).isEqualTo("COMPLETED");
        assertThat(xc.api.get("/api/v1/members/" + id, xc.admin()).text("homeOrganisationId")).isEqualTo(c2);
    }

    @Test
    void membershipIsHeldOnlyWhereMembersCanBeHeld() {
        String community = fx.community(fx.street());
        String grid = fx.grid(community);
        Response response = fx.registerMember(grid, community, "IN_SERVICE");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.raw()).contains("homeOrganisationId");
    }

    @Test
    void searchesByNameOrganisationCategoryAndSpecialty() {
        String street = fx.street();
        String c1 = fx.community(street);
        String c2 = fx.community(street);
        Map<String, Object> lawyer = fx.memberBody(c1, "xiangcheng", c1, "IN_SERVICE");
        lawyer.put("name", "黄志丽");
        lawyer.put("specialties", List.of("法律调解"));
        assertThat(xc.api.post("/api/v1/members", xc.admin(), lawyer).status()).isEqualTo(201);
        fx.member(c2, c2);
        fx.member(c2, c2);

        assertThat(total("/api/v1/members?organisationId=" + street)).isEqualTo(3);
        assertThat(total("/api/v1/members?organisationId=" + c2)).isEqualTo(2);
        assertThat(total("/api/v1/members?organisationId=" + street + "&specialty=法律调解")).isEqualTo(1);
        assertThat(total("/api/v1/members?organisationId=" + street + "&name=黄志")).isEqualTo(1);
        assertThat(total("/api/v1/members?organisationId=" + street + "&category=RETIRED")).isZero();
        Response page = xc.api.get("/api/v1/members?organisationId=" + street + "&size=2&page=1", xc.admin());
        assertThat(page.body().path("items").size()).isEqualTo(1);
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyRegistersOnce() {
        String community = fx.community(fx.street());
        Map<String, Object> body = fx.memberBody(community, "xiangcheng", community, "IN_SERVICE");
        long before = xc.rows("member");
        Map<String, String> key = Map.of("Idempotency-Key", Fixtures.code("retry"));
        Response first = xc.api.post("/api/v1/members", xc.admin(), body, key);
        Response retry = xc.api.post("/api/v1/members", xc.admin(), body, key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.id()).isEqualTo(first.id());
        assertThat(xc.rows("member")).isEqualTo(before + 1);
    }

    @Test
    void theRequestsTraceTravelsWithItsEvent() {
        String community = fx.community(fx.street());
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        try (EventTap tap = EventTap.open(xc.topic())) {
            Response created = xc.api.post("/api/v1/members", xc.admin(),
                    fx.memberBody(community, "xiangcheng", community, "IN_SERVICE"),
                    Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
            assertThat(created.status()).isEqualTo(201);
            ConsumerRecord<String, byte[]> event = tap.awaitType("zz.membership.MemberRegistered.v1", created.id());
            assertThat(EventTap.header(event, "traceparent")).startsWith("00-" + traceId + "-");
        }
    }

    private long total(String path) {
        Response response = xc.api.get(path, xc.admin());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body().path("totalItems").asLong();
    }
}
