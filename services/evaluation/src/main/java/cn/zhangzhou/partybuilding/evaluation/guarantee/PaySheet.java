package cn.zhangzhou.partybuilding.evaluation.guarantee;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.membership.CadreRole;

/**
 * A community's monthly pay sheet of its two committees' cadres (yuan, two decimals).
 *
 * @param yearEndScore the community's score in the last year's closed round (calibrated if it was); null: none, the
 *                     award is the range's minimum
 */
record PaySheet(UUID communityId, String month, int minimumWageYuan, BigDecimal yearEndScore, int awardYuan,
                       List<Line> lines, BigDecimal totalYuan) {

    /** One cadre: base pay (a percentage of the minimum wage by role), the award, the social worker's allowance. */
    public record Line(UUID memberId, CadreRole role, int basePercent, BigDecimal baseYuan, int awardYuan,
                       int allowanceYuan, BigDecimal totalYuan) {
    }
}
