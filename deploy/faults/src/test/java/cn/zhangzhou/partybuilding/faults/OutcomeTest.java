package cn.zhangzhou.partybuilding.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.faults.FaultRun.Outcome;
import cn.zhangzhou.partybuilding.faults.FaultRun.Profile;

/** Which criteria a profile's verdict judges, and that its last line says what it decided. */
class OutcomeTest {

    private static final Duration DRAINED = Duration.ofSeconds(1);

    @Test
    void theShortProfileReportsTheThroughputRatioAndJudgesTheRest() {
        Outcome slowWithPoison = outcome(Profile.SHORT, new Checker.Verdict(), poison(0.89, 40, Duration.ofSeconds(1)));

        assertThat(slowWithPoison.passed()).isTrue();
        assertThat(lastLine(slowWithPoison)).startsWith("PASSED: ")
                .contains("throughput ratio 0.89 < 0.9 (reported, not judged");
    }

    @Test
    void theFullProfileJudgesTheThroughputRatio() {
        Outcome slowWithPoison = outcome(Profile.FULL, new Checker.Verdict(), poison(0.89, 40, Duration.ofSeconds(1)));

        assertThat(slowWithPoison.passed()).isFalse();
        assertThat(lastLine(slowWithPoison)).startsWith("FAILED: ").endsWith("throughput ratio 0.89 < 0.9");
    }

    @Test
    void eitherProfileFailsOnALostDeadLetterALongStallABadCountOrAProblem() {
        Checker.Verdict lost = new Checker.Verdict();
        lost.count("BAD lost member", 1);
        Checker.Verdict problem = new Checker.Verdict();
        problem.problem("member row unreadable", "m-1");
        for (Profile profile : Profile.values()) {
            assertThat(outcome(profile, new Checker.Verdict(), poison(1.0, 39, Duration.ofSeconds(1))).passed())
                    .as(profile + ", a dead letter missing").isFalse();
            assertThat(outcome(profile, new Checker.Verdict(), poison(1.0, 40, Duration.ofSeconds(11))).passed())
                    .as(profile + ", a stall over the limit").isFalse();
            assertThat(outcome(profile, lost, poison(1.0, 40, Duration.ofSeconds(1))).passed())
                    .as(profile + ", a bad count").isFalse();
            assertThat(outcome(profile, problem, poison(1.0, 40, Duration.ofSeconds(1))).passed())
                    .as(profile + ", a problem").isFalse();
            assertThat(new Outcome(profile, List.of(), new Checker.Verdict(), poison(1.0, 40, Duration.ofSeconds(1)), 0,
                    null).passed()).as(profile + ", not drained").isFalse();
        }
    }

    /** 5 poison records in 250 events, read by 8 groups: 40 dead letters expected. */
    private static PoisonCheck.Result poison(double ratio, long deadLettered, Duration longestStall) {
        return new PoisonCheck.Result(250, 5, 8, 100, 100 * ratio, deadLettered, longestStall);
    }

    private static Outcome outcome(Profile profile, Checker.Verdict verdict, PoisonCheck.Result poison) {
        return new Outcome(profile, List.of(), verdict, poison, 0, DRAINED);
    }

    private static String lastLine(Outcome outcome) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        FaultRun.print(outcome, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String[] lines = printed.toString(StandardCharsets.UTF_8).strip().split("\n");
        return lines[lines.length - 1];
    }
}
