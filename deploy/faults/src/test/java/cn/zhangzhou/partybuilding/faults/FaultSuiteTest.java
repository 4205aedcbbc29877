package cn.zhangzhou.partybuilding.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import cn.zhangzhou.partybuilding.faults.FaultRun.Outcome;
import cn.zhangzhou.partybuilding.faults.FaultRun.Profile;
import cn.zhangzhou.partybuilding.faults.Nemesis.Fault;
import cn.zhangzhou.partybuilding.platform.RepositoryRoot;
import org.junit.jupiter.api.Test;

/**
 * The fault suite's short profile, in the normal build: every fault once while the driver runs, then the checker and
 * the poison batches. It starts the services' jars, so the reactor builds them first (mvn -B verify).
 */
class FaultSuiteTest {

    @Test
    void everyFaultOnceAndNothingAcknowledgedIsLostOrAppliedTwice() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new TeeStream(printed), true, StandardCharsets.UTF_8);
        Outcome outcome = FaultRun.run(RepositoryRoot.require(Path.of("")), Profile.SHORT, Profile.SHORT.rounds,
                Profile.SHORT.clients, out);

        String report = printed.toString(StandardCharsets.UTF_8);
        for (Fault fault : Fault.values()) {
            assertThat(outcome.injected(fault)).as(fault.name()).isEqualTo(1);
        }
        assertThat(outcome.verdict().problems).as(report).isEmpty();
        assertThat(outcome.verdict().bad()).as(report).isZero();
        assertThat(outcome.verdict().get("acknowledged REGISTER_MEMBER")).as(report).isPositive();
        assertThat(outcome.verdict().get("acknowledged PUBLISH_WISH")).as(report).isPositive();
        assertThat(outcome.drained()).as("caught up after the faults\n" + report).isNotNull();
        assertThat(outcome.poison().deadLettered()).as(report)
                .isEqualTo((long) outcome.poison().poison() * outcome.poison().groups());
        assertThat(outcome.poison().longestStall()).as(report).isLessThanOrEqualTo(PoisonCheck.STALL_LIMIT);
        assertThat(outcome.passed()).as("the verdict of the short profile\n" + report).isTrue();
    }

    /** The run's lines both on the console and in the assertion messages. */
    private static final class TeeStream extends java.io.OutputStream {
        private final ByteArrayOutputStream copy;

        TeeStream(ByteArrayOutputStream copy) {
            this.copy = copy;
        }

        @Override
        public void write(int b) {
            copy.write(b);
            System.out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            copy.write(b, off, len);
            System.out.write(b, off, len);
        }
    }
}
