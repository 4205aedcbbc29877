package cn.zhangzhou.partybuilding.membership.statistics;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.membership.directory.Directory;
import cn.zhangzhou.partybuilding.membership.scope.AccessPolicy;
import cn.zhangzhou.partybuilding.support.security.Caller;

/** The district's figures (DOMAIN.md "Figures the platform must reproduce"), computed from its own data. */
@RestController
public class StatisticsController {

    private final JdbcClient jdbc;
    private final Directory directory;
    private final AccessPolicy access;

    public StatisticsController(JdbcClient jdbc, Directory directory, AccessPolicy access) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.access = access;
    }

    public record DistrictStatistics(String district, long communities, long grids, long partyGroups, long members,
                                     long placedMembers, long communityWorkers, long communityWorkersInCommittees,
                                     long unitReportsAccepted, long memberReportsAccepted) {
    }

    @GetMapping("/api/v1/statistics")
    public DistrictStatistics district(Caller caller) {
        access.requireStaff(caller);
        return jdbc.sql("""
                        select
                          (select count(*) from organisation where type = 'COMMUNITY' and active) communities,
                          (select count(*) from organisation where type = 'GRID' and active) grids,
                          (select count(*) from organisation where type = 'PARTY_GROUP' and active) party_groups,
                          (select count(*) from member where status <> 'TRANSFERRED_OUT') members,
                          (select count(*) from placement) placed,
                          (select count(*) from member where status <> 'TRANSFERRED_OUT' and community_worker) workers,
                          (select count(*) from member where status <> 'TRANSFERRED_OUT' and community_worker
                             and cadre_role is not null) workers_in_committees,
                          (select count(*) from unit_report where status = 'ACCEPTED') unit_reports,
                          (select count(*) from member_report where status = 'ACCEPTED') member_reports
                        """)
                .query((rs, i) -> new DistrictStatistics(access.district(), rs.getLong("communities"),
                        rs.getLong("grids"), rs.getLong("party_groups"), rs.getLong("members"), rs.getLong("placed"),
                        rs.getLong("workers"), rs.getLong("workers_in_committees"), rs.getLong("unit_reports"),
                        rs.getLong("member_reports")))
                .single();
    }

    /** Community organisations per district: this district's own, the others' as their events told us. */
    public record CityCommunities(Map<String, Long> communitiesByDistrict, long total) {
    }

    @GetMapping("/api/v1/statistics/city/communities")
    public CityCommunities cityCommunities(Caller caller) {
        access.requireStaff(caller);
        Map<String, Long> byDistrict = new TreeMap<>(directory.communitiesByDistrict());
        byDistrict.put(access.district(), jdbc.sql("select count(*) from organisation where type = 'COMMUNITY' and active")
                .query(Long.class).single());
        return new CityCommunities(byDistrict, byDistrict.values().stream().mapToLong(Long::longValue).sum());
    }
}
