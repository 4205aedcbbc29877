package cn.zhangzhou.partybuilding.testing.matrix;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;


import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.EventFeed;
import tools.jackson.databind.JsonNode;

/**
 * The rows of the dead-letter admin API that every district service and identity have (events-messaging, decision
 * 0022): only the city's administrators and the district's own (identity: the city's only) may list, inspect, replay
 * and discard; everybody else 403. Each object
 * is a dead letter of the service's own: a record that is not JSON on Zhangpu's membership topic, which every district
 * service and identity consume, found through the API once the service dead-lettered it.
 */
public final class DeadLetterRules {

    private static final String TOPIC = Topics.events("zhangpu", "membership");
    private static final Set<Who> OPERATORS = EnumSet.of(Who.CITY_ADMIN, Who.DISTRICT_ADMIN);

    private DeadLetterRules() {
    }

    /** @param adminToken a token of the district's administrator, to find the dead letters made */
    public static void addTo(ScopeMatrix matrix, Api api, String adminToken) {
        addTo(matrix, api, adminToken, OPERATORS);
    }

    /**
     * The rows for a service whose dead letters only {@code operators} may operate: identity's, which has no district,
     * by the city's administrators only.
     *
     * @param adminToken a token of one of the operators, to find the dead letters made
     */
    public static void addTo(ScopeMatrix matrix, Api api, String adminToken, Set<Who> operators) {
        String base = "/api/v1/dead-letters/{deadLetterTopic}/{partition}/{offset}";
        matrix.rule("GET /api/v1/dead-letters").on(() -> Call.get("/api/v1/dead-letters?topic=" + TOPIC))
                .allow(operators);
        matrix.rule("GET " + base).on(() -> Call.get(deadLetter(api, adminToken))).allow(operators);
        matrix.rule("POST " + base + "/replay").on(() -> Call.post(deadLetter(api, adminToken) + "/replay", null))
                .allow(operators);
        matrix.rule("POST " + base + "/discard")
                .on(() -> Call.post(deadLetter(api, adminToken) + "/discard", new HashMap<>(Map.of("reason", "矩阵"))))
                .allow(operators);
    }

    /** A new dead letter of the service: its path in the API. */
    private static String deadLetter(Api api, String adminToken) {
        String key = UUID.randomUUID().toString();
        EventFeed.sendRaw(TOPIC, key, "not json".getBytes(StandardCharsets.UTF_8), EventEnvelope.create(
                MembershipEvents.ORGANISATION_CREATED, "zhangpu", key, EventFeed.nextVersion(), Instant.now(), null));
        JsonNode found = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            for (JsonNode item : api.get("/api/v1/dead-letters?size=200&topic=" + TOPIC, adminToken).body()
                    .path("items")) {
                if (key.equals(item.path("key").asString())) {
                    return item;
                }
            }
            return null;
        }, item -> item != null);
        return "/api/v1/dead-letters/" + found.path("deadLetterTopic").asString() + "/"
                + found.path("deadLetterPartition").asInt() + "/" + found.path("deadLetterOffset").asLong();
    }
}
