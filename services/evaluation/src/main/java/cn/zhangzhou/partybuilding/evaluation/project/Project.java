package cn.zhangzhou.partybuilding.evaluation.project;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.evaluation.Grade;

/**
 * A project set up from a need (以需立项) of an organisation for a year, its responsible secretary and measurable
 * targets (以项定责), judged by them (以责评绩). {@code need} is the community's recorded need when no wish is linked.
 * Staff names (who checked, reviewed, reported) are shown to staff in scope only and never leave the service.
 */
public record Project(UUID id, UUID organisationId, int year, String title, String need, List<UUID> wishIds,
                     UUID secretaryId, Status status, List<Target> targets, List<Milestone> milestones,
                     List<Progress> progress, String report, Review review, long version, Instant launchedAt) {

    /** ACTIVE → REPORTED (述职 handed in) → PUBLISHED (结果通报). */
    public enum Status { ACTIVE, REPORTED, PUBLISHED }

    /** A measurable target and, once checked on site (实地核查), the value found and whether it was met. */
    public record Target(UUID id, String indicator, String unit, int targetValue, Integer valueFound, Boolean met,
                         String checkedBy, Instant checkedAt) {

        boolean checked() {
            return met != null;
        }
    }

    public record Milestone(UUID id, String title, LocalDate dueOn, LocalDate reachedOn) {
    }

    /** A progress update (进展), possibly marking a milestone reached. */
    public record Progress(UUID id, String note, UUID milestoneId, Instant reportedAt, String reportedBy) {
    }

    /** The review (评议) of the year-end report by the level above. */
    public record Review(Grade grade, String comment, String reviewedBy, Instant reviewedAt) {
    }

    Target target(UUID targetId) {
        return targets.stream().filter(t -> t.id().equals(targetId)).findFirst().orElse(null);
    }
}
