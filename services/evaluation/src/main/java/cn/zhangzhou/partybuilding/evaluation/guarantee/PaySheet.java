package cn.zhangzhou.partybuilding.evaluation.guarantee;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.membership.CadreRole;

/**
 * A community's monthly pay sheet of its two committees' cadres (yuan, two decimals).
 *
 * @param yearEndScore the community's score in the last year's closed round (calibrated if it was); null: none
 * @param awardYuan    the award from the community's score; each line has its cadre's own (decision 0027)
 */
record PaySheet(UUID communityId, String month, int minimumWageYuan, BigDecimal yearEndScore, int awardYuan,
                       List<Line> lines, BigDecimal totalYuan) {

    /**
     * One cadre: base pay (a percentage of the minimum wage by role), the award from their year-end score, the social
     * worker's allowance.
     *
     * @param yearEndScore the cadre's own score in last year's closed round, or the community's when the round did not
     *                     score the cadre; null: neither, the award is the range's minimum
     */
    public record Line(UUID memberId, CadreRole role, int basePercent, BigDecimal baseYuan, BigDecimal yearEndScore,
                       int awardYuan, int allowanceYuan, BigDecimal totalYuan) {
    }
}
