package cn.zhangzhou.partybuilding.support.idempotency;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The support module's own tables, migrated at startup by a Flyway instance of its own: schema {@code support},
 * history table {@code support.support_schema_history}, scripts in {@code db/support}. A separate schema keeps the
 * service's own Flyway (schema {@code public}, {@code flyway_schema_history}) seeing an empty schema on its first
 * run, whichever of the two migrates first. Not a {@code Flyway} bean on purpose: that would switch Boot's off.
 */
public final class SupportSchema {

    public static final String SCHEMA = "support";

    public SupportSchema(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .createSchemas(true)
                .table("support_schema_history")
                .locations("classpath:db/support")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
