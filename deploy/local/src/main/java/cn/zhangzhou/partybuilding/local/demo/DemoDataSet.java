package cn.zhangzhou.partybuilding.local.demo;

import java.util.ArrayList;
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

    /**
     * The data split where no district refers to another's: districts whose members live in each other's communities
     * stay together (xiangcheng and longwen), every other district is a part of its own. Parts load independently.
     */
    public List<DemoDataSet> independentParts() {
        List<List<DemoDistrict>> parts = new ArrayList<>();
        for (DemoDistrict d : districts) {
            List<List<DemoDistrict>> linked = parts.stream()
                    .filter(part -> part.stream().anyMatch(other -> refersTo(d, other) || refersTo(other, d))).toList();
            List<DemoDistrict> merged = new ArrayList<>(List.of(d));
            linked.forEach(merged::addAll);
            merged.sort(java.util.Comparator.comparingInt(districts::indexOf));
            parts.removeAll(linked);
            parts.add(merged);
        }
        return parts.stream().map(DemoDataSet::new).toList();
    }

    private static boolean refersTo(DemoDistrict district, DemoDistrict other) {
        return district.members().stream().anyMatch(m -> m.residenceDistrict().equals(other.id()));
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
