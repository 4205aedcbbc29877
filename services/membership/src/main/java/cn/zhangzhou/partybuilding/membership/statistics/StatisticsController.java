package cn.zhangzhou.partybuilding.membership.statistics;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.membership.statistics.StatisticsService.CityCommunities;
import cn.zhangzhou.partybuilding.membership.statistics.StatisticsService.DistrictStatistics;
import cn.zhangzhou.partybuilding.support.security.Caller;

@RestController
class StatisticsController {

    private final StatisticsService service;

    StatisticsController(StatisticsService service) {
        this.service = service;
    }

    @GetMapping("/api/v1/statistics")
    DistrictStatistics district(Caller caller) {
        return service.district(caller);
    }

    @GetMapping("/api/v1/statistics/city/communities")
    CityCommunities cityCommunities(Caller caller) {
        return service.cityCommunities(caller);
    }
}
