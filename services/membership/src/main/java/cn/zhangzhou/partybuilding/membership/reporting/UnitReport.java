package cn.zhangzhou.partybuilding.membership.reporting;

import java.time.Instant;
import java.util.UUID;

/** 双报到 (1): a resident unit's organisation (驻区单位党组织) reports to a community organisation. */
record UnitReport(UUID id, UUID unitOrganisationId, UUID communityId, ReportStatus status, String receiptNumber,
                  String reason, long version, Instant submittedAt, Instant decidedAt) {
}
