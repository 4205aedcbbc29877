package cn.zhangzhou.partybuilding.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.platform.PlatformService;
import cn.zhangzhou.partybuilding.platform.RepositoryRoot;

/**
 * The ceilings write into the services' own schemas, made by the migrations of the built service jars and
 * events-messaging's, on real PostgreSQL: a ceiling statement that no longer fits a service's table fails here.
 */
class CeilingTest {

    private static final Path ROOT = RepositoryRoot.require(Path.of(""));

    @Test
    void theWritePathCeilingCommitsRegistrationsIntoMembershipsOwnTables() throws Exception {
        String db = TestInfrastructure.newDatabase("ceiling");
        Ceiling ceiling = new Ceiling(db, TestInfrastructure.postgresUser(), jar(PlatformService.MEMBERSHIP));

        Ceiling.Run run = ceiling.run(2, Duration.ofMillis(300));

        assertThat(run.firstError()).isNull();
        assertThat(run.errors()).isZero();
        assertThat(run.transactions()).isPositive();
        assertThat(count(db, "select count(*) from member")).isEqualTo(run.transactions());
        assertThat(count(db, "select count(*) from outbox_event where event_type like '%MemberRegistered%'"))
                .isEqualTo(run.transactions());
        assertThat(count(db, "select count(*) from flyway_schema_history where script = 'V1__membership.sql'")).isOne();
        assertThat(count(db, "select count(*) from messaging_schema_history where script = 'V1__messaging.sql'")).isOne();
    }

    @Test
    void theClaimCeilingClaimsEachPublishedWishOnceInWishesOwnTables() throws Exception {
        String db = TestInfrastructure.newDatabase("claim_ceiling");
        ClaimCeiling ceiling = new ClaimCeiling(db, TestInfrastructure.postgresUser(), jar(PlatformService.WISHES));

        Ceiling.Run run = ceiling.run(2, Duration.ofMillis(300), 20_000);

        assertThat(run.firstError()).isNull();
        assertThat(run.errors()).isZero();
        assertThat(run.transactions()).isPositive();
        assertThat(count(db, "select count(*) from claim where status = 'OPEN'")).isEqualTo(run.transactions());
        assertThat(count(db, "select count(*) from wish where status = 'CLAIMED'")).isEqualTo(run.transactions());
        assertThat(count(db, "select count(*) from wish_transition")).isEqualTo(run.transactions());
        assertThat(count(db, "select count(*) from outbox_event")).isEqualTo(run.transactions());

        // A pool smaller than the run can claim: the run says so instead of reporting a rate over a short window.
        assertThat(ceiling.run(1, Duration.ofSeconds(5), 5).firstError()).contains("ran out of wishes");
    }

    @Test
    void theSignUpAndCheckInCeilingsWriteOncePerPairInVolunteeringsOwnTables() throws Exception {
        String db = TestInfrastructure.newDatabase("signup_ceiling");
        SignUpCeiling ceiling = new SignUpCeiling(db, TestInfrastructure.postgresUser(), jar(PlatformService.VOLUNTEERING));
        Queue<SignUpLoad.Pair> pairs = ceiling.pairs(3, 4);
        Queue<SignUpLoad.Pair> signedUp = new ConcurrentLinkedQueue<>();

        Ceiling.Run signUps = ceiling.signUps(2, Duration.ofSeconds(30), pairs, signedUp);

        // 12 pairs, each signed up once: the run ends when the pool does.
        assertThat(signUps.firstError()).isNull();
        assertThat(signUps.transactions()).isEqualTo(12);
        assertThat(pairs).isEmpty();
        assertThat(count(db, "select count(*) from sign_up where status = 'CONFIRMED'")).isEqualTo(12);
        assertThat(count(db, "select count(*) from volunteer")).isEqualTo(4);
        assertThat(count(db, "select sum(version) from activity")).isEqualTo(3 + 12);
        assertThat(count(db, "select count(*) from outbox_event where event_type like '%ActivitySignedUp%'")).isEqualTo(12);

        Ceiling.Run checkIns = ceiling.checkIns(2, Duration.ofSeconds(30), signedUp);

        assertThat(checkIns.firstError()).isNull();
        assertThat(checkIns.transactions()).isEqualTo(12);
        assertThat(count(db, "select count(*) from hours where status = 'OPEN'")).isEqualTo(12);
        assertThat(count(db, "select count(*) from used_code")).isEqualTo(12);
        assertThat(count(db, "select count(*) from outbox_event where event_type like '%CheckedIn%'")).isEqualTo(12);
        // The directory's schema comes first: volunteering's V2 hands its old tables over to it (decision 0020).
        assertThat(count(db, "select count(*) from directory.directory_schema_history where success")).isPositive();
    }

    @Test
    void theRatingCeilingsCountOneRatingPerCodeAndPerMemberInEvaluationsOwnTables() throws Exception {
        String db = TestInfrastructure.newDatabase("rating_ceiling");
        RatingCeiling ceiling = new RatingCeiling(db, TestInfrastructure.postgresUser(), jar(PlatformService.EVALUATION));
        Queue<String> codes = ceiling.codes(7);
        String used = codes.peek();

        Ceiling.Run residents = ceiling.residents(2, Duration.ofSeconds(30), codes);
        Ceiling.Run members = ceiling.members(2, Duration.ofSeconds(30), RatingCeiling.freshMembers(5));

        assertThat(residents.firstError()).isNull();
        assertThat(residents.transactions()).isEqualTo(7);
        assertThat(members.transactions()).isEqualTo(5);
        assertThat(count(db, "select count(*) from resident_code where used")).isEqualTo(7);
        assertThat(count(db, "select count(*) from rating where component = 'RESIDENTS'")).isEqualTo(7);
        assertThat(count(db, "select count(*) from rated where component = 'MEMBERS'")).isEqualTo(5);
        assertThat(count(db, "select count(*) from rating where component = 'MEMBERS'")).isEqualTo(5);
        // A used code rates no more: the transaction fails and is counted, nothing is written.
        Ceiling.Run again = ceiling.residents(1, Duration.ofSeconds(30), new ConcurrentLinkedQueue<>(List.of(used)));
        assertThat(again.errors()).isOne();
        assertThat(count(db, "select count(*) from rating where component = 'RESIDENTS'")).isEqualTo(7);
    }

    private static Path jar(PlatformService service) {
        Path jar = ROOT.resolve(service.jar());
        assertThat(jar).as("build it first: mvn -B -DskipTests package").exists();
        return jar;
    }

    private static long count(String jdbcUrl, String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
