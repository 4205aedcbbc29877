package cn.zhangzhou.partybuilding.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.messaging.testapp.MessagingTestApplication;
import cn.zhangzhou.partybuilding.messaging.testapp.OrganisationNames;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How fast the relay drains a backlog (events/s, logged): spread over many aggregates, and one hot aggregate whose
 * versions go one per poll (decision 0017). The poll interval is a whole second here, so a relay that waited for
 * the next poll between two versions of one aggregate would need minutes for the hot burst; chained polls need
 * seconds. Sizes: {@code -Dzz.relay.spread=2000 -Dzz.relay.hot=300}.
 */
@SpringBootTest(classes = MessagingTestApplication.class, properties = {
        "zz.district=zhaoan",
        "zz.outbox.poll-interval=1s",
        // This test watches the relay only.
        "spring.kafka.listener.auto-startup=false"})
class RelayThroughputTest {

    static final int SPREAD = Integer.getInteger("zz.relay.spread", 2000);
    static final int HOT = Integer.getInteger("zz.relay.hot", 300);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestInfrastructure.newDatabase("throughput"));
        registry.add("spring.datasource.username", TestInfrastructure::postgresUser);
        registry.add("spring.datasource.password", TestInfrastructure::postgresPassword);
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
    }

    @Autowired OrganisationNames names;
    @Autowired TransactionTemplate transaction;
    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;
    @Autowired OutboxSignal signal;

    @Test
    void aBacklogSpreadOverManyAggregatesAndOneHotAggregateDrainWithoutPollIntervalWaits() throws Exception {
        // Warm-up: the relay's producer is connected before anything is timed.
        names.rename(UUID.randomUUID(), "warm-up", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> backlog() == 0);

        List<UUID> spread = IntStream.range(0, SPREAD).mapToObj(i -> UUID.randomUUID()).toList();
        double spreadRate = drain("spread over " + SPREAD + " aggregates", SPREAD, () -> spread.forEach(
                org -> names.rename(org, "spread", 1)), Duration.ofMinutes(2));

        UUID hot = UUID.randomUUID();
        double hotRate = drain("one aggregate, " + HOT + " versions", HOT, () -> {
            for (int v = 1; v <= HOT; v++) {
                names.rename(hot, "hot " + v, v);
            }
        }, Duration.ofMinutes(2));

        assertThat(spreadRate).isPositive();
        // With a poll-interval wait between versions it would be 1 event/s.
        assertThat(hotRate).isGreaterThan(10);
    }

    /** Fills the outbox while the relay stands by (another "instance" holds its lock), then times the drain. */
    private double drain(String what, int events, Runnable fill, Duration atMost) throws Exception {
        long start;
        try (Connection otherInstance = dataSource.getConnection()) {
            otherInstance.setAutoCommit(false);
            try (Statement s = otherInstance.createStatement()) {
                s.execute("select pg_advisory_xact_lock(" + OutboxRelay.RELAY_LOCK_KEY + ")");
            }
            transaction.executeWithoutResult(status -> fill.run());
            assertThat(backlog()).isEqualTo(events);
            start = System.nanoTime();
            otherInstance.commit();
        }
        // The relay went back to sleep when it found the lock taken: wake it as a commit would.
        signal.signal();
        await().atMost(atMost).pollInterval(Duration.ofMillis(10)).until(() -> backlog() == 0);
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = events / seconds;
        LoggerFactory.getLogger(getClass()).info("relay drained {} events ({}) in {} s: {} events/s", events, what,
                String.format("%.2f", seconds), String.format("%.0f", rate));
        return rate;
    }

    private long backlog() {
        return jdbc.sql("select count(*) from outbox_event").query(Long.class).single();
    }
}
