package cn.zhangzhou.partybuilding.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class CpuCostTest {

    private static final ProcessCpu.PerCommand UNMEASURED = ProcessCpu.PerCommand.UNMEASURED;

    @Test
    void thePathIsTheServicePostgresAndBrokerOverTheBareTransactionWithItsClient() {
        CpuCost cost = new CpuCost("claim", "8 clients", 900,
                new ProcessCpu.PerCommand(0.25, 0.25, 0.1, 0.2, 2.0), new ProcessCpu.PerCommand(0, 0.15, 0, 0.05, 0.3));

        assertThat(cost.bareMillis()).isEqualTo(0.2, offset(1e-9));
        assertThat(cost.pathOverBare()).isEqualTo(3.0, offset(1e-9));
        assertThat(table(cost)).contains(
                "| claim | 8 clients | 900.0 | 0.250 | 0.250 | 0.100 | 0.200 | 2.000 | 0.200 | 3.00 | met | met | met |");
    }

    @Test
    void aServiceOverItsTargetAndAPathOverThreeTimesAreMissed() {
        CpuCost cost = new CpuCost("registration", "16 clients", 1000,
                new ProcessCpu.PerCommand(1.8, 0.5, 0.1, 2.5, 5.0), new ProcessCpu.PerCommand(0, 0.2, 0, 0.1, 0.3));

        assertThat(table(cost)).endsWith("| 8.00 | missed | missed | missed |" + System.lineSeparator());
    }

    @Test
    void withoutProcOrWithoutACeilingTheVerdictIsNotAvailableRatherThanMet() {
        CpuCost cost = new CpuCost("registration", "open loop", 500, UNMEASURED, UNMEASURED);

        assertThat(table(cost)).contains("| n/a | n/a | n/a |");
    }

    private static String table(CpuCost cost) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CpuCost.table(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of(cost));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
