package cn.zhangzhou.partybuilding.dashboard.figures;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one scope (the city, a district, a street or a community). Organisations and members are counted
 * as they are now; wishes and hours within the time range asked for.
 *
 * @param scope                        what the figures are of: "city", a district id or an organisation id
 * @param name                         its name: the district's id, the organisation's name
 * @param communities                  社区党组织, active
 * @param grids                        党建网格
 * @param partyGroups                  党小组
 * @param members                      党员 held here (组织关系), by category below
 * @param communityWorkers             社区工作者 among them
 * @param communityWorkersInCommittees those in the two committees (两委)
 * @param wishesPosted                 distinct wishes with that step in the range, as the districts' reports count
 * @param residentsHelped              distinct beneficiaries of the wishes confirmed in the range
 * @param serviceMinutes               approved volunteer hours (minutes) served in the range, trainings apart
 */
record Figures(String scope, String name, long communities, long grids, long partyGroups, long members,
               long membersInService, long membersRetired, long membersMobile, long membersOther,
               long communityWorkers, long communityWorkersInCommittees, long wishesPosted,
               long wishesPublished, long wishesClaimed, long wishesFulfilled, long wishesConfirmed,
               long residentsHelped, long serviceMinutes, long trainingMinutes) {

    static Figures zero(String scope, String name) {
        return new Figures(scope, name, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Each figure by its name, in the order of the record: what CSV columns and reconciliation go by. */
    Map<String, Long> values() {
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("communities", communities);
        values.put("grids", grids);
        values.put("partyGroups", partyGroups);
        values.put("members", members);
        values.put("membersInService", membersInService);
        values.put("membersRetired", membersRetired);
        values.put("membersMobile", membersMobile);
        values.put("membersOther", membersOther);
        values.put("communityWorkers", communityWorkers);
        values.put("communityWorkersInCommittees", communityWorkersInCommittees);
        values.put("wishesPosted", wishesPosted);
        values.put("wishesPublished", wishesPublished);
        values.put("wishesClaimed", wishesClaimed);
        values.put("wishesFulfilled", wishesFulfilled);
        values.put("wishesConfirmed", wishesConfirmed);
        values.put("residentsHelped", residentsHelped);
        values.put("serviceMinutes", serviceMinutes);
        values.put("trainingMinutes", trainingMinutes);
        return values;
    }
}
