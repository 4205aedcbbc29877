package cn.zhangzhou.partybuilding.dashboard.projection;

import static cn.zhangzhou.partybuilding.testing.DistrictFixture.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cn.zhangzhou.partybuilding.dashboard.testing.RunningDashboard;
import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.testing.matrix.DatabaseFingerprint;

/**
 * Replay (decision 0023): a fresh dashboard with a fresh database and consumer group, reading every district's topics
 * from the beginning, ends with projections identical row for row to the running one's, and the same figures.
 */
class ReplayTest {

    private static final RunningDashboard d = RunningDashboard.get();

    @Test
    void aFreshDashboardRebuildsTheSameProjectionsFromTheTopics() {
        long started = System.nanoTime();
        RunningDashboard replayed = RunningDashboard.fresh("dashboard_replay");
        // received_at is when each dashboard heard a district: the one thing a replay does not reproduce.
        try (DatabaseFingerprint running = fingerprint(d); DatabaseFingerprint fresh = fingerprint(replayed)) {
            await().atMost(Duration.ofMinutes(3)).until(() -> fresh.get().equals(running.get()));
            System.out.println("replay: " + replayed.consumed() + " events rebuilt in "
                    + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms (start-up included)");
            assertThat(figures(replayed, "/api/v1/city")).isEqualTo(figures(d, "/api/v1/city"));
            assertThat(figures(replayed, "/api/v1/reconciliation")).isEqualTo(figures(d, "/api/v1/reconciliation"));
            assertThat(lastEvents(replayed)).isEqualTo(lastEvents(d));
        } finally {
            replayed.context.close();
        }
    }

    private static DatabaseFingerprint fingerprint(RunningDashboard dashboard) {
        return new DatabaseFingerprint(dashboard.jdbcUrl, TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword(), "district_freshness");
    }

    private static String figures(RunningDashboard dashboard, String path) {
        return require(dashboard.api.get(path, dashboard.cityAdmin()), 200).raw();
    }

    private static List<String> lastEvents(RunningDashboard dashboard) {
        JsonNode freshness = require(dashboard.api.get("/api/v1/freshness", dashboard.cityAdmin()), 200).body();
        return StreamSupport.stream(freshness.spliterator(), false)
                .map(f -> f.get("district").asString() + " " + f.get("lastEventAt").asString()).toList();
    }
}
