package cn.zhangzhou.partybuilding.evaluation.responsibility;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.zhangzhou.partybuilding.directory.MembershipDirectory.KnownOrganisation;
import cn.zhangzhou.partybuilding.evaluation.outcome.OutcomeStore;
import cn.zhangzhou.partybuilding.evaluation.project.Project;
import cn.zhangzhou.partybuilding.evaluation.project.ProjectService;
import cn.zhangzhou.partybuilding.evaluation.scope.AccessPolicy;
import cn.zhangzhou.partybuilding.events.evaluation.ResponsibilityContractIssued;
import cn.zhangzhou.partybuilding.events.evaluation.ResponsibilityContractSigned;
import cn.zhangzhou.partybuilding.events.membership.CadreRole;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.messaging.Outbox;
import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.security.Caller;

/**
 * 以项定责: responsibility contracts (责任状) signed level by level — the level above issues and signs one per
 * organisation and year listing the projects it answers for, the organisation countersigns — and the check that every
 * committee secretary leads a community project.
 */
@Service
class ContractService {

    /** A committee secretary: of a community (its two committees' head, from membership) or of a street committee. */
    record Secretary(UUID memberId, UUID organisationId, OrganisationType of) {
    }

    private final ContractStore contracts;
    private final ProjectService projects;
    private final OutcomeStore cadres;
    private final AccessPolicy access;
    private final Outbox outbox;
    private final Clock clock;

    ContractService(ContractStore contracts, ProjectService projects, OutcomeStore cadres, AccessPolicy access,
                    Outbox outbox, Clock clock) {
        this.contracts = contracts;
        this.projects = projects;
        this.cadres = cadres;
        this.access = access;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The level above issues (and signs) the organisation's contract for the year. */
    @Transactional
    ResponsibilityContract issue(Caller caller, int year, UUID organisationId, UUID secretaryId, List<UUID> projectIds) {
        KnownOrganisation o = access.requireOrganisation(organisationId, "organisationId", AccessPolicy.EVALUATED);
        access.requireAbove(caller, o);
        access.requireMemberOfDistrict(secretaryId, "secretaryId");
        List<UUID> subtree = access.subtree(organisationId);
        int targets = 0;
        for (UUID id : projectIds) {
            Project p = projects.find(id).filter(x -> x.year() == year && subtree.contains(x.organisationId()))
                    .orElseThrow(() -> new DomainRuleException("projectIds", "no project " + id + " of organisation "
                            + organisationId + " (or below it) in " + year));
            targets += p.targets().size();
        }
        ContractStore.Row row = new ContractStore.Row(UUID.randomUUID(), year, o.parentId(), organisationId,
                secretaryId, projectIds, ResponsibilityContract.Status.ISSUED, caller.subject(), now(), null, null, 1);
        if (!contracts.insert(row)) {
            throw new ConflictException("organisation " + organisationId + " already has a contract for " + year);
        }
        outbox.append(new ResponsibilityContractIssued(row.id(), year, o.parentId(), organisationId, secretaryId,
                projectIds, targets), 1);
        return view(row);
    }

    /** Staff whose scope covers the organisation (its own and the levels above). */
    @Transactional(readOnly = true)
    ResponsibilityContract get(Caller caller, UUID id) {
        ContractStore.Row row = contracts.find(id).orElseThrow(() -> NotFoundException.of("contract", id));
        access.requireManage(caller, row.organisationId());
        return view(row);
    }

    @Transactional(readOnly = true)
    List<ResponsibilityContract> list(Caller caller, UUID organisationId, int year) {
        return contracts.of(access.subtreeFor(caller, organisationId), year).stream().map(this::view).toList();
    }

    /** The organisation's own staff countersign for its secretary. */
    @Transactional
    ResponsibilityContract sign(Caller caller, UUID id, long version) {
        ContractStore.Row row = contracts.lock(id).orElseThrow(() -> NotFoundException.of("contract", id));
        if (!access.isOwnStaff(caller, row.organisationId())) {
            throw new ForbiddenException("only the staff of organisation " + row.organisationId()
                    + " countersign its contract");
        }
        if (row.status() != ResponsibilityContract.Status.ISSUED || row.version() != version) {
            throw new ConflictException("contract " + id + " is " + row.status() + " at version " + row.version()
                    + ", not ISSUED at version " + version);
        }
        long next = contracts.signed(id, caller.subject(), now());
        outbox.append(new ResponsibilityContractSigned(id, row.year(), row.issuerId(), row.organisationId(),
                row.secretaryId()), next);
        return get(caller, id);
    }

    /**
     * Every committee secretary inside the organisation who leads no community project in the year: the heads (主干)
     * of its communities' two committees (from membership events), and the secretaries who signed its street
     * committees' contracts of the year (recorded only here: street committees hold no members).
     */
    @Transactional(readOnly = true)
    List<Secretary> withoutProject(Caller caller, UUID organisationId, int year) {
        access.requireOrganisation(organisationId, "organisationId", Set.of(OrganisationType.DISTRICT_COMMITTEE,
                OrganisationType.STREET_COMMITTEE, OrganisationType.COMMUNITY));
        Set<UUID> subtree = new HashSet<>(access.subtreeFor(caller, organisationId));
        List<UUID> communities = inside(OrganisationType.COMMUNITY, subtree);
        List<UUID> streets = inside(OrganisationType.STREET_COMMITTEE, subtree);
        List<Secretary> secretaries = new ArrayList<>();
        if (!communities.isEmpty()) {
            cadres.cadresOf(communities).stream().filter(c -> c.role() == CadreRole.HEAD).forEach(h -> secretaries
                    .add(new Secretary(h.memberId(), h.organisationId(), OrganisationType.COMMUNITY)));
        }
        if (!streets.isEmpty()) {
            contracts.of(streets, year).forEach(c -> secretaries.add(new Secretary(c.secretaryId(),
                    c.organisationId(), OrganisationType.STREET_COMMITTEE)));
        }
        Set<UUID> leading = new HashSet<>(projects.secretariesOf(access.active(OrganisationType.COMMUNITY).stream()
                .map(KnownOrganisation::id).toList(), year));
        return secretaries.stream().filter(s -> !leading.contains(s.memberId())).toList();
    }

    private List<UUID> inside(OrganisationType type, Set<UUID> subtree) {
        return access.active(type).stream().map(KnownOrganisation::id).filter(subtree::contains).toList();
    }

    private ResponsibilityContract view(ContractStore.Row row) {
        List<ResponsibilityContract.Listed> listed = row.projectIds().stream().map(id -> projects.find(id)
                .map(p -> new ResponsibilityContract.Listed(p.id(), p.organisationId(), p.title(), p.targets()))
                .orElseThrow()).toList();
        return new ResponsibilityContract(row.id(), row.year(), row.issuerId(), row.organisationId(),
                row.secretaryId(), listed, row.status(), row.issuedBy(), row.issuedAt(), row.signedBy(),
                row.signedAt(), row.version());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
