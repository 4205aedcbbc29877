package cn.zhangzhou.partybuilding.events.volunteering;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A community or street launched a brand project (一社区一品牌, 一镇街一特色), e.g. a judge's studio or a patrol team. */
public record BrandProjectLaunched(
        UUID projectId,
        UUID organisationId,
        String name) implements DomainEvent {

    @Override
    public String aggregateId() {
        return projectId.toString();
    }
}
