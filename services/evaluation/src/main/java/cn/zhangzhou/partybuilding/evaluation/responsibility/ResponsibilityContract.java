package cn.zhangzhou.partybuilding.evaluation.responsibility;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import cn.zhangzhou.partybuilding.evaluation.project.Project;

/**
 * A responsibility contract (责任状) for a year between an organisation and the level above (district → street
 * committee → community organisation), listing the projects it answers for and so their targets. The issuer's staff
 * sign when they issue it; the organisation's secretary ({@code secretaryId}) signs for it, entered by its staff.
 */
record ResponsibilityContract(UUID id, int year, UUID issuerId, UUID organisationId, UUID secretaryId,
                                     List<Listed> projects, Status status, String issuedBy, Instant issuedAt,
                                     String signedBy, Instant signedAt, long version) {

    public enum Status { ISSUED, SIGNED }

    /** A project the contract lists, with its measurable targets. */
    public record Listed(UUID projectId, UUID organisationId, String title, List<Project.Target> targets) {
    }
}
