package cn.zhangzhou.partybuilding.evaluation.guarantee;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.zhangzhou.partybuilding.directory.MembershipDirectory.KnownOrganisation;
import cn.zhangzhou.partybuilding.evaluation.EvaluationProperties;
import cn.zhangzhou.partybuilding.evaluation.outcome.OutcomeStore;
import cn.zhangzhou.partybuilding.evaluation.round.RoundService;
import cn.zhangzhou.partybuilding.evaluation.scope.AccessPolicy;
import cn.zhangzhou.partybuilding.events.evaluation.RoundLevel;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.security.Caller;

/**
 * Guarantees (保障) the evaluation drives: every community's work funds and mass-service funds with their floor, and
 * the monthly pay of its two committees' cadres — base pay by role, a performance award from the cadre's last year-end
 * score (the community's for a cadre the round did not score),
 * a certified social worker's allowance. Pay is personal: it is shown to staff in scope only and is no event.
 */
@Service
class GuaranteeService {

    private static final Set<OrganisationType> REPORTED_ON = Set.of(OrganisationType.DISTRICT_COMMITTEE,
            OrganisationType.STREET_COMMITTEE, OrganisationType.COMMUNITY);

    private final GuaranteeStore store;
    private final OutcomeStore cadres;
    private final RoundService rounds;
    private final AccessPolicy access;
    private final Clock clock;
    private final EvaluationProperties.Guarantees rules;

    GuaranteeService(GuaranteeStore store, OutcomeStore cadres, RoundService rounds, AccessPolicy access, Clock clock,
                     EvaluationProperties properties) {
        this.store = store;
        this.cadres = cadres;
        this.rounds = rounds;
        this.access = access;
        this.clock = clock;
        this.rules = properties.evaluation().guarantees();
    }

    /** An allocation by the level above, or spending by the community (or above) within the fund's balance. */
    @Transactional
    Funds record(Caller caller, UUID communityId, int year, Funds.Kind fund, Funds.EntryKind entry, long amountYuan,
                 String note) {
        KnownOrganisation community = access.requireOrganisation(communityId, "communityId",
                Set.of(OrganisationType.COMMUNITY));
        if (entry == Funds.EntryKind.ALLOCATION) {
            access.requireAbove(caller, community);
        } else {
            access.requireManage(caller, communityId);
        }
        store.lock(communityId, year, fund);
        if (entry == Funds.EntryKind.SPENDING) {
            long balance = summary(fund, store.entries(communityId, year)).balanceYuan();
            if (amountYuan > balance) {
                throw new DomainRuleException("amountYuan", "spending " + amountYuan + " exceeds the balance "
                        + balance + " of the " + fund + " fund of " + year);
            }
        }
        store.record(communityId, year, new Funds.Entry(UUID.randomUUID(), fund, entry, amountYuan, note,
                caller.subject(), clock.instant().truncatedTo(ChronoUnit.MICROS)));
        return funds(communityId, year);
    }

    @Transactional(readOnly = true)
    Funds funds(Caller caller, UUID communityId, int year) {
        access.requireOrganisation(communityId, "communityId", Set.of(OrganisationType.COMMUNITY));
        access.requireManage(caller, communityId);
        return funds(communityId, year);
    }

    /** The communities inside the organisation whose allocations of a fund in the year are under its floor. */
    @Transactional(readOnly = true)
    List<Funds.BelowFloor> belowFloor(Caller caller, UUID organisationId, int year) {
        access.requireOrganisation(organisationId, "organisationId", REPORTED_ON);
        Set<UUID> subtree = new HashSet<>(access.subtreeFor(caller, organisationId));
        List<UUID> communities = access.active(OrganisationType.COMMUNITY).stream().map(KnownOrganisation::id)
                .filter(subtree::contains).toList();
        List<Funds.BelowFloor> below = new ArrayList<>();
        for (Funds.Kind fund : Funds.Kind.values()) {
            below.addAll(store.belowFloor(communities, year, fund, rules.fundFloorYuan()));
        }
        return below;
    }

    /** A cadre certified as a social worker (持证社工), recorded by staff whose scope covers the cadre's organisation. */
    @Transactional
    void certify(Caller caller, UUID memberId, LocalDate certifiedOn) {
        OutcomeStore.Cadre cadre = cadres.cadre(memberId).orElseThrow(() -> NotFoundException.of("cadre", memberId));
        access.requireManage(caller, cadre.organisationId());
        store.certified(memberId, certifiedOn, caller.subject(), clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    /** The community's pay sheet of the month, for staff whose scope covers it. */
    @Transactional(readOnly = true)
    PaySheet paySheet(Caller caller, UUID communityId, YearMonth month) {
        access.requireOrganisation(communityId, "communityId", Set.of(OrganisationType.COMMUNITY));
        access.requireManage(caller, communityId);
        int lastYear = month.getYear() - 1;
        BigDecimal score = rounds.yearEndScore(RoundLevel.COMMUNITY, lastYear, communityId).orElse(null);
        int award = award(score);
        BigDecimal wage = BigDecimal.valueOf(rules.minimumWageYuan());
        List<PaySheet.Line> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (OutcomeStore.Cadre c : cadres.cadresOf(List.of(communityId))) {
            int percent = rules.basePayPercent().get(c.role());
            BigDecimal base = wage.multiply(BigDecimal.valueOf(percent)).divide(BigDecimal.valueOf(100), 2,
                    RoundingMode.HALF_UP);
            boolean certified = store.certifiedOn(c.memberId()).filter(on -> !on.isAfter(month.atEndOfMonth()))
                    .isPresent();
            int allowance = certified ? rules.socialWorkerAllowanceYuan() : 0;
            // The cadre's own year-end score when the round scored them (decision 0027), else the community's.
            BigDecimal own = rounds.yearEndCadreScore(RoundLevel.COMMUNITY, lastYear, c.memberId()).orElse(score);
            int ownAward = own == null ? award : award(own);
            BigDecimal line = base.add(BigDecimal.valueOf(ownAward + allowance));
            lines.add(new PaySheet.Line(c.memberId(), c.role(), percent, base, own, ownAward, allowance, line));
            total = total.add(line);
        }
        return new PaySheet(communityId, month.toString(), rules.minimumWageYuan(), score, award, lines, total);
    }

    /**
     * The monthly performance award from a year-end score: the range's minimum at or below {@code award-from-score},
     * its maximum at or above {@code award-to-score}, linear in between, rounded half up to whole yuan; without a
     * score the minimum.
     */
    int award(BigDecimal score) {
        if (score == null) {
            return rules.awardMinYuan();
        }
        BigDecimal from = BigDecimal.valueOf(rules.awardFromScore());
        BigDecimal span = BigDecimal.valueOf(rules.awardToScore() - rules.awardFromScore());
        BigDecimal share = score.subtract(from).max(BigDecimal.ZERO).min(span).divide(span, 10, RoundingMode.HALF_UP);
        return BigDecimal.valueOf(rules.awardMaxYuan() - rules.awardMinYuan()).multiply(share)
                .add(BigDecimal.valueOf(rules.awardMinYuan())).setScale(0, RoundingMode.HALF_UP).intValueExact();
    }

    private Funds funds(UUID communityId, int year) {
        List<Funds.Entry> entries = store.entries(communityId, year);
        List<Funds.Fund> funds = new ArrayList<>();
        for (Funds.Kind fund : Funds.Kind.values()) {
            funds.add(summary(fund, entries));
        }
        return new Funds(communityId, year, funds, entries);
    }

    private Funds.Fund summary(Funds.Kind fund, List<Funds.Entry> entries) {
        long allocated = sum(entries, fund, Funds.EntryKind.ALLOCATION);
        long spent = sum(entries, fund, Funds.EntryKind.SPENDING);
        return new Funds.Fund(fund, rules.fundFloorYuan(), allocated, spent, allocated - spent,
                allocated < rules.fundFloorYuan());
    }

    private static long sum(List<Funds.Entry> entries, Funds.Kind fund, Funds.EntryKind kind) {
        return entries.stream().filter(e -> e.fund() == fund && e.entry() == kind).mapToLong(Funds.Entry::amountYuan)
                .sum();
    }
}
