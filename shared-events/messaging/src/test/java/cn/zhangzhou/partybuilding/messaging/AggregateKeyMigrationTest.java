package cn.zhangzhou.partybuilding.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A service's database from before decision 0029 keeps every consumer's versions: the messaging migration V3 gives
 * each existing version row the key {@link InboundEvents} computes, and the next event of such an aggregate is decided
 * against the version it recorded.
 */
class AggregateKeyMigrationTest {

    @Test
    void existingVersionRowsGetTheKeyTheConsumersLookUp() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                TestInfrastructure.newDatabase("aggregate_key_migration"), TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword());
        JdbcClient jdbc = JdbcClient.create(dataSource);
        flyway(dataSource, "2").migrate();
        String source = "urn:zz:longwen:membership";
        List<String> subjects = List.of(UUID.randomUUID().toString(), "placement:" + UUID.randomUUID(), "芗城区");
        subjects.forEach(subject -> jdbc.sql("insert into consumed_aggregate (consumer, source, subject, last_version) "
                + "values ('directory', ?, ?, 7)").params(source, subject).update());

        flyway(dataSource, "latest").migrate();

        for (String subject : subjects) {
            assertThat(jdbc.sql("select aggregate from consumed_aggregate where subject = ?").params(subject)
                    .query(UUID.class).single()).as(subject)
                    .isEqualTo(InboundEvents.aggregateKey("directory", source, subject));
        }
        assertThat(jdbc.sql("select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid "
                + "and a.attnum = any(i.indkey) where i.indrelid = 'consumed_aggregate'::regclass and i.indisprimary")
                .query(String.class).list()).containsExactly("aggregate");
    }

    private static Flyway flyway(DriverManagerDataSource dataSource, String target) {
        return Flyway.configure().dataSource(dataSource).table(MessagingSchema.HISTORY_TABLE)
                .locations(MessagingSchema.LOCATION).baselineOnMigrate(true).baselineVersion("0").target(target)
                .load();
    }
}
