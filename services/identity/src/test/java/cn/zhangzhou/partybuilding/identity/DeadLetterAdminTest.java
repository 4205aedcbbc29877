package cn.zhangzhou.partybuilding.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.identity.testing.IdentityTest;
import cn.zhangzhou.partybuilding.testing.Api.Response;
import cn.zhangzhou.partybuilding.testing.EventFeed;
import tools.jackson.databind.JsonNode;

/**
 * Identity's dead letters (decision 0022): the membership events its listener refused are listed, inspected and
 * discarded with a reason through the same API as a district service's, by the city's administrators only (identity
 * has no district).
 */
class DeadLetterAdminTest extends IdentityTest {

    private static final String SOURCE = "xiangcheng.membership.events";
    private static final String LIST = "/api/v1/dead-letters?topic=" + SOURCE + "&size=200";

    @Test
    void aRefusedMembershipEventIsListedInspectedAndDiscardedByTheCitysAdministratorOnly() {
        member("xiangcheng"); // identity's listener has the topic's partitions
        String key = UUID.randomUUID().toString();
        EventEnvelope envelope = EventEnvelope.create(MembershipEvents.MEMBER_REGISTERED, "xiangcheng", key,
                EventFeed.nextVersion(), Instant.now(), null);
        EventFeed.sendRaw(SOURCE, key, "{not json".getBytes(StandardCharsets.UTF_8), envelope);

        JsonNode listed = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> deadLetter(key), item -> item != null);
        assertThat(listed.path("state").asString()).isEqualTo("NEW");
        assertThat(listed.path("topic").asString()).isEqualTo(SOURCE);
        String path = "/api/v1/dead-letters/" + listed.path("deadLetterTopic").asString() + "/"
                + listed.path("deadLetterPartition").asInt() + "/" + listed.path("deadLetterOffset").asLong();
        Response inspected = api.get(path, adminToken());
        assertThat(inspected.status()).as(inspected.toString()).isEqualTo(200);
        assertThat(inspected.body().path("headers").path("ce_id").asString()).isEqualTo(envelope.id().toString());
        assertThat(inspected.body().path("payload").asString()).isEqualTo("{not json");

        String districtAdmin = unique("xc-admin");
        createUser(districtAdmin, Set.of("DISTRICT_ADMIN"), "xiangcheng", null, null);
        Response refused = api.post(path + "/discard", signIn(districtAdmin, PASSWORD), Map.of("reason", "no"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("detail")).contains("CITY_ADMIN").doesNotContain("DISTRICT_ADMIN of");
        assertThat(api.get(LIST, null).status()).isEqualTo(401);

        Response discarded = api.post(path + "/discard", adminToken(), Map.of("reason", "not an event: a test's bytes"));
        assertThat(discarded.status()).as(discarded.toString()).isEqualTo(200);
        assertThat(discarded.text("state")).isEqualTo("DISCARDED");
        assertThat(deadLetter(key).path("state").asString()).isEqualTo("DISCARDED");
    }

    /** The dead letter with this key in identity's list, or null. */
    private JsonNode deadLetter(String key) {
        Response list = api.get(LIST, adminToken());
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        for (JsonNode item : list.body().path("items")) {
            if (item.path("key").asString().equals(key)) {
                return item;
            }
        }
        return null;
    }
}
