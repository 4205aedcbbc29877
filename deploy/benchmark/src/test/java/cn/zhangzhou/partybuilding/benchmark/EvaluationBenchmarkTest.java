package cn.zhangzhou.partybuilding.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.zhangzhou.partybuilding.platform.RepositoryRoot;

/**
 * The evaluation mode at a small size against the real service (its built jar), PostgreSQL and Kafka: every replayed
 * outcome counted in the indicators, every community scored, and exactly one rating per code and per member however
 * often and however many at once they are sent. Figures, not wall-clock: the rates are the full run's business.
 */
class EvaluationBenchmarkTest {

    @Test
    void replaysTheYearIntoTheIndicatorsAndCountsOneRatingPerCodeAndPerMember(@TempDir Path dir) throws Exception {
        EvaluationBenchmark mode = (EvaluationBenchmark) Benchmark.parse("evaluation", "--events", "400", "--members",
                "30", "--codes", "60", "--duplicates", "5", "--levels", "2", "--duration", "1", "--warmup", "0",
                "--jit-warmup", "0");
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            mode.bench = Bench.start(RepositoryRoot.require(Path.of("")), dir, List.of(), resources, System.out);
            mode.measure(Machine.describe());
        } finally {
            for (AutoCloseable r : resources) {
                r.close();
            }
        }

        assertThat(mode.replay.counted()).isEqualTo(mode.replay.published());
        assertThat(mode.replay.published().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(400);
        assertThat(mode.replay.communitiesScored())
                .isEqualTo(EvaluationBenchmark.STREETS * EvaluationBenchmark.COMMUNITIES_PER_STREET);
        // Each contested code and member: one of the 8 sent at once counted, 7 refused; sent again, refused.
        for (RatingLoad.Duplicates d : mode.checks) {
            assertThat(d.firstUnexpected()).as(d.path()).isNull();
            assertThat(d.counted()).as(d.path()).isEqualTo(d.senders() == 8 ? d.raters() : 0);
            assertThat(d.refused()).as(d.path()).isEqualTo((long) d.raters() * (d.senders() == 8 ? 7 : 1));
        }
        assertThat(mode.counted.residentRatings()).isEqualTo(mode.counted.usedCodes()).isPositive();
        assertThat(mode.counted.memberRatings()).isEqualTo(mode.counted.membersRated()).isPositive();
    }
}
