package cn.zhangzhou.partybuilding.local.demo;

import java.util.List;

import cn.zhangzhou.partybuilding.events.membership.OrganisationType;

/**
 * The demo data of one district deployment, in creation order (every parent before its children).
 *
 * @param members the members whose home organisation is in this district (wherever they live)
 */
public record DemoDistrict(String id, String name, List<DemoOrganisation> organisations,
                           List<DemoMember> members, List<DemoUnitReport> unitReports) {

    public DemoDistrict {
        organisations = List.copyOf(organisations);
        members = List.copyOf(members);
        unitReports = List.copyOf(unitReports);
    }

    public List<DemoOrganisation> organisations(OrganisationType type) {
        return organisations.stream().filter(o -> o.type() == type).toList();
    }

    public DemoOrganisation organisation(String code) {
        return organisations.stream().filter(o -> o.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no organisation " + code + " in " + id));
    }
}
