package cn.zhangzhou.partybuilding.membership.statistics;

import java.util.Map;

import org.springframework.stereotype.Service;

import cn.zhangzhou.partybuilding.membership.scope.AccessPolicy;
import cn.zhangzhou.partybuilding.support.security.Caller;

/** The district's figures (docs/domain.md, the article's figures), for its staff, from its data and directory. */
@Service
class StatisticsService {

    private final StatisticsStore statistics;
    private final AccessPolicy access;

    StatisticsService(StatisticsStore statistics, AccessPolicy access) {
        this.statistics = statistics;
        this.access = access;
    }

    record DistrictStatistics(String district, long communities, long grids, long partyGroups, long members,
                              long placedMembers, long communityWorkers, long communityWorkersInCommittees,
                              long unitReportsAccepted, long memberReportsAccepted) {
    }

    DistrictStatistics district(Caller caller) {
        access.requireStaff(caller);
        return statistics.district(access.district());
    }

    /** Community organisations per district: this district's own, the others' as their events told us. */
    CityCommunities cityCommunities(Caller caller) {
        access.requireStaff(caller);
        Map<String, Long> byDistrict = statistics.communitiesByDistrict(access.district());
        return new CityCommunities(byDistrict, byDistrict.values().stream().mapToLong(Long::longValue).sum());
    }

    record CityCommunities(Map<String, Long> communitiesByDistrict, long total) {
    }
}
