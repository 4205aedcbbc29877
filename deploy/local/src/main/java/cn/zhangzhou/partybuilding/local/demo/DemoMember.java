package cn.zhangzhou.partybuilding.local.demo;

import java.util.List;

import cn.zhangzhou.partybuilding.events.membership.CadreRole;
import cn.zhangzhou.partybuilding.events.membership.MemberCategory;

/**
 * One demo member (党员), created in the district of its home organisation.
 *
 * @param key stable demo key, unique city-wide (Idempotency-Key material)
 * @param homeOrganisationCode 组织关系所在: an organisation code of the member's own district
 * @param residenceDistrict the district the member lives in; differs from the home district for the
 *     cross-district dual-reporting case
 * @param residenceCommunityCode a community code of {@code residenceDistrict}
 * @param partyGroupCode the party group (in the residence community) the member is placed in, or null
 *     when left unplaced (the coverage view shows them)
 * @param reportsToResidence 双报到: the member reports to the residence community, which accepts
 */
public record DemoMember(
        String key,
        String name,
        String phone,
        String idNumber,
        String address,
        String homeOrganisationCode,
        String residenceDistrict,
        String residenceCommunityCode,
        MemberCategory category,
        List<String> specialties,
        CadreRole cadreRole,
        boolean communityWorker,
        String partyGroupCode,
        boolean reportsToResidence) {

    public DemoMember {
        specialties = List.copyOf(specialties);
    }

    public boolean placed() {
        return partyGroupCode != null;
    }
}
