package cn.zhangzhou.partybuilding.evaluation.round;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.evaluation.EvaluationProperties.CadreWeights;
import cn.zhangzhou.partybuilding.evaluation.outcome.OutcomeStore.Cadre;
import cn.zhangzhou.partybuilding.events.membership.CadreRole;

/** The cadres' formula (decision 0027) on its inputs alone: weights, renormalisation, rounding, ranks with ties. */
class CadreScoringTest {

    private final UUID community = UUID.randomUUID();
    private final UUID unscored = UUID.randomUUID();

    @Test
    void weightedOverThePartsWithAValueRoundedHalfUpRankedWithTies() {
        Cadre both = cadre(community);
        Cadre assessedOnly = cadre(unscored);
        Cadre organisationOnly = cadre(community);
        Cadre neither = cadre(unscored);
        Cadre tie = cadre(community);
        Map<UUID, BigDecimal> organisations = new HashMap<>();
        organisations.put(community, new BigDecimal("80.00"));
        organisations.put(unscored, null);
        Map<UUID, Integer> assessments = Map.of(both.memberId(), 91, assessedOnly.memberId(), 67, tie.memberId(), 91);

        List<CadreScore> scores = Scoring.cadreScores(new CadreWeights(70, 30),
                List.of(both, assessedOnly, organisationOnly, neither, tie), organisations, assessments);

        Map<UUID, CadreScore> by = new HashMap<>();
        scores.forEach(s -> by.put(s.memberId(), s));
        // 0.7 × 80 + 0.3 × 91 = 83.3, for both cadres: they share rank 1.
        assertThat(by.get(both.memberId()).score()).isEqualByComparingTo("83.30");
        assertThat(by.get(both.memberId()).rank()).isEqualTo(1);
        assertThat(by.get(tie.memberId()).rank()).isEqualTo(1);
        assertThat(by.get(organisationOnly.memberId()).score()).isEqualByComparingTo("80.00");
        assertThat(by.get(organisationOnly.memberId()).rank()).isEqualTo(3);
        // The organisation without a score is left out: the assessment takes the whole share.
        CadreScore alone = by.get(assessedOnly.memberId());
        assertThat(alone.score()).isEqualByComparingTo("67.00");
        assertThat(alone.rank()).isEqualTo(4);
        assertThat(alone.parts().get(0).reported()).isFalse();
        assertThat(alone.parts().get(1).share()).isEqualByComparingTo("100.00");
        assertThat(by.get(neither.memberId()).score()).isNull();
        assertThat(by.get(neither.memberId()).rank()).isNull();
        assertThat(scores.get(scores.size() - 1).memberId()).isEqualTo(neither.memberId());
        assertThat(by.get(both.memberId()).parts().get(0).share()).isEqualByComparingTo("70.00");
    }

    @Test
    void aPartWeightedZeroNeverCountsAndThirdsRoundHalfUp() {
        Cadre c = cadre(community);
        List<CadreScore> onlyAssessment = Scoring.cadreScores(new CadreWeights(0, 50), List.of(c),
                Map.of(community, new BigDecimal("99.00")), Map.of(c.memberId(), 70));
        assertThat(onlyAssessment.get(0).score()).isEqualByComparingTo("70.00");
        assertThat(onlyAssessment.get(0).parts().get(0).reported()).isFalse();

        // (2 × 80.01 + 1 × 70) / 3 = 76.6733… → 76.67
        List<CadreScore> thirds = Scoring.cadreScores(new CadreWeights(2, 1), List.of(c),
                Map.of(community, new BigDecimal("80.01")), Map.of(c.memberId(), 70));
        assertThat(thirds.get(0).score()).isEqualByComparingTo("76.67");
        assertThat(thirds.get(0).parts().get(0).share()).isEqualByComparingTo("66.67");
    }

    private static Cadre cadre(UUID organisation) {
        return new Cadre(UUID.randomUUID(), organisation, CadreRole.MEMBER);
    }
}
