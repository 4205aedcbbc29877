package cn.zhangzhou.partybuilding.local.demo;

import java.util.List;
import java.util.stream.Stream;

import cn.zhangzhou.partybuilding.events.membership.OrganisationType;

/** The demo data of the selected districts. */
public record DemoDataSet(List<DemoDistrict> districts) {

    public DemoDataSet {
        districts = List.copyOf(districts);
    }

    public DemoDistrict district(String id) {
        return districts.stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("district " + id + " is not in the demo set"));
    }

    public Stream<DemoMember> allMembers() {
        return districts.stream().flatMap(d -> d.members().stream());
    }

    /** Members living in {@code residenceDistrict} whose home organisation is in another district. */
    public List<DemoMember> crossDistrictMembersLivingIn(String residenceDistrict) {
        return districts.stream()
                .filter(d -> !d.id().equals(residenceDistrict))
                .flatMap(d -> d.members().stream())
                .filter(m -> m.residenceDistrict().equals(residenceDistrict))
                .toList();
    }

    public DemoFigures expectedFigures(String id) {
        DemoDistrict d = district(id);
        List<DemoMember> own = d.members();
        int placed = (int) allMembers().filter(m -> m.residenceDistrict().equals(id) && m.placed()).count();
        int reports = (int) allMembers()
                .filter(m -> m.residenceDistrict().equals(id) && m.reportsToResidence()).count();
        return new DemoFigures(id,
                d.organisations(OrganisationType.COMMUNITY).size(),
                d.organisations(OrganisationType.GRID).size(),
                d.organisations(OrganisationType.PARTY_GROUP).size(),
                own.size(),
                placed,
                (int) own.stream().filter(DemoMember::communityWorker).count(),
                (int) own.stream().filter(m -> m.communityWorker() && m.cadreRole() != null).count(),
                d.unitReports().size(),
                reports);
    }
}
