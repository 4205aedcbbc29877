package cn.zhangzhou.partybuilding.events.evaluation;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The organisation countersigned its responsibility contract (责任状): both levels have signed. */
public record ResponsibilityContractSigned(
        UUID contractId,
        int year,
        UUID issuerId,
        UUID organisationId,
        UUID secretaryId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return contractId.toString();
    }
}
