package cn.zhangzhou.partybuilding.evaluation.outcome;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.zhangzhou.partybuilding.evaluation.scope.AccessPolicy;
import cn.zhangzhou.partybuilding.support.security.Caller;

/** The objective indicators of an organisation, made only of verified outcomes from events. */
@Service
public class IndicatorService {

    private static final BigDecimal MINUTES_PER_HOUR = BigDecimal.valueOf(60);

    private final OutcomeStore outcomes;
    private final AccessPolicy access;

    IndicatorService(OutcomeStore outcomes, AccessPolicy access) {
        this.outcomes = outcomes;
        this.access = access;
    }

    /** Staff whose scope covers the organisation. */
    @Transactional(readOnly = true)
    Indicators of(Caller caller, UUID organisationId, int year) {
        access.requireOrganisation(organisationId, "organisationId", AccessPolicy.EVALUATED);
        return of(organisationId, access.subtreeFor(caller, organisationId), year);
    }

    /** The indicators of an organisation from the outcomes of its subtree (no scope check: the caller made it). */
    public Indicators of(UUID organisationId, List<UUID> subtree, int year) {
        List<OutcomeStore.Outcome> all = outcomes.of(subtree, year);
        List<Indicators.Indicator> indicators = new ArrayList<>();
        for (OutcomeKind kind : OutcomeKind.values()) {
            List<OutcomeStore.Outcome> mine = all.stream().filter(o -> o.kind() == kind).toList();
            long sum = mine.stream().mapToLong(OutcomeStore.Outcome::quantity).sum();
            BigDecimal value = kind == OutcomeKind.HOURS_SERVED
                    ? BigDecimal.valueOf(sum).divide(MINUTES_PER_HOUR, 2, RoundingMode.HALF_UP)
                    : BigDecimal.valueOf(sum);
            indicators.add(new Indicators.Indicator(kind, value, kind.unit, mine.size(), kind.sourceType,
                    mine.stream().map(OutcomeStore.Outcome::source).toList()));
        }
        return new Indicators(organisationId, year, indicators);
    }
}
