package cn.zhangzhou.partybuilding.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;

/**
 * The article's volunteering figures (docs/domain.md) as the demo loads them: the loader records exactly these, and
 * the launcher's summary reads them back from the service's own reports.
 */
class DemoVolunteeringTest {

    private final DemoDistrict xiangcheng = DemoData.generate(List.of("xiangcheng")).district("xiangcheng");

    @Test
    void theJudgesStudioOfQunyuCommunityHas54MediationsAnd19Explanations() {
        assertThat(DemoVolunteering.JUDGES_STUDIO.organisationName()).isEqualTo("群裕社区");
        assertThat(DemoVolunteering.JUDGES_STUDIO.total("MEDIATION")).isEqualTo(54);
        assertThat(DemoVolunteering.JUDGES_STUDIO.total("JUDGMENT_EXPLANATION")).isEqualTo(19);
    }

    @Test
    void thePatrolOfNankengStreetReported3LeadsAndCaught17SuspectsWithTwelveMembers() {
        assertThat(DemoVolunteering.PATROL.total("CRIMINAL_LEAD")).isEqualTo(3);
        assertThat(DemoVolunteering.PATROL.total("SUSPECT_CAUGHT")).isEqualTo(17);
        List<DemoMember> team = DemoVolunteering.patrolTeam(xiangcheng);
        assertThat(team).hasSize(12).doesNotHaveDuplicates();
        String street = DemoVolunteering.organisationCode(xiangcheng, "南坑街道");
        assertThat(xiangcheng.organisation(street).type()).isEqualTo(OrganisationType.STREET_COMMITTEE);
        assertThat(team).allSatisfy(m -> assertThat(xiangcheng.organisation(m.residenceCommunityCode()).parentCode())
                .as(m.key() + " lives in 南坑街道").isEqualTo(street));
        assertThat(team.get(0).category()).as("a retired member leads").isEqualTo(MemberCategory.RETIRED);
    }

    @Test
    void theStationOfHuagangCommunityIs400SquareMetresWithItsClasses() {
        assertThat(DemoVolunteering.STATION.organisationName()).isEqualTo("华港社区");
        assertThat(DemoVolunteering.STATION.description()).contains("400平方米", "电脑", "书法", "摄影");
        assertThat(DemoVolunteering.STATION.total("CLASS")).isEqualTo(36);
    }

    @Test
    void everyProjectBelongsToAnOrganisationOfTheDemoTreeAndItsRecordsFallInTheYear() {
        for (DemoVolunteering.BrandProject p : DemoVolunteering.BRAND_PROJECTS) {
            assertThat(xiangcheng.organisation(DemoVolunteering.organisationCode(xiangcheng, p.organisationName())))
                    .isNotNull();
            assertThat(p.records()).allSatisfy(r -> assertThat(r.month()).isBetween(1, 12));
        }
    }
}
