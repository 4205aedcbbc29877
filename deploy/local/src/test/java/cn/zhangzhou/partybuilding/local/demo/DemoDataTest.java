package cn.zhangzhou.partybuilding.local.demo;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import cn.zhangzhou.partybuilding.events.Districts;
import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoDataTest {

    private final DemoDataSet twoDistricts = DemoData.generate(List.of("xiangcheng", "longwen"));
    private final DemoDataSet city = DemoData.generate(Districts.IDS);

    @Test
    void districtsWhoseMembersLiveInEachOthersCommunitiesLoadTogetherTheOthersEachOnTheirOwn() {
        List<List<String>> parts = DemoData.generate(List.of("xiangcheng", "longwen", "zhangpu")).independentParts()
                .stream().map(p -> p.districts().stream().map(DemoDistrict::id).toList()).toList();
        assertThat(parts).containsExactlyInAnyOrder(List.of("xiangcheng", "longwen"), List.of("zhangpu"));
        List<DemoDataSet> all = city.independentParts();
        assertThat(all).hasSize(Districts.IDS.size() - 1);
        // Every member's residence is in the member's own part.
        for (DemoDataSet part : all) {
            Set<String> ids = part.districts().stream().map(DemoDistrict::id).collect(Collectors.toSet());
            assertThat(part.allMembers()).allSatisfy(m -> assertThat(ids).contains(m.residenceDistrict()));
        }
    }

    @Test
    void xiangchengHasTheArticlesGridsAndPartyGroups() {
        DemoDistrict xiangcheng = twoDistricts.district("xiangcheng");
        assertThat(xiangcheng.organisations(OrganisationType.GRID)).hasSize(83);
        assertThat(xiangcheng.organisations(OrganisationType.PARTY_GROUP)).hasSize(248);
        assertThat(city.district("xiangcheng").organisations(OrganisationType.GRID)).hasSize(83);
        assertThat(city.district("xiangcheng").organisations(OrganisationType.PARTY_GROUP)).hasSize(248);
        assertThat(xiangcheng.organisations(OrganisationType.COMMUNITY)).extracting(DemoOrganisation::name)
                .contains("群裕社区党委", "华港社区党委");
        assertThat(xiangcheng.organisations(OrganisationType.STREET_COMMITTEE)).extracting(DemoOrganisation::name)
                .anyMatch(n -> n.contains("南坑街道")).anyMatch(n -> n.contains("石亭镇"));
    }

    @Test
    void everyOrganisationSitsUnderAnAllowedParentCreatedBeforeIt() {
        Map<OrganisationType, Set<OrganisationType>> allowed = Map.of(
                OrganisationType.STREET_COMMITTEE, Set.of(OrganisationType.DISTRICT_COMMITTEE),
                OrganisationType.COMMUNITY, Set.of(OrganisationType.STREET_COMMITTEE),
                OrganisationType.GRID, Set.of(OrganisationType.COMMUNITY),
                OrganisationType.PARTY_GROUP, Set.of(OrganisationType.GRID),
                OrganisationType.RESIDENT_UNIT, Set.of(OrganisationType.DISTRICT_COMMITTEE, OrganisationType.STREET_COMMITTEE));
        for (DemoDistrict d : city.districts()) {
            Map<String, DemoOrganisation> seen = new java.util.HashMap<>();
            assertThat(d.organisations(OrganisationType.DISTRICT_COMMITTEE)).hasSize(1);
            for (DemoOrganisation o : d.organisations()) {
                assertThat(o.code()).matches("[A-Za-z0-9-]{1,40}");
                assertThat(seen).as("code %s unique in %s", o.code(), d.id()).doesNotContainKey(o.code());
                if (o.type() == OrganisationType.DISTRICT_COMMITTEE) {
                    assertThat(o.parentCode()).isNull();
                } else {
                    DemoOrganisation parent = seen.get(o.parentCode());
                    assertThat(parent).as("parent of %s created before it", o.code()).isNotNull();
                    assertThat(allowed.get(o.type())).as("%s under %s", o.type(), parent.type()).contains(parent.type());
                }
                seen.put(o.code(), o);
            }
        }
    }

    @Test
    void everyPartyGroupIsUnderAGridUnderACommunity() {
        DemoDistrict xiangcheng = twoDistricts.district("xiangcheng");
        for (DemoOrganisation group : xiangcheng.organisations(OrganisationType.PARTY_GROUP)) {
            DemoOrganisation grid = xiangcheng.organisation(group.parentCode());
            assertThat(grid.type()).isEqualTo(OrganisationType.GRID);
            assertThat(xiangcheng.organisation(grid.parentCode()).type()).isEqualTo(OrganisationType.COMMUNITY);
        }
        // and no community or grid is empty
        Set<String> gridParents = xiangcheng.organisations(OrganisationType.GRID).stream()
                .map(DemoOrganisation::parentCode).collect(Collectors.toSet());
        assertThat(gridParents).containsExactlyInAnyOrderElementsOf(
                xiangcheng.organisations(OrganisationType.COMMUNITY).stream().map(DemoOrganisation::code).toList());
    }

    @Test
    void twentyNineCommunityWorkersSixteenInTheTwoCommittees() {
        List<DemoMember> workers = twoDistricts.allMembers().filter(DemoMember::communityWorker).toList();
        assertThat(workers).hasSize(29);
        assertThat(workers).filteredOn(m -> m.cadreRole() != null).hasSize(16);
        assertThat(twoDistricts.allMembers().filter(m -> m.cadreRole() != null && !m.communityWorker())).isEmpty();
        int fromFigures = twoDistricts.expectedFigures("xiangcheng").communityWorkers()
                + twoDistricts.expectedFigures("longwen").communityWorkers();
        int inCommittees = twoDistricts.expectedFigures("xiangcheng").communityWorkersInCommittees()
                + twoDistricts.expectedFigures("longwen").communityWorkersInCommittees();
        assertThat(fromFigures).isEqualTo(29);
        assertThat(inCommittees).isEqualTo(16);
        // the same holds with every district deployed
        assertThat(city.allMembers().filter(DemoMember::communityWorker)).hasSize(29);
    }

    @Test
    void theCityHas264Communities() {
        int communities = city.districts().stream()
                .mapToInt(d -> d.organisations(OrganisationType.COMMUNITY).size()).sum();
        assertThat(communities).isEqualTo(264);
        assertThat(city.districts()).extracting(DemoDistrict::id).containsExactlyElementsOf(Districts.IDS);
        assertThat(city.district("zhangpu").organisations(OrganisationType.COMMUNITY))
                .extracting(DemoOrganisation::name).contains("城西社区党委");
        // community names are unique inside a district
        for (DemoDistrict d : city.districts()) {
            List<String> names = d.organisations(OrganisationType.COMMUNITY).stream().map(DemoOrganisation::name).toList();
            assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        }
    }

    @Test
    void longwenMembersLiveAndReportInXiangcheng() {
        List<DemoMember> cross = twoDistricts.crossDistrictMembersLivingIn("xiangcheng");
        assertThat(cross).hasSize(DemoData.CROSS_DISTRICT_MEMBERS);
        DemoDistrict longwen = twoDistricts.district("longwen");
        DemoDistrict xiangcheng = twoDistricts.district("xiangcheng");
        for (DemoMember m : cross) {
            assertThat(longwen.members()).contains(m);
            assertThat(longwen.organisation(m.homeOrganisationCode()).type()).isEqualTo(OrganisationType.COMMUNITY);
            assertThat(xiangcheng.organisation(m.residenceCommunityCode()).type()).isEqualTo(OrganisationType.COMMUNITY);
            assertThat(m.reportsToResidence()).isTrue();
            assertThat(m.address()).contains("芗城区");
        }
        assertThat(twoDistricts.expectedFigures("xiangcheng").memberReportsAccepted())
                .isGreaterThan((int) xiangcheng.members().stream().filter(DemoMember::reportsToResidence).count());
        // without Xiangcheng deployed there is nowhere to report to
        assertThat(DemoData.generate(List.of("longwen")).crossDistrictMembersLivingIn("xiangcheng")).isEmpty();
    }

    @Test
    void residentsAreMostlyPlacedInAGroupOfTheirOwnCommunity() {
        for (DemoDistrict d : List.of(twoDistricts.district("xiangcheng"), twoDistricts.district("longwen"))) {
            List<DemoMember> residents = d.members().stream()
                    .filter(m -> m.residenceDistrict().equals(d.id())).toList();
            long unplaced = residents.stream().filter(m -> !m.placed()).count();
            assertThat(unplaced).isPositive().isLessThan(residents.size() / 10);
            for (DemoMember m : residents) {
                if (m.placed()) {
                    DemoOrganisation grid = d.organisation(d.organisation(m.partyGroupCode()).parentCode());
                    assertThat(grid.parentCode()).as("group of %s in its community", m.key())
                            .isEqualTo(m.residenceCommunityCode());
                }
            }
        }
    }

    @Test
    void unitsReportToCommunitiesOfTheirDistrictAndTheirMembersReportToo() {
        DemoDistrict xiangcheng = twoDistricts.district("xiangcheng");
        assertThat(xiangcheng.unitReports()).isNotEmpty()
                .hasSizeLessThan(xiangcheng.organisations(OrganisationType.RESIDENT_UNIT).size());
        for (DemoUnitReport r : xiangcheng.unitReports()) {
            assertThat(xiangcheng.organisation(r.unitCode()).type()).isEqualTo(OrganisationType.RESIDENT_UNIT);
            assertThat(xiangcheng.organisation(r.communityCode()).type()).isEqualTo(OrganisationType.COMMUNITY);
        }
        assertThat(xiangcheng.members()).filteredOn(m -> m.homeOrganisationCode().startsWith("RU"))
                .isNotEmpty()
                .allSatisfy(m -> {
                    assertThat(m.category()).isEqualTo(MemberCategory.IN_SERVICE);
                    assertThat(m.reportsToResidence()).isTrue();
                });
    }

    @Test
    void membersHaveWellFormedFakeContactDataAndSpecialties() {
        Set<String> specialties = new HashSet<>();
        Set<String> keys = new HashSet<>();
        city.allMembers().forEach(m -> {
            assertThat(keys.add(m.key())).as("unique key %s", m.key()).isTrue();
            assertThat(m.name()).matches("\\p{IsHan}{2,3}");
            assertThat(m.phone()).matches("1[3-9]\\d{9}");
            assertThat(m.idNumber()).matches("\\d{17}[\\dX]");
            assertThat(m.idNumber().charAt(17)).isEqualTo(DemoData.checkDigit(m.idNumber().substring(0, 17)));
            assertThat(DemoData.SPECIALTIES).containsAll(m.specialties());
            specialties.addAll(m.specialties());
        });
        assertThat(specialties).containsExactlyInAnyOrderElementsOf(DemoData.SPECIALTIES);
        assertThat(twoDistricts.district("xiangcheng").members())
                .filteredOn(m -> m.category() == MemberCategory.RETIRED && m.specialties().contains("治安巡逻"))
                .hasSizeGreaterThanOrEqualTo(12);
        assertThat(twoDistricts.allMembers().map(DemoMember::category).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(MemberCategory.values());
    }

    @Test
    void generationIsDeterministicAndIndependentOfTheOtherDistricts() {
        assertThat(DemoData.generate(List.of("xiangcheng", "longwen"))).isEqualTo(twoDistricts);
        assertThat(DemoData.generate(Districts.IDS)).isEqualTo(city);
        // Xiangcheng's own data does not change when more districts are deployed
        assertThat(city.district("xiangcheng")).isEqualTo(twoDistricts.district("xiangcheng"));
        assertThat(DemoData.generate(List.of("xiangcheng")).district("xiangcheng"))
                .isEqualTo(twoDistricts.district("xiangcheng"));
        Map<String, DemoMember> byKey = city.allMembers().collect(Collectors.toMap(DemoMember::key, Function.identity()));
        assertThat(byKey).hasSize((int) city.allMembers().count());
    }

    @Test
    void unknownDistrictsAreRejected() {
        assertThatThrownBy(() -> DemoData.generate(List.of("xiamen")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xiamen");
    }
}
