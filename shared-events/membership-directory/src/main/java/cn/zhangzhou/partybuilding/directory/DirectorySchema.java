package cn.zhangzhou.partybuilding.directory;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * The directory's tables, migrated at start-up by a Flyway instance of its own (decision 0004): schema
 * {@code directory}, history {@code directory.directory_schema_history}, scripts in {@code db/directory}. Its own
 * schema keeps the service's Flyway seeing only {@code public}. Not a {@code Flyway} bean: that would switch Boot's
 * off.
 */
public final class DirectorySchema {

    static final String SCHEMA = "directory";

    DirectorySchema(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .createSchemas(true)
                .table("directory_schema_history")
                .locations("classpath:db/directory")
                .load()
                .migrate();
    }

    /** Outside a service (the benchmark's bare-transaction ceiling): the same schema, before the service's own. */
    public static void migrate(DataSource dataSource) {
        new DirectorySchema(dataSource);
    }
}
