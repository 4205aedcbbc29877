package cn.zhangzhou.partybuilding.volunteering.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.volunteering.CampaignKind;

/** A campaign grouping posts and activities over a period (党建联动月, 党员微服务), in the organisation's subtree. */
public record Campaign(UUID id, UUID organisationId, CampaignKind kind, String name, LocalDate startsOn,
                       LocalDate endsOn, long version, Instant launchedAt) {

    public boolean covers(LocalDate day) {
        return !day.isBefore(startsOn) && !day.isAfter(endsOn);
    }
}
