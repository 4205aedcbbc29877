package cn.zhangzhou.partybuilding.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.membership.OrganisationType;

/** The wishes demo data fits the membership demo data and the wishes service's rules. */
class DemoWishesTest {

    private final DemoDataSet data = DemoData.generate(List.of("xiangcheng", "longwen", "zhangpu"));
    private final Map<String, List<DemoWish>> wishes = DemoWishes.generate(data);

    @Test
    void everyWishIsInACommunityOfTheMembershipDemoDataWithAGridOfThatCommunity() {
        assertThat(wishes).containsOnlyKeys("xiangcheng", "longwen", "zhangpu");
        wishes.forEach((d, list) -> {
            DemoDistrict district = data.district(d);
            for (DemoWish w : list) {
                DemoOrganisation community = district.organisation(w.communityCode());
                assertThat(community.type()).as(w.key()).isEqualTo(OrganisationType.COMMUNITY);
                DemoOrganisation grid = district.organisation(w.gridCode());
                assertThat(grid.type()).as(w.key()).isEqualTo(OrganisationType.GRID);
                assertThat(grid.parentCode()).as(w.key()).isEqualTo(w.communityCode());
            }
        });
    }

    @Test
    void valuesAreUnderTheCeilingAndTextsFitTheApi() {
        wishes.values().stream().flatMap(List::stream).forEach(w -> {
            assertThat(w.estimatedValueYuan()).as(w.key()).isBetween(1, DemoWishes.VALUE_CEILING_YUAN);
            assertThat(w.description()).as(w.key()).isNotBlank().hasSizeLessThanOrEqualTo(500);
            if (w.beneficiary() != null) {
                assertThat(w.beneficiary().name()).isNotBlank().hasSizeLessThanOrEqualTo(50);
                assertThat(w.beneficiary().phone()).matches("[0-9+\\- ]{5,20}");
                assertThat(w.beneficiary().address()).startsWith("福建省漳州市").hasSizeLessThanOrEqualTo(200);
            }
        });
    }

    @Test
    void claimersLiveInTheCommunityTheyClaimIn() {
        wishes.forEach((d, list) -> {
            Map<String, DemoMember> members = data.district(d).members().stream()
                    .collect(Collectors.toMap(DemoMember::key, m -> m));
            list.stream().filter(w -> w.claimerKey() != null).forEach(w -> {
                DemoMember claimer = members.get(w.claimerKey());
                assertThat(claimer).as("claimer of %s is a member of %s", w.key(), d).isNotNull();
                assertThat(claimer.residenceDistrict()).isEqualTo(d);
                assertThat(claimer.residenceCommunityCode()).as(w.key()).isEqualTo(w.communityCode());
            });
            assertThat(list.stream().filter(w -> w.state().compareTo(DemoWishState.CLAIMED) < 0))
                    .allSatisfy(w -> assertThat(w.claimerKey()).isNull());
        });
    }

    @Test
    void theTwoArticleDistrictsHaveEveryStateInEveryCommunity() {
        for (String d : List.of("xiangcheng", "longwen")) {
            List<DemoOrganisation> communities = data.district(d).organisations(OrganisationType.COMMUNITY);
            Map<String, Set<DemoWishState>> states = new HashMap<>();
            wishes.get(d).forEach(w -> states.computeIfAbsent(w.communityCode(), k -> new HashSet<>()).add(w.state()));
            assertThat(states).hasSize(communities.size());
            assertThat(states.values()).allSatisfy(s -> assertThat(s).containsExactlyInAnyOrder(DemoWishState.values()));
            assertThat(wishes.get(d)).allSatisfy(w -> assertThat(w.replay()).isNull());
            // Open claims (claimed or contacted, not yet fulfilled) of one member stay under the service's limit of 3.
            Map<String, Long> open = wishes.get(d).stream()
                    .filter(w -> w.state() == DemoWishState.CLAIMED || w.state() == DemoWishState.CONTACTED)
                    .collect(Collectors.groupingBy(DemoWish::claimerKey, Collectors.counting()));
            assertThat(open.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(3));
        }
    }

    @Test
    void chengxi2015Has150ClaimedWishesOf35PeopleAllIn2015() {
        List<DemoWish> zhangpu = wishes.get("zhangpu");
        assertThat(zhangpu).hasSize(DemoWishes.CHENGXI_2015_CLAIMED).hasSize(150);
        DemoOrganisation chengxi = data.district("zhangpu").organisation(zhangpu.get(0).communityCode());
        assertThat(chengxi.name()).startsWith("城西社区");
        assertThat(data.district("zhangpu").organisation(chengxi.parentCode()).name()).contains("绥安镇");
        assertThat(zhangpu).allSatisfy(w -> {
            assertThat(w.communityCode()).isEqualTo(chengxi.code());
            assertThat(w.state()).isEqualTo(DemoWishState.CONFIRMED);
            for (Instant at : List.of(w.replay().posted(), w.replay().claimed(), w.replay().fulfilled(),
                    w.replay().confirmed())) {
                assertThat(at.atZone(ZoneId.of("Asia/Shanghai")).getYear()).as(w.key()).isEqualTo(2015);
            }
        });
        // 35 new people; every later wish helps one of them again (an earlier wish's beneficiary).
        List<DemoWish> newcomers = zhangpu.stream().filter(w -> w.beneficiary() != null).toList();
        assertThat(newcomers).hasSize(DemoWishes.CHENGXI_2015_HELPED).hasSize(35);
        Set<String> keys = new HashSet<>();
        for (DemoWish w : zhangpu) {
            if (w.sameBeneficiaryAs() != null) {
                assertThat(keys).as("%s refers to an earlier wish", w.key()).contains(w.sameBeneficiaryAs());
                assertThat(newcomers.stream().map(DemoWish::key)).contains(w.sameBeneficiaryAs());
            }
            keys.add(w.key());
        }
        // Replayed in posting order, so the service's clock only jumps back between wishes.
        for (int i = 1; i < zhangpu.size(); i++) {
            assertThat(zhangpu.get(i).replay().posted()).isAfter(zhangpu.get(i - 1).replay().posted());
        }
    }

    @Test
    void keysAreUniqueAndGenerationIsDeterministic() {
        List<String> keys = wishes.values().stream().flatMap(List::stream).map(DemoWish::key).toList();
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(DemoWishes.generate(DemoData.generate(List.of("xiangcheng", "longwen", "zhangpu"))))
                .isEqualTo(wishes);
        // Districts without a wishes story get none; a district alone gets the same wishes as in company.
        assertThat(DemoWishes.generate(DemoData.generate(List.of("longhai")))).isEmpty();
        assertThat(DemoWishes.generate(DemoData.generate(List.of("zhangpu"))).get("zhangpu"))
                .isEqualTo(wishes.get("zhangpu"));
    }
}
