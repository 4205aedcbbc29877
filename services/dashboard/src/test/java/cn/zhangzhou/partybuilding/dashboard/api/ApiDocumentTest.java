package cn.zhangzhou.partybuilding.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cn.zhangzhou.partybuilding.dashboard.testing.RunningDashboard;

/** The OpenAPI document is served without a token and lists every operation, each answer with its fields. */
class ApiDocumentTest {

    private static final RunningDashboard d = RunningDashboard.get();

    @Test
    void everyOperationIsDocumented() {
        JsonNode docs = d.api.get("/v3/api-docs", null).body();
        List<String> paths = new ArrayList<>();
        docs.path("paths").propertyNames().forEach(paths::add);
        assertThat(paths).containsExactlyInAnyOrder("/api/v1/city", "/api/v1/city.csv", "/api/v1/districts/{district}",
                "/api/v1/districts/{district}.csv", "/api/v1/organisations/{id}", "/api/v1/organisations/{id}.csv",
                "/api/v1/freshness", "/api/v1/freshness.csv", "/api/v1/reconciliation", "/api/v1/reconciliation.csv",
                "/api/v1/districts/{district}/rankings", "/api/v1/districts/{district}/rankings.csv", "/api/v1/live", "/api/v1/me");
        List<String> figures = new ArrayList<>();
        docs.path("components").path("schemas").path("Figures").path("properties").propertyNames()
                .forEach(figures::add);
        assertThat(figures).contains("communities", "grids", "partyGroups", "communityWorkersInCommittees",
                "wishesClaimed", "residentsHelped", "serviceMinutes", "trainingMinutes");
        assertThat(docs.path("paths").path("/api/v1/live").path("get").path("responses").path("200").path("content")
                .has("text/event-stream")).isTrue();
    }
}
