package cn.zhangzhou.partybuilding.dashboard;

import static cn.zhangzhou.partybuilding.testing.matrix.Outcome.ALLOWED;
import static cn.zhangzhou.partybuilding.testing.matrix.Outcome.FORBIDDEN;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.CITY_ADMIN;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.DISTRICT_WIDE;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.OTHER_DISTRICT_ADMIN;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.OTHER_DISTRICT_SYSTEM;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.STAFF_IN_SCOPE;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.dashboard.testing.ArticleCity;
import cn.zhangzhou.partybuilding.dashboard.testing.RunningDashboard;
import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.testing.matrix.Call;
import cn.zhangzhou.partybuilding.testing.matrix.DatabaseFingerprint;
import cn.zhangzhou.partybuilding.testing.matrix.Scene;
import cn.zhangzhou.partybuilding.testing.matrix.ScopeMatrix;
import cn.zhangzhou.partybuilding.testing.matrix.Who;

/**
 * Every operation of the dashboard × every caller (docs/security.md, "Dashboard"): the city's tables (every district,
 * freshness, reconciliation) only a CITY_ADMIN; a district's figures and rankings the city and the district's
 * administrators; an organisation's the city, its district's administrators and the staff of its street or
 * community; the live channel all staff (each sees the changes of its own district); members nothing but who they
 * are ({@code /me}). The objects
 * are the article's: 南坑街道 and its 群裕社区 in Xiangcheng, and a community of Longwen as another district's.
 * Nothing the dashboard offers changes anything: the database is the same after every refused call.
 */
class ScopeMatrixTest {

    private static final RunningDashboard d = RunningDashboard.get();
    private static final ArticleCity city = d.city;
    private static final String X = ArticleCity.XIANGCHENG;
    private static final String Y = ArticleCity.LONGWEN;
    private static final Set<Who> OTHER_DISTRICT_WIDE = EnumSet.of(CITY_ADMIN, OTHER_DISTRICT_ADMIN,
            OTHER_DISTRICT_SYSTEM);

    @Test
    void everyOperationEveryCallerEveryScope() {
        // The other community is under the same street (南坑街道: 群裕社区 and 华港社区), the other street 新桥街道;
        // the members are known to the dashboard under the district that holds them (the binding check).
        Scene scene = new Scene(X, Y, city.nankeng, city.xinqiao, city.qunyu, city.huagang, city.members.get(X).get(0),
                city.members.get(X).get(1), city.members.get(Y).get(0));
        UUID longwenCommunity = city.communities.get(Y).get(0);
        try (DatabaseFingerprint database = new DatabaseFingerprint(d.jdbcUrl, TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword())) {
            ScopeMatrix matrix = new ScopeMatrix("dashboard", d.api,
                    ScopeMatrix.signedWith("support-test-keys/jwt-private.pem"), scene, database);
            for (String path : new String[] {"/api/v1/city", "/api/v1/city.csv", "/api/v1/freshness",
                    "/api/v1/freshness.csv", "/api/v1/reconciliation", "/api/v1/reconciliation.csv"}) {
                matrix.rule("GET " + path).on(() -> Call.get(path)).allow(CITY_ADMIN);
            }
            district(matrix, "/api/v1/districts/{district}", "");
            district(matrix, "/api/v1/districts/{district}.csv", ".csv");
            district(matrix, "/api/v1/districts/{district}/rankings", "/rankings?year=2016");
            district(matrix, "/api/v1/districts/{district}/rankings.csv", "/rankings.csv?year=2016");
            organisation(matrix, "/api/v1/organisations/{id}", "", longwenCommunity);
            organisation(matrix, "/api/v1/organisations/{id}.csv", ".csv", longwenCommunity);
            matrix.rule("GET /api/v1/live").on(() -> Call.get("/api/v1/live?seconds=1"))
                    .allow(Who.DISTRICT_STAFF).allow(OTHER_DISTRICT_WIDE);
            // Who the token says the caller is (services/support): every valid token, members too.
            matrix.rule("GET /api/v1/me").on(() -> Call.get("/api/v1/me")).allow(Who.AUTHENTICATED);
            assertThat(matrix.run().calls()).isGreaterThan(250);
        }
    }

    private static void district(ScopeMatrix matrix, String operation, String tail) {
        matrix.rule("GET " + operation).on(() -> Call.get("/api/v1/districts/" + X + tail)).allow(DISTRICT_WIDE)
                .elsewhere(() -> Call.get("/api/v1/districts/" + Y + tail), FORBIDDEN)
                .elsewhereAs(ALLOWED, OTHER_DISTRICT_WIDE);
    }

    private static void organisation(ScopeMatrix matrix, String operation, String tail, UUID elsewhere) {
        Supplier<Call> qunyu = () -> Call.get("/api/v1/organisations/" + city.qunyu + tail);
        matrix.rule("GET " + operation).on(qunyu).allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.get("/api/v1/organisations/" + elsewhere + tail), FORBIDDEN)
                .elsewhereAs(ALLOWED, OTHER_DISTRICT_WIDE);
    }
}
