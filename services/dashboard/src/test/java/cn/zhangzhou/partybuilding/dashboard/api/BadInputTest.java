package cn.zhangzhou.partybuilding.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.dashboard.testing.RunningDashboard;
import cn.zhangzhou.partybuilding.testing.Api;

/** Bad input: a 4xx problem naming what is wrong, never a 5xx. (The dashboard's API only reads.) */
class BadInputTest {

    private static final RunningDashboard d = RunningDashboard.get();

    @Test
    void badDatesAndRanges() {
        assertProblem(d.api.get("/api/v1/city?from=yesterday", d.cityAdmin()), 400, "from");
        assertProblem(d.api.get("/api/v1/city.csv?to=2015-13-01", d.cityAdmin()), 400, "to");
        assertProblem(d.api.get("/api/v1/reconciliation?from=2016-01-01&to=2015-12-31", d.cityAdmin()), 422, "from");
        assertProblem(d.api.get("/api/v1/districts/xiangcheng?from=2016-01-01&to=2015-01-01", d.admin()), 422,
                "from");
    }

    @Test
    void badIdsAndDistricts() {
        assertProblem(d.api.get("/api/v1/organisations/not-a-uuid", d.cityAdmin()), 400, "id");
        assertProblem(d.api.get("/api/v1/organisations/" + UUID.randomUUID(), d.cityAdmin()), 404, "organisation");
        assertProblem(d.api.get("/api/v1/districts/atlantis", d.cityAdmin()), 404, "atlantis");
        assertProblem(d.api.get("/api/v1/districts/atlantis.csv", d.cityAdmin()), 404, "atlantis");
    }

    @Test
    void badYearsAndStreamLengths() {
        assertProblem(d.api.get("/api/v1/districts/xiangcheng/rankings", d.admin()), 400, "year");
        assertProblem(d.api.get("/api/v1/districts/xiangcheng/rankings?year=1066", d.admin()), 400, "year");
        assertProblem(d.api.get("/api/v1/districts/xiangcheng/rankings.csv?year=twenty", d.admin()), 400, "year");
        assertProblem(d.api.get("/api/v1/districts/xiangcheng/rankings?year=2016&size=0", d.admin()), 400, "size");
        assertProblem(d.api.get("/api/v1/districts/xiangcheng/rankings?year=2016&page=-1", d.admin()), 400, "page");
        assertProblem(d.api.get("/api/v1/live?seconds=0", d.admin()), 400, "seconds");
        assertProblem(d.api.get("/api/v1/live?seconds=86400", d.admin()), 400, "seconds");
    }

    private static void assertProblem(Api.Response r, int status, String names) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.isProblem()).as(r.toString()).isTrue();
        assertThat(r.body().path("detail").asString()).as(r.toString()).containsIgnoringCase(names);
    }
}
