package cn.zhangzhou.partybuilding.events.evaluation;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The results of a project were published (结果通报) after its year-end report (述职), review (评议) and the on-site check of every target. */
public record ProjectResultsPublished(
        UUID projectId,
        UUID organisationId,
        int year,
        int targets,
        int targetsMet,
        Grade review) implements DomainEvent {

    @Override
    public String aggregateId() {
        return projectId.toString();
    }
}
