package cn.zhangzhou.partybuilding.membership.reporting;

import java.time.Instant;
import java.util.UUID;

/**
 * 双报到 (2): an in-service member reports to the community where they live; the district holding the
 * member ({@code memberDistrict}) may be another one.
 */
record MemberReport(UUID id, UUID memberId, String memberDistrict, UUID homeOrganisationId, UUID communityId,
                    ReportStatus status, String reason, long version, Instant submittedAt,
                    Instant decidedAt) {
}
