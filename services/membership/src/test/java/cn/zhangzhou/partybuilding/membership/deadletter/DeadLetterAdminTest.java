package cn.zhangzhou.partybuilding.membership.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.membership.testing.ConsumerRule;
import cn.zhangzhou.partybuilding.membership.testing.RunningDistrict;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import cn.zhangzhou.partybuilding.testing.Api.Response;
import tools.jackson.databind.JsonNode;

/**
 * Operating dead letters end to end (decision 0022), on Xiangcheng's membership service, real Kafka and PostgreSQL:
 * a valid event that the consumer refuses (a {@link ConsumerRule}) is dead-lettered, listed, inspected, replayed once
 * the consumer is fixed, and its effect lands exactly once; another is discarded with its reason; both actions are
 * audited; callers other than the city's and the district's administrators are refused.
 */
class DeadLetterAdminTest {

    private static final String SOURCE = Topics.events("zhangpu", "membership");
    private static final String LIST = "/api/v1/dead-letters?topic=" + SOURCE;

    private final RunningDistrict xc = RunningDistrict.xiangcheng();
    private final String operator = TestTokens.token("ops-" + UUID.randomUUID(), Set.of(Role.DISTRICT_ADMIN),
            "xiangcheng", null, null);

    @Test
    void aRefusedEventIsReplayedAfterTheFixAndAppliedExactlyOnce() {
        UUID organisation = UUID.randomUUID();
        ConsumerRule.refuse(organisation);
        String eventId = RunningDistrict.publishOrganisation("zhangpu", organisation, "城西社区");

        JsonNode listed = deadLetterOf(organisation);
        assertThat(listed.path("state").asString()).isEqualTo("NEW");
        assertThat(listed.path("topic").asString()).isEqualTo(SOURCE);
        assertThat(listed.path("exception").asString()).endsWith("InvalidEventException");
        assertThat(listed.path("exceptionMessage").asString()).contains("does not accept");
        String path = path(listed);

        Response inspected = xc.api.get(path, operator);
        assertThat(inspected.status()).as(inspected.toString()).isEqualTo(200);
        assertThat(inspected.body().path("key").asString()).isEqualTo(organisation.toString());
        assertThat(inspected.body().path("headers").path("ce_id").asString()).isEqualTo(eventId);
        assertThat(inspected.body().path("headers").path("ce_type").asString())
                .isEqualTo(MembershipEvents.ORGANISATION_CREATED.ceType());
        assertThat(inspected.body().path("payloadEncoding").asString()).isEqualTo("utf-8");
        assertThat(inspected.body().path("payload").asString()).contains("城西社区");
        assertThat(inspected.body().path("offset").isNumber()).isTrue();
        assertThat(organisationRows(organisation)).isZero();

        ConsumerRule.fix(organisation);
        Response replayed = xc.api.post(path + "/replay", operator, null);
        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(200);
        assertThat(replayed.text("state")).isEqualTo("REPLAYED");

        await().atMost(Duration.ofSeconds(60)).until(() -> organisationRows(organisation) == 1);
        assertThat(xc.rows("consumed_aggregate where subject = '" + organisation
                + "' and consumer = 'membership-directory'")).isEqualTo(1);
        assertThat(xc.api.get(path, operator).text("state")).isEqualTo("REPLAYED");

        Response again = xc.api.post(path + "/replay", operator, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.isProblem()).isTrue();
        assertThat(again.text("detail")).contains("REPLAYED");
        assertThat(xc.api.post(path + "/discard", operator, Map.of("reason", "late")).status()).isEqualTo(409);
        assertThat(xc.rows("dead_letter_action where event_id = '" + eventId + "' and action = 'REPLAYED'"
                + " and actor like 'ops-%' and reason is null")).isEqualTo(1);
        assertThat(organisationRows(organisation)).isEqualTo(1);
    }

    @Test
    void aDeadLetterIsDiscardedWithItsReasonOnce() {
        UUID organisation = UUID.randomUUID();
        ConsumerRule.refuse(organisation);
        String eventId = RunningDistrict.publishOrganisation("zhangpu", organisation, "已撤销的社区");
        String path = path(deadLetterOf(organisation));

        Response noReason = xc.api.post(path + "/discard", operator, Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.raw()).contains("reason");
        Response blank = xc.api.post(path + "/discard", operator, Map.of("reason", " "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(xc.rows("dead_letter_action where event_id = '" + eventId + "'")).isZero();

        Response discarded = xc.api.post(path + "/discard", TestTokens.token(Role.CITY_ADMIN, null, null, null),
                Map.of("reason", "漳浦 withdrew this organisation"));
        assertThat(discarded.status()).as(discarded.toString()).isEqualTo(200);
        assertThat(discarded.text("state")).isEqualTo("DISCARDED");
        assertThat(discarded.body().path("action").path("reason").asString()).isEqualTo("漳浦 withdrew this organisation");
        assertThat(xc.rows("dead_letter_action where event_id = '" + eventId + "' and action = 'DISCARDED'"
                + " and reason = '漳浦 withdrew this organisation'")).isEqualTo(1);
        assertThat(xc.api.post(path + "/replay", operator, null).status()).isEqualTo(409);
        assertThat(deadLetterOf(organisation).path("state").asString()).isEqualTo("DISCARDED");
        ConsumerRule.fix(organisation);
        assertThat(organisationRows(organisation)).isZero();
    }

    @Test
    void onlyTheCityAndTheDistrictAdministratorsOperateDeadLetters() {
        UUID organisation = UUID.randomUUID();
        ConsumerRule.refuse(organisation);
        RunningDistrict.publishOrganisation("zhangpu", organisation, "另一个社区");
        String path = path(deadLetterOf(organisation));
        ConsumerRule.fix(organisation);

        assertThat(xc.api.get(LIST, null).status()).isEqualTo(401);
        assertThat(xc.api.post(path + "/replay", null, null).status()).isEqualTo(401);
        for (String token : new String[] {
                TestTokens.token(Role.DISTRICT_ADMIN, "longwen", null, null),
                TestTokens.token(Role.DISTRICT_SYSTEM, "xiangcheng", null, null),
                TestTokens.token(Role.STREET_STAFF, "xiangcheng", UUID.randomUUID(), null),
                TestTokens.token(Role.MEMBER, "xiangcheng", null, UUID.randomUUID())}) {
            for (Response refused : new Response[] {xc.api.get(LIST, token), xc.api.get(path, token),
                    xc.api.post(path + "/replay", token, null),
                    xc.api.post(path + "/discard", token, Map.of("reason", "no"))}) {
                assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
                assertThat(refused.isProblem()).isTrue();
            }
        }
        assertThat(xc.api.get(path, operator).text("state")).isEqualTo("NEW");
        assertThat(xc.api.get(LIST, TestTokens.token(Role.CITY_ADMIN, null, null, null)).status()).isEqualTo(200);
    }

    @Test
    void badAddressesAndTopicsAreProblemsNamingWhatIsWrong() {
        Response unknownTopic = xc.api.get("/api/v1/dead-letters?topic=xiangcheng.nothing.events", operator);
        assertThat(unknownTopic.status()).isEqualTo(422);
        assertThat(unknownTopic.text("detail")).contains("xiangcheng.nothing.events");
        Response ownTopic = xc.api.get("/api/v1/dead-letters?topic=" + xc.topic(), operator);
        assertThat(ownTopic.status()).as("Xiangcheng's membership does not consume its own events").isEqualTo(422);
        assertThat(xc.api.get("/api/v1/dead-letters", operator).status()).isEqualTo(400);
        assertThat(xc.api.get(LIST + "&size=0", operator).status()).isEqualTo(400);

        String dlt = Topics.deadLetter(SOURCE);
        Response offset = xc.api.get("/api/v1/dead-letters/" + dlt + "/0/999999999", operator);
        assertThat(offset.status()).isEqualTo(404);
        assertThat(offset.text("detail")).contains("offset 999999999");
        Response partition = xc.api.get("/api/v1/dead-letters/" + dlt + "/99/0", operator);
        assertThat(partition.status()).isEqualTo(404);
        assertThat(partition.text("detail")).contains("partition 99");
        Response notDeadLetters = xc.api.post("/api/v1/dead-letters/" + SOURCE + "/0/0/replay", operator, null);
        assertThat(notDeadLetters.status()).isEqualTo(404);
        assertThat(notDeadLetters.text("detail")).contains(SOURCE);
        assertThat(xc.api.get("/api/v1/dead-letters/" + dlt + "/zero/0", operator).status()).isEqualTo(400);
    }

    /** Xiangcheng's dead letter of the organisation's event, once it is listed. */
    private JsonNode deadLetterOf(UUID organisation) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Response list = xc.api.get(LIST + "&size=200", operator);
            assertThat(list.status()).as(list.toString()).isEqualTo(200);
            for (JsonNode item : list.body().path("items")) {
                if (item.path("key").asString().equals(organisation.toString())) {
                    return item;
                }
            }
            return null;
        }, item -> item != null);
    }

    private static String path(JsonNode deadLetter) {
        return "/api/v1/dead-letters/" + deadLetter.path("deadLetterTopic").asString() + "/"
                + deadLetter.path("deadLetterPartition").asInt() + "/" + deadLetter.path("deadLetterOffset").asLong();
    }

    private long organisationRows(UUID organisation) {
        return xc.rows("external_organisation where id = '" + organisation + "' and district = 'zhangpu'");
    }
}
