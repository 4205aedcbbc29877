package cn.zhangzhou.partybuilding.events.volunteering;

import java.time.LocalDate;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A campaign that groups posts and activities over a period was launched, e.g. 党建联动月 (linkage month) or 党员微服务 (member micro-services). */
public record CampaignLaunched(
        UUID campaignId,
        UUID organisationId,
        CampaignKind kind,
        String name,
        LocalDate startsOn,
        LocalDate endsOn) implements DomainEvent {

    @Override
    public String aggregateId() {
        return campaignId.toString();
    }
}
