package cn.zhangzhou.partybuilding.evaluation.project;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.zhangzhou.partybuilding.directory.MembershipDirectory.KnownOrganisation;
import cn.zhangzhou.partybuilding.evaluation.EvaluationProperties;
import cn.zhangzhou.partybuilding.evaluation.outcome.OutcomeStore;
import cn.zhangzhou.partybuilding.evaluation.scope.AccessPolicy;
import cn.zhangzhou.partybuilding.events.evaluation.Grade;
import cn.zhangzhou.partybuilding.events.evaluation.ProjectLaunched;
import cn.zhangzhou.partybuilding.events.evaluation.ProjectResultsPublished;
import cn.zhangzhou.partybuilding.events.evaluation.ProjectTargetChecked;
import cn.zhangzhou.partybuilding.messaging.Outbox;
import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;

/**
 * Projects (以需立项、以项定责、以责评绩): the owner organisation's staff set one up from a need, report progress and
 * hand in the year-end report (述职); the level above reviews it (评议), checks each target on site and publishes the
 * results (结果通报). Each step on a project takes its row lock; events carry its version.
 */
@Service
public class ProjectService {

    /** What a project is launched with (the controller's request, validated). */
    record Launch(UUID organisationId, int year, String title, String need, List<UUID> wishIds, UUID secretaryId,
                  List<Project.Target> targets, List<Project.Milestone> milestones) {
    }

    private final ProjectStore projects;
    private final OutcomeStore outcomes;
    private final AccessPolicy access;
    private final Outbox outbox;
    private final Clock clock;

    ProjectService(ProjectStore projects, OutcomeStore outcomes, AccessPolicy access, Outbox outbox, Clock clock) {
        this.projects = projects;
        this.outcomes = outcomes;
        this.access = access;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    Project launch(Caller caller, Launch l) {
        access.requireOrganisation(l.organisationId(), "organisationId", AccessPolicy.EVALUATED);
        access.requireManage(caller, l.organisationId());
        if (l.wishIds().isEmpty() && l.need() == null) {
            throw new DomainRuleException("need", "a project answers a need: link wishes (wishIds) or record the need");
        }
        for (UUID wish : l.wishIds()) {
            UUID community = outcomes.communityOfWish(wish).orElseThrow(() -> new DomainRuleException("wishIds",
                    "no wish " + wish + " posted in district " + access.district()));
            if (!access.isWithin(community, l.organisationId())) {
                throw new DomainRuleException("wishIds", "wish " + wish + " is not on a needs menu of organisation "
                        + l.organisationId());
            }
        }
        access.requireMemberOfDistrict(l.secretaryId(), "secretaryId");
        Project p = new Project(UUID.randomUUID(), l.organisationId(), l.year(), l.title(), l.need(), l.wishIds(),
                l.secretaryId(), Project.Status.ACTIVE, l.targets(), l.milestones(), List.of(), null, null, 1, now());
        projects.insert(p, caller.subject());
        outbox.append(new ProjectLaunched(p.id(), p.organisationId(), p.year(), p.title(), p.secretaryId(),
                p.wishIds(), p.targets().size()), 1);
        return p;
    }

    /** Staff whose scope covers the owner organisation (its own staff and the levels above). */
    @Transactional(readOnly = true)
    Project get(Caller caller, UUID id) {
        Project p = projects.find(id).orElseThrow(() -> NotFoundException.of("project", id));
        access.requireManage(caller, p.organisationId());
        return p;
    }

    @Transactional(readOnly = true)
    Page<Project> list(Caller caller, UUID organisationId, int year, int page, int size) {
        return projects.of(access.subtreeFor(caller, organisationId), year, page, size);
    }

    /** The project as it is (no scope check: the caller checked the scope of what lists it). */
    public Optional<Project> find(UUID id) {
        return projects.find(id);
    }

    /** The secretaries responsible for a project of one of the organisations in the year (no scope check). */
    public List<UUID> secretariesOf(List<UUID> organisations, int year) {
        return organisations.isEmpty() ? List.of() : projects.secretariesOf(organisations, year);
    }

    /** The owner's staff (or above) while the project runs. */
    @Transactional
    Project progress(Caller caller, UUID id, String note, UUID milestoneId) {
        Project p = locked(id);
        access.requireManage(caller, p.organisationId());
        requireStatus(p, Project.Status.ACTIVE);
        if (milestoneId != null) {
            Project.Milestone m = p.milestones().stream().filter(x -> x.id().equals(milestoneId)).findFirst()
                    .orElseThrow(() -> new DomainRuleException("milestoneId", "project " + id
                            + " has no milestone " + milestoneId));
            if (m.reachedOn() != null) {
                throw new ConflictException("milestone " + milestoneId + " was reached on " + m.reachedOn());
            }
        }
        Instant now = now();
        projects.progress(id, new Project.Progress(UUID.randomUUID(), note, milestoneId, now, caller.subject()),
                LocalDate.ofInstant(now, EvaluationProperties.CHINA));
        return require(id);
    }

    /** The year-end report (述职), by the owner's staff. */
    @Transactional
    Project report(Caller caller, UUID id, long version, String report) {
        Project p = locked(id);
        access.requireManage(caller, p.organisationId());
        requireCurrent(p, version, Project.Status.ACTIVE);
        projects.reported(id, report, now(), caller.subject());
        return require(id);
    }

    /** The on-site check (实地核查) of one target by the level above, once, after the year-end report. */
    @Transactional
    Project check(Caller caller, UUID id, UUID targetId, int valueFound) {
        Project p = locked(id);
        access.requireAbove(caller, access.organisation(p.organisationId()));
        Project.Target t = p.target(targetId);
        if (t == null) {
            throw NotFoundException.of("target", targetId);
        }
        requireStatus(p, Project.Status.REPORTED);
        if (t.checked()) {
            throw new ConflictException("target " + targetId + " was checked on " + t.checkedAt());
        }
        boolean met = valueFound >= t.targetValue();
        long version = projects.checked(id, targetId, valueFound, met, now(), caller.subject());
        outbox.append(new ProjectTargetChecked(id, p.organisationId(), p.year(), targetId, t.indicator(), t.unit(),
                t.targetValue(), valueFound, met), version);
        return require(id);
    }

    /** The review (评议) of the year-end report by the level above. */
    @Transactional
    Project review(Caller caller, UUID id, long version, Grade grade, String comment) {
        Project p = locked(id);
        access.requireAbove(caller, access.organisation(p.organisationId()));
        requireCurrent(p, version, Project.Status.REPORTED);
        projects.reviewed(id, new Project.Review(grade, comment, caller.subject(), now()));
        return require(id);
    }

    /** The results published (结果通报) by the level above, once every target is checked and the report reviewed. */
    @Transactional
    Project publish(Caller caller, UUID id, long version) {
        Project p = locked(id);
        KnownOrganisation owner = access.organisation(p.organisationId());
        access.requireAbove(caller, owner);
        requireCurrent(p, version, Project.Status.REPORTED);
        List<UUID> unchecked = p.targets().stream().filter(t -> !t.checked()).map(Project.Target::id).toList();
        if (!unchecked.isEmpty() || p.review() == null) {
            throw new ConflictException("project " + id + " cannot be published before "
                    + (unchecked.isEmpty() ? "its review (评议)" : "the on-site check of targets " + unchecked));
        }
        long next = projects.published(id, now(), caller.subject());
        int met = (int) p.targets().stream().filter(Project.Target::met).count();
        outbox.append(new ProjectResultsPublished(id, p.organisationId(), p.year(), p.targets().size(), met,
                p.review().grade()), next);
        return require(id);
    }

    private Project locked(UUID id) {
        return projects.lock(id).orElseThrow(() -> NotFoundException.of("project", id));
    }

    private Project require(UUID id) {
        return projects.find(id).orElseThrow(() -> NotFoundException.of("project", id));
    }

    private static void requireStatus(Project p, Project.Status status) {
        if (p.status() != status) {
            throw new ConflictException("project " + p.id() + " is " + p.status() + ", not " + status);
        }
    }

    private static void requireCurrent(Project p, long version, Project.Status status) {
        if (p.version() != version) {
            throw new ConflictException("project " + p.id() + " is at version " + p.version() + ", not " + version);
        }
        requireStatus(p, status);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
