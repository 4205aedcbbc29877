package cn.zhangzhou.partybuilding.evaluation.round;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.zhangzhou.partybuilding.directory.MembershipDirectory.KnownOrganisation;
import cn.zhangzhou.partybuilding.evaluation.EvaluationProperties;
import cn.zhangzhou.partybuilding.evaluation.outcome.IndicatorService;
import cn.zhangzhou.partybuilding.evaluation.outcome.Indicators;
import cn.zhangzhou.partybuilding.evaluation.outcome.OutcomeStore;
import cn.zhangzhou.partybuilding.evaluation.scope.AccessPolicy;
import cn.zhangzhou.partybuilding.events.evaluation.Grade;
import cn.zhangzhou.partybuilding.events.evaluation.GradeAssigned;
import cn.zhangzhou.partybuilding.events.evaluation.OrganisationScored;
import cn.zhangzhou.partybuilding.events.evaluation.RoundClosed;
import cn.zhangzhou.partybuilding.events.evaluation.RoundLevel;
import cn.zhangzhou.partybuilding.events.evaluation.RoundOpened;
import cn.zhangzhou.partybuilding.events.evaluation.ScoreCalibrated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.messaging.Outbox;
import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rounds of multi-directional evaluation (多向度考评): the district opens one per year and level with its weights;
 * organisations assess themselves (自评), peers rate each other (互评), the level above assesses (考评), members and
 * residents rate their community (群众评价); at the close the scores are computed ({@link Scoring}), frozen with their
 * explanation and published. No individual anonymous rating is ever returned, and none is an event. The cadres of the
 * evaluated organisations are scored at the close too (decision 0027): personnel data, shown to staff in scope only and
 * no event.
 */
@Service
public class RoundService {

    /** Crockford's base32: no I, L, O or U to misread; 10 characters are 50 bits. */
    private static final String CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int CODE_LENGTH = 10;

    private final RoundStore rounds;
    private final CadreStore cadreScores;
    private final OutcomeStore cadres;
    private final IndicatorService indicators;
    private final AccessPolicy access;
    private final Outbox outbox;
    private final Clock clock;
    private final JsonMapper json;
    private final int minRaters;
    private final Map<Grade, BigDecimal> gradeQuotas;
    private final EvaluationProperties.CadreWeights cadreWeights;
    private final SecureRandom random = new SecureRandom();

    RoundService(RoundStore rounds, CadreStore cadreScores, OutcomeStore cadres, IndicatorService indicators,
                 AccessPolicy access, Outbox outbox, Clock clock, JsonMapper json, EvaluationProperties properties) {
        this.rounds = rounds;
        this.cadreScores = cadreScores;
        this.cadres = cadres;
        this.indicators = indicators;
        this.access = access;
        this.outbox = outbox;
        this.clock = clock;
        this.json = json;
        this.minRaters = properties.evaluation().minRaters();
        this.gradeQuotas = properties.evaluation().gradeQuotas();
        this.cadreWeights = properties.evaluation().cadreWeights();
    }

    @Transactional
    Round open(Caller caller, int year, RoundLevel level, Round.Weights weights) {
        access.requireAdministrator(caller);
        if (weights.total() == 0) {
            throw new DomainRuleException("weights", "at least one component needs a weight");
        }
        if (level == RoundLevel.STREET && weights.members() + weights.residents() > 0) {
            throw new DomainRuleException("weights", "members and residents rate communities, not streets: their "
                    + "weights must be 0 in a STREET round");
        }
        Round r = new Round(UUID.randomUUID(), year, level, weights, Round.Status.OPEN, 1, now());
        if (!rounds.insert(r, caller.subject())) {
            throw new ConflictException("district " + access.district() + " already has a " + level + " round of "
                    + year);
        }
        outbox.append(new RoundOpened(r.id(), year, level, weights.self(), weights.mutual(), weights.assessment(),
                weights.members(), weights.residents(), weights.objective()), 1);
        return r;
    }

    @Transactional(readOnly = true)
    Round get(Caller caller, UUID id) {
        access.requireReader(caller);
        return require(id);
    }

    @Transactional(readOnly = true)
    List<Round> ofYear(Caller caller, int year) {
        access.requireReader(caller);
        return rounds.ofYear(year);
    }

    /** 自评 by the organisation's own staff, or 考评 by the level above: once each. */
    @Transactional
    void rateOfficially(Caller caller, UUID roundId, UUID organisationId, Component component, int score) {
        Round r = lockOpen(roundId);
        KnownOrganisation o = requireEvaluated(r, organisationId);
        if (component == Component.SELF && !access.isOwnStaff(caller, organisationId)) {
            throw new ForbiddenException("only the staff of organisation " + organisationId + " assess it themselves");
        }
        if (component == Component.ASSESSMENT) {
            access.requireAbove(caller, o);
        }
        requireWeighted(r, component);
        if (!rounds.official(roundId, organisationId, component, score, caller.subject(), now())) {
            throw new ConflictException("organisation " + organisationId + " already has its " + component
                    + " in round " + roundId);
        }
    }

    /** 互评 by the staff of a peer: same level, same parent, not itself; once per peer. Anonymous. */
    @Transactional
    void ratePeer(Caller caller, UUID roundId, UUID organisationId, int score) {
        Round r = lockOpen(roundId);
        KnownOrganisation rated = requireEvaluated(r, organisationId);
        UUID peer = caller.org();
        boolean isPeer = peer != null && !peer.equals(organisationId) && caller.isStaffOf(access.district())
                && !caller.administers(access.district())
                && access.active(rated.type()).stream().anyMatch(p -> p.id().equals(peer)
                        && Objects.equals(p.parentId(), rated.parentId()));
        if (!isPeer) {
            throw new ForbiddenException("only the staff of a peer of organisation " + organisationId
                    + " (same level and parent) rate it");
        }
        requireWeighted(r, Component.MUTUAL);
        if (!rounds.markRated(roundId, Component.MUTUAL, "org:" + peer, organisationId)) {
            throw new ConflictException("your organisation already rated " + organisationId + " in this round");
        }
        rounds.rate(roundId, organisationId, Component.MUTUAL, score);
    }

    /** 党员评价: a member of the community (living in it or reported to it), once per round. Anonymous. */
    @Transactional
    void rateAsMember(Caller caller, UUID roundId, UUID communityId, int score) {
        Round r = lockOpen(roundId);
        requireEvaluated(r, communityId);
        UUID member = access.requireMemberIn(caller, communityId);
        requireWeighted(r, Component.MEMBERS);
        if (!rounds.markRated(roundId, Component.MEMBERS, "member:" + member, roundId)) {
            throw new ConflictException("you already rated in round " + roundId);
        }
        rounds.rate(roundId, communityId, Component.MEMBERS, score);
    }

    /**
     * 考评 of a cadre (两委) of one of the round's organisations by the level above that organisation: once per round,
     * named, part of the cadre's year-end score (decision 0027).
     */
    @Transactional
    void assessCadre(Caller caller, UUID roundId, UUID memberId, int score) {
        Round r = lockOpen(roundId);
        OutcomeStore.Cadre cadre = cadres.cadre(memberId).orElseThrow(() -> NotFoundException.of("cadre", memberId));
        KnownOrganisation o = access.requireOrganisation(cadre.organisationId(), "memberId",
                java.util.Set.of(type(r.level())));
        access.requireAbove(caller, o);
        if (cadreWeights.assessment() == 0) {
            throw new ConflictException("district " + access.district() + " leaves the cadres' assessment out "
                    + "(zz.evaluation.cadre-weights.assessment is 0)");
        }
        if (!cadreScores.assess(roundId, memberId, score, caller.subject(), now())) {
            throw new ConflictException("cadre " + memberId + " already has their assessment in round " + roundId);
        }
    }

    /** One-time codes the community hands to residents (群众评价); shown this once, kept as hashes. */
    @Transactional
    List<String> issueCodes(Caller caller, UUID roundId, UUID communityId, int count) {
        Round r = lockOpen(roundId);
        requireEvaluated(r, communityId);
        access.requireManage(caller, communityId);
        requireWeighted(r, Component.RESIDENTS);
        List<String> codes = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < CODE_LENGTH; c++) {
                code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
            }
            codes.add(code.toString());
            hashes.add(hash(code.toString()));
        }
        rounds.issueCodes(roundId, communityId, hashes, caller.subject(), now());
        return codes;
    }

    /** A resident's rating with a one-time code: no account, one rating per code, anonymous. */
    @Transactional
    void rateWithCode(String code, int score) {
        byte[] hash = hash(code.replace("-", "").replace(" ", "").toUpperCase());
        Map.Entry<UUID, UUID> issued = rounds.useCode(hash).orElseThrow(() -> rounds.codeExists(hash)
                ? new ConflictException("this code was used already: one rating per code")
                : new DomainRuleException("code", "no such code"));
        lockOpen(issued.getKey());
        rounds.rate(issued.getKey(), issued.getValue(), Component.RESIDENTS, score);
    }

    /** Closes the round: computes every organisation's score, freezes it with its explanation and publishes it. */
    @Transactional
    Round close(Caller caller, UUID roundId, long version) {
        access.requireAdministrator(caller);
        Round r = lockOpen(roundId);
        if (r.version() != version) {
            throw new ConflictException("round " + roundId + " is at version " + r.version() + ", not " + version);
        }
        List<Score> scores = compute(r);
        List<String> explanations = scores.stream().map(json::writeValueAsString).toList();
        rounds.close(roundId, scores, explanations, now(), caller.subject());
        scoreCadres(r, scores);
        for (Score s : scores) {
            outbox.append(new OrganisationScored(roundId, r.year(), r.level(), s.organisationId(), s.score(), s.rank()),
                    rounds.nextVersion(roundId));
        }
        outbox.append(new RoundClosed(roundId, r.year(), r.level(), scores.size(),
                (int) scores.stream().filter(s -> s.score() != null).count()), rounds.nextVersion(roundId));
        return require(roundId);
    }

    /** The scores of the round's organisations from its ratings and the indicators of the year, now. */
    private List<Score> compute(Round r) {
        List<UUID> organisations = access.active(type(r.level())).stream().map(KnownOrganisation::id).toList();
        Map<UUID, Indicators> objective = new HashMap<>();
        for (UUID o : organisations) {
            objective.put(o, indicators.of(o, access.subtree(o), r.year()));
        }
        return Scoring.scores(r.weights(), minRaters, organisations, rounds.tallies(r.id()), objective);
    }

    /** The cadres of the round's organisations at its close, scored from their organisation's and their assessment. */
    private void scoreCadres(Round r, List<Score> scores) {
        List<UUID> organisations = scores.stream().map(Score::organisationId).toList();
        Map<UUID, BigDecimal> organisationScores = new HashMap<>();
        scores.forEach(s -> organisationScores.put(s.organisationId(), s.score()));
        List<CadreScore> cadreScores = Scoring.cadreScores(cadreWeights,
                organisations.isEmpty() ? List.of() : cadres.cadresOf(organisations), organisationScores,
                this.cadreScores.assessments(r.id()));
        this.cadreScores.close(r.id(), cadreScores, cadreScores.stream().map(json::writeValueAsString).toList());
    }

    /** The closed round's cadres who serve organisations inside the caller's scope, by rank (staff only). */
    @Transactional(readOnly = true)
    List<CadreStore.RankedCadre> cadreRanking(Caller caller, UUID roundId) {
        List<UUID> visible = visibleOrganisations(caller, requireClosed(roundId));
        return visible.isEmpty() ? List.of() : cadreScores.ranking(roundId, visible);
    }

    /** How the cadre's score was computed, for staff whose scope covers the organisation they served. */
    @Transactional(readOnly = true)
    CadreScore cadreExplanation(Caller caller, UUID roundId, UUID memberId) {
        requireClosed(roundId);
        access.requireStaff(caller);
        CadreScore score = cadreScores.explanation(roundId, memberId).map(j -> json.readValue(j, CadreScore.class))
                .orElseThrow(() -> NotFoundException.of("score of cadre", memberId));
        access.requireManage(caller, score.organisationId());
        return score;
    }

    /** The cadre's own score in the closed round of the year at its level, if they have one (no scope check). */
    public Optional<BigDecimal> yearEndCadreScore(RoundLevel level, int year, UUID memberId) {
        return cadreScores.yearEnd(level, year, memberId);
    }

    /** The closed round's ranking, of the organisations inside the caller's scope (staff only). */
    @Transactional(readOnly = true)
    List<RoundStore.Ranked> ranking(Caller caller, UUID roundId) {
        List<UUID> visible = visibleOrganisations(caller, requireClosed(roundId));
        return visible.isEmpty() ? List.of() : rounds.ranking(roundId, visible);
    }

    /** The round's organisations inside the caller's scope (staff only). */
    private List<UUID> visibleOrganisations(Caller caller, Round r) {
        access.requireStaff(caller);
        return access.active(type(r.level())).stream().map(KnownOrganisation::id)
                .filter(o -> access.mayManage(caller, o)).toList();
    }

    /** The organisation's result and how it was computed, for staff whose scope covers it. */
    @Transactional(readOnly = true)
    ScoreView explanation(Caller caller, UUID roundId, UUID organisationId) {
        requireClosed(roundId);
        access.requireManage(caller, organisationId);
        return view(roundId, organisationId);
    }

    /** The level above overrides the score with a reason; the computed score and each override stay in the trail. */
    @Transactional
    ScoreView calibrate(Caller caller, UUID roundId, UUID organisationId, BigDecimal score, String reason) {
        Round r = lockClosed(roundId);
        RoundStore.Current current = rounds.current(roundId, organisationId)
                .orElseThrow(() -> NotFoundException.of("score of organisation", organisationId));
        access.requireAbove(caller, access.organisation(organisationId));
        rounds.calibrate(roundId, organisationId, current.score(), score, reason, caller.subject(), now());
        int rank = rounds.current(roundId, organisationId).map(RoundStore.Current::rank).orElseThrow();
        outbox.append(new ScoreCalibrated(roundId, r.year(), r.level(), organisationId, current.computed(),
                current.score(), score, rank, reason), rounds.nextVersion(roundId));
        return view(roundId, organisationId);
    }

    /**
     * The district grades organisations of the closed round (again, if it had); a grade with a quota (at most a fifth
     * 优秀 by default, rounded down) may not be given to more of them: 422 naming the quota, nothing graded.
     */
    @Transactional
    List<RoundStore.Ranked> grade(Caller caller, UUID roundId, Map<UUID, Grade> grades) {
        access.requireAdministrator(caller);
        Round r = lockClosed(roundId);
        for (Map.Entry<UUID, Grade> g : grades.entrySet()) {
            if (rounds.current(roundId, g.getKey()).isEmpty()) {
                throw new DomainRuleException("grades", "organisation " + g.getKey() + " has no score in round "
                        + roundId);
            }
            rounds.grade(roundId, g.getKey(), g.getValue());
        }
        long organisations = rounds.organisations(roundId);
        for (Map.Entry<Grade, BigDecimal> quota : gradeQuotas.entrySet()) {
            long allowed = quota.getValue().multiply(BigDecimal.valueOf(organisations)).longValue();
            long given = rounds.graded(roundId, quota.getKey());
            if (given > allowed) {
                throw new DomainRuleException("grades", "quota of " + quota.getKey() + ": at most " + allowed + " of "
                        + organisations + " organisations (" + quota.getValue() + "), not " + given);
            }
        }
        for (UUID organisation : grades.keySet()) {
            RoundStore.Current c = rounds.current(roundId, organisation).orElseThrow();
            outbox.append(new GradeAssigned(roundId, r.year(), r.level(), organisation, c.grade(), c.score(),
                    c.rank()), rounds.nextVersion(roundId));
        }
        return rounds.ranking(roundId, List.copyOf(grades.keySet()));
    }

    /** The organisation's (calibrated) score in the closed round of the year at its level, if any (no scope check). */
    public Optional<BigDecimal> yearEndScore(RoundLevel level, int year, UUID organisationId) {
        return rounds.yearEnd(level, year, organisationId);
    }

    /** 创先争优: the round's best {@code top} and every organisation graded 优秀, for the district's staff and members. */
    @Transactional(readOnly = true)
    List<RoundStore.Ranked> honours(Caller caller, UUID roundId, int top) {
        requireClosed(roundId);
        access.requireReader(caller);
        return rounds.honours(roundId, top, Grade.EXCELLENT);
    }

    private ScoreView view(UUID roundId, UUID organisationId) {
        RoundStore.Current current = rounds.current(roundId, organisationId)
                .orElseThrow(() -> NotFoundException.of("score of organisation", organisationId));
        Score computed = json.readValue(rounds.explanation(roundId, organisationId).orElseThrow(), Score.class);
        return new ScoreView(organisationId, current.score(), current.rank(), current.grade(), computed,
                rounds.calibrations(roundId, organisationId));
    }

    private Round lockClosed(UUID id) {
        Round r = rounds.lock(id).orElseThrow(() -> NotFoundException.of("round", id));
        if (r.status() != Round.Status.CLOSED) {
            throw new ConflictException("round " + id + " is OPEN: scores are computed when it closes");
        }
        return r;
    }

    private Round require(UUID id) {
        return rounds.find(id).orElseThrow(() -> NotFoundException.of("round", id));
    }

    private Round requireClosed(UUID id) {
        Round r = require(id);
        if (r.status() != Round.Status.CLOSED) {
            throw new ConflictException("round " + id + " is OPEN: scores are computed when it closes");
        }
        return r;
    }

    private Round lockOpen(UUID id) {
        Round r = rounds.lock(id).orElseThrow(() -> NotFoundException.of("round", id));
        if (r.status() != Round.Status.OPEN) {
            throw new ConflictException("round " + id + " is " + r.status());
        }
        return r;
    }

    private KnownOrganisation requireEvaluated(Round r, UUID organisationId) {
        return access.requireOrganisation(organisationId, "organisationId", java.util.Set.of(type(r.level())));
    }

    private static void requireWeighted(Round r, Component component) {
        if (r.weights().of(component) == 0) {
            throw new ConflictException("round " + r.id() + " leaves " + component + " out (weight 0)");
        }
    }

    private static OrganisationType type(RoundLevel level) {
        return level == RoundLevel.STREET ? OrganisationType.STREET_COMMITTEE : OrganisationType.COMMUNITY;
    }

    private static byte[] hash(String code) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
