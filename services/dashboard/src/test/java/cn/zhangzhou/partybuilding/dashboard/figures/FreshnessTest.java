package cn.zhangzhou.partybuilding.dashboard.figures;

import static cn.zhangzhou.partybuilding.testing.DistrictFixture.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cn.zhangzhou.partybuilding.dashboard.testing.ArticleCity;
import cn.zhangzhou.partybuilding.dashboard.testing.DistrictEvents;
import cn.zhangzhou.partybuilding.dashboard.testing.RunningDashboard;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.events.membership.OrganisationRenamed;

/**
 * Each district's freshness: the time of its last event, and stale once silent longer than zz.dashboard.stale-after
 * (an hour): a district offline is shown so while the others stay fresh; an event of it makes it fresh again.
 */
class FreshnessTest {

    private static final RunningDashboard d = RunningDashboard.get();

    @Test
    void aSilentDistrictIsStaleUntilItsNextEvent() {
        JsonNode fresh = require(d.api.get("/api/v1/freshness", d.cityAdmin()), 200).body();
        assertThat(fresh.size()).isEqualTo(11);
        assertThat(district(fresh, "xiangcheng").get("name").asString()).isEqualTo("芗城区");
        assertThat(district(fresh, "huaan").get("lastEventAt").isNull()).isFalse();

        // Two hours pass without a word from any district: all of them are stale.
        d.clock.advance(Duration.ofHours(2));
        JsonNode silent = require(d.api.get("/api/v1/freshness", d.cityAdmin()), 200).body();
        assertThat(silent).allSatisfy(f -> assertThat(f.get("stale").asBoolean()).as(f.toString()).isTrue());

        // Longwen speaks again (any event of it, here a rename): it is fresh, the others still stale.
        UUID community = d.city.communities.get(ArticleCity.LONGWEN).get(3);
        Instant now = d.clock.instant().truncatedTo(ChronoUnit.MICROS);
        DistrictEvents.send(ArticleCity.LONGWEN, MembershipEvents.SERVICE, MembershipEvents.ORGANISATION_RENAMED,
                new OrganisationRenamed(community, "蓝田社区"), now);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode after = require(d.api.get("/api/v1/freshness", d.cityAdmin()), 200).body();
            assertThat(district(after, "longwen").get("stale").asBoolean()).isFalse();
            assertThat(Instant.parse(district(after, "longwen").get("lastEventAt").asString())).isEqualTo(now);
            assertThat(district(after, "xiangcheng").get("stale").asBoolean()).isTrue();
        });
        String csv = require(d.api.get("/api/v1/freshness.csv", d.cityAdmin()), 200).raw();
        assertThat(csv).contains("longwen,龙文区," + now + ",").contains("xiangcheng,芗城区,");
    }

    private static JsonNode district(JsonNode freshness, String id) {
        return StreamSupport.stream(freshness.spliterator(), false)
                .filter(f -> f.get("district").asString().equals(id)).findFirst().orElseThrow();
    }
}
