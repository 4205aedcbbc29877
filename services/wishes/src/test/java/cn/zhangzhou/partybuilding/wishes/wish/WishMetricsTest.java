package cn.zhangzhou.partybuilding.wishes.wish;

import static cn.zhangzhou.partybuilding.wishes.testing.RunningWishes.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.wishes.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.wishes.testing.RunningWishes;

/** The business metric {@code zz.wishes.transitions}: committed moves only, scraped by Prometheus. */
class WishMetricsTest {

    private static final RunningWishes w = RunningWishes.get();
    private static final MembershipFeed feed = w.feed;

    @Test
    void postsAndClaimsCountOnceCommittedAndALostClaimDoesNot() {
        UUID community = feed.community();
        UUID winner = feed.residentMember(community);
        UUID loser = feed.residentMember(community);
        double posted = count("POST");
        double claimed = count("CLAIM");

        String wish = w.published(community);
        require(w.api.post("/api/v1/wishes/" + wish + "/claim", w.member(winner), null), 201);
        Api.Response lost = w.api.post("/api/v1/wishes/" + wish + "/claim", w.member(loser), null);

        assertThat(lost.status()).isEqualTo(409);
        assertThat(count("POST")).isEqualTo(posted + 1);
        assertThat(count("CLAIM")).isEqualTo(claimed + 1);
        Api.Response scrape = w.api.get("/actuator/prometheus", null);
        assertThat(scrape.raw()).contains("zz_wishes_transitions_total{").contains("transition=\"CLAIM\"");
    }

    private static double count(String transition) {
        Counter c = w.context.getBean(MeterRegistry.class).find("zz.wishes.transitions").tag("transition", transition)
                .counter();
        return c == null ? 0 : c.count();
    }
}
