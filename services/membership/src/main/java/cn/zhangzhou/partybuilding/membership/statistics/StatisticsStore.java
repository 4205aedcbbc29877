package cn.zhangzhou.partybuilding.membership.statistics;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.zhangzhou.partybuilding.membership.statistics.StatisticsService.DistrictStatistics;

/** The reads behind the district's figures: counts over the tree, members, placements, reports and the directory. */
@Repository
class StatisticsStore {

    private final JdbcClient jdbc;

    StatisticsStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    DistrictStatistics district(String district) {
        return jdbc.sql("""
                        select cast(? as text) district,
                          (select count(*) from organisation where type = 'COMMUNITY' and active) communities,
                          (select count(*) from organisation where type = 'GRID' and active) grids,
                          (select count(*) from organisation where type = 'PARTY_GROUP' and active) party_groups,
                          (select count(*) from member where status <> 'TRANSFERRED_OUT') members,
                          (select count(*) from placement) placed_members,
                          (select count(*) from member where status <> 'TRANSFERRED_OUT' and community_worker)
                            community_workers,
                          (select count(*) from member where status <> 'TRANSFERRED_OUT' and community_worker
                             and cadre_role is not null) community_workers_in_committees,
                          (select count(*) from unit_report where status = 'ACCEPTED') unit_reports_accepted,
                          (select count(*) from member_report where status = 'ACCEPTED') member_reports_accepted
                        """)
                .param(district).query(DistrictStatistics.class).single();
    }

    /** Active community organisations per district: this district's own, the others' as their events told us. */
    Map<String, Long> communitiesByDistrict(String district) {
        var result = new TreeMap<String, Long>();
        jdbc.sql("select district, count(*) n from external_organisation where type = 'COMMUNITY' and active "
                        + "group by district union all "
                        + "select cast(? as text), count(*) from organisation where type = 'COMMUNITY' and active")
                .param(district).query((rs, i) -> result.put(rs.getString("district"), rs.getLong("n"))).list();
        return result;
    }
}
