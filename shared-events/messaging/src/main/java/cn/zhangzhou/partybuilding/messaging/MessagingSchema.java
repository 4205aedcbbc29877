package cn.zhangzhou.partybuilding.messaging;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the outbox and consumed-message tables with a Flyway instance of the library's own, so a
 * service only adds the dependency. Its history table is {@code messaging_schema_history}; baselining
 * at version 0 lets it start on a schema that the service's own Flyway already filled. Beans that use
 * the tables take this one as a constructor argument, so the migration runs before them.
 */
public final class MessagingSchema {

    public static final String HISTORY_TABLE = "messaging_schema_history";
    public static final String LOCATION = "classpath:db/messaging";

    private static final Logger log = LoggerFactory.getLogger(MessagingSchema.class);

    private MessagingSchema() {
    }

    public static MessagingSchema migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .table(HISTORY_TABLE)
                .locations(LOCATION)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        log.info("messaging tables at version {} ({} migrations applied)", result.targetSchemaVersion,
                result.migrationsExecuted);
        return new MessagingSchema();
    }
}
