package cn.zhangzhou.partybuilding.wishes.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import cn.zhangzhou.partybuilding.directory.MembershipDirectory;
import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import cn.zhangzhou.partybuilding.wishes.WishesApplication;

/**
 * A wishes database from before decision 0020, its directory in its own tables, upgraded by starting the service:
 * the membership directory's migration runs first, V4 hands the rows over and drops the old tables, and the
 * directory answers as the old tables did (a report accepted before V3 without a member district takes the
 * member's registered one).
 */
class DirectoryHandOverTest {

    private final UUID root = UUID.randomUUID();
    private final UUID community = UUID.randomUUID();
    private final UUID resident = UUID.randomUUID();
    private final UUID reportedBeforeV3 = UUID.randomUUID();
    private final UUID longwenReported = UUID.randomUUID();
    private final UUID unit = UUID.randomUUID();

    @Test
    void theRowsWishesKeptMoveToTheSharedDirectory() throws SQLException {
        String jdbcUrl = TestInfrastructure.newDatabase("wishes_hand_over");
        Flyway.configure().dataSource(jdbcUrl, TestInfrastructure.postgresUser(), TestInfrastructure.postgresPassword())
                .target("3").load().migrate();
        execute(jdbcUrl, "insert into organisation (id, type, parent_id, path) values ('" + root
                + "', 'DISTRICT_COMMITTEE', null, '/" + root + "/'), ('" + community + "', 'COMMUNITY', '" + root
                + "', '/" + root + "/" + community + "/')",
                "insert into member_residence values ('" + resident + "', 'xiangcheng', '" + community + "'), ('"
                        + reportedBeforeV3 + "', 'xiangcheng', null)",
                "insert into member_report (report_id, member_id, community_id, accepted, member_district) values ('"
                        + UUID.randomUUID() + "', '" + reportedBeforeV3 + "', '" + community + "', true, null), ('"
                        + UUID.randomUUID() + "', '" + longwenReported + "', '" + community + "', true, 'longwen')",
                "insert into unit_report values ('" + UUID.randomUUID() + "', '" + unit + "', '" + community + "')");

        try (ConfigurableApplicationContext wishes = new SpringApplicationBuilder(WishesApplication.class).run(
                "--server.port=0", "--zz.district=xiangcheng", "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + TestInfrastructure.postgresUser(),
                "--spring.datasource.password=" + TestInfrastructure.postgresPassword(),
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "--spring.kafka.consumer.group-id=wishes-hand-over-" + UUID.randomUUID(), "--" + TestTokens.KEY_PROPERTY)) {
            MembershipDirectory directory = wishes.getBean(MembershipDirectory.class);
            assertThat(directory.isWithin(community, root)).isTrue();
            assertThat(directory.community(community)).isPresent();
            assertThat(directory.homeDistrictIn(resident, community)).contains("xiangcheng");
            assertThat(directory.homeDistrictIn(reportedBeforeV3, community)).contains("xiangcheng");
            assertThat(directory.homeDistrictIn(longwenReported, community)).contains("longwen");
            assertThat(directory.districtOf(longwenReported)).contains("longwen");
            assertThat(directory.unitReportedTo(unit, community)).isTrue();
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl, TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword());
             var tables = connection.createStatement().executeQuery("select count(*) from information_schema.tables "
                     + "where table_schema = 'public' and table_name in "
                     + "('organisation', 'member_residence', 'member_report', 'unit_report')")) {
            tables.next();
            assertThat(tables.getInt(1)).isZero();
        }
    }

    private static void execute(String jdbcUrl, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword());
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
