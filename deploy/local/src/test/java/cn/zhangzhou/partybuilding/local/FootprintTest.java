package cn.zhangzhou.partybuilding.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The memory report reads Linux's proportional set sizes, a process alone or with its children. */
class FootprintTest {

    @Test
    void sumsTheProportionalSetSizesOfTheProcessesAndTheirDescendants() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/self/smaps_rollup")), "Linux only");
        long self = ProcessHandle.current().pid();
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            Footprint footprint = new Footprint().add("this JVM", self, false).add("with its child", self, true);
            assertThat(footprint.parts()).hasSize(2);
            assertThat(footprint.parts().get(0).pssKiB()).isPositive();
            assertThat(footprint.parts().get(1).processes()).isEqualTo(2);
            assertThat(footprint.parts().get(1).pssKiB()).isGreaterThan(Footprint.pssKiB(child.pid()));
            assertThat(footprint.totalKiB()).isEqualTo(footprint.parts().get(0).pssKiB()
                    + footprint.parts().get(1).pssKiB());
            assertThat(footprint.table()).contains("this JVM").contains("with its child (2 processes)")
                    .contains("total").contains("MiB");
            assertThat(Footprint.pssKiB(Long.MAX_VALUE)).isEqualTo(-1);
        } finally {
            child.destroy();
        }
    }
}
