package cn.zhangzhou.partybuilding.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class ProcessCpuTest {

    @Test
    void theCpuThisProcessSpendsIsCountedInItsTicks() throws Exception {
        long self = ProcessHandle.current().pid();
        long before = ProcessCpu.ticks(self);
        long busyUntil = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() + 300_000_000L;
        long x = 0;
        while (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() < busyUntil) {
            x += System.nanoTime() % 7;
        }
        // 300 ms of this thread's CPU is at least 20 ticks of 10 ms of the process's.
        assertThat(ProcessCpu.ticks(self) - before).as("spent %d", x).isGreaterThanOrEqualTo(20);
        assertThat(ProcessCpu.machineBusyTicks()).isPositive();
    }

    @Test
    void theTimeOfAChildThatExitedIsCountedInItsParentsReapedTicks() throws Exception {
        long self = ProcessHandle.current().pid();
        long before = ProcessCpu.reapedChildrenTicks(self);
        // A child that spends CPU and exits: the JVM waits for it, so its time joins ours as cutime/cstime.
        Process child = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done").start();
        assertThat(child.waitFor()).isZero();
        assertThat(ProcessCpu.reapedChildrenTicks(self)).isGreaterThan(before);
    }

    @Test
    void perCommandDividesTheTicksOfTheWindowAndSaysNaNWithoutCommands() {
        var from = new ProcessCpu.Snapshot(100, 200, 300, 50, 1000);
        var to = new ProcessCpu.Snapshot(110, 240, 330, 60, 1100);

        ProcessCpu.PerCommand cpu = ProcessCpu.PerCommand.between(from, to, 50);

        assertThat(cpu.service()).isEqualTo(2.0);
        assertThat(cpu.postgres()).isEqualTo(8.0);
        assertThat(cpu.broker()).isEqualTo(2.0);
        assertThat(cpu.loadGenerator()).as("the benchmark JVM without the broker's threads").isEqualTo(4.0);
        assertThat(cpu.machine()).isEqualTo(20.0);
        assertThat(ProcessCpu.PerCommand.between(from, to, 0).service()).isNaN();
        assertThat(ProcessCpu.PerCommand.between(null, to, 5).postgres()).isNaN();
    }

    @Test
    void aBrokerThreadsTimeIsToldApartByItsName() throws Exception {
        long self = ProcessHandle.current().pid();
        long before = ProcessCpu.threadTicks(self, ProcessCpu.BROKER_THREAD);
        CountDownLatch spent = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Alive while counted, as the broker's threads are for the whole run.
        Thread broker = new Thread(() -> {
            long until = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() + 300_000_000L;
            while (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() < until) {
                Thread.onSpinWait();
            }
            spent.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "data-plane-kafka-request-handler-0");
        broker.start();
        spent.await();
        try {
            assertThat(ProcessCpu.threadTicks(self, ProcessCpu.BROKER_THREAD) - before).isGreaterThanOrEqualTo(20);
        } finally {
            release.countDown();
        }
        assertThat(ProcessCpu.BROKER_THREAD.matcher("kafka-1-raft-io").matches()).isTrue();
        assertThat(ProcessCpu.BROKER_THREAD.matcher("HttpClient-1-Wo").matches()).as("the load generator").isFalse();
        assertThat(ProcessCpu.BROKER_THREAD.matcher("kafka-coordinat").matches()).as("a consumer's heartbeat").isFalse();
    }

    @Test
    void withoutAPostmasterTheSnapshotIsMissingNotWrong() {
        assertThat(new ProcessCpu(ProcessHandle.current().pid(), Path.of("/nonexistent")).snapshot()).isNull();
    }
}
