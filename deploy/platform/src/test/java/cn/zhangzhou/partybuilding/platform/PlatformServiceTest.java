package cn.zhangzhou.partybuilding.platform;

import static cn.zhangzhou.partybuilding.platform.PlatformService.DASHBOARD;
import static cn.zhangzhou.partybuilding.platform.PlatformService.EVALUATION;
import static cn.zhangzhou.partybuilding.platform.PlatformService.GATEWAY;
import static cn.zhangzhou.partybuilding.platform.PlatformService.IDENTITY;
import static cn.zhangzhou.partybuilding.platform.PlatformService.MEMBERSHIP;
import static cn.zhangzhou.partybuilding.platform.PlatformService.VOLUNTEERING;
import static cn.zhangzhou.partybuilding.platform.PlatformService.WISHES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.Districts;
import cn.zhangzhou.partybuilding.platform.PlatformService.Instance;

class PlatformServiceTest {

    @Test
    void membershipPortsAre8081ForXiangcheng8082ForLongwenThenInDistrictOrder() {
        assertThat(MEMBERSHIP.in("xiangcheng").port()).isEqualTo(8081);
        assertThat(MEMBERSHIP.in("longwen").port()).isEqualTo(8082);
        assertThat(MEMBERSHIP.in("longhai").port()).isEqualTo(8083);
        assertThat(MEMBERSHIP.in("huaan").port()).isEqualTo(8091);
    }

    @Test
    void wishesPortsAre8181ForXiangchengThenInDistrictOrder() {
        assertThat(WISHES.in("xiangcheng").port()).isEqualTo(8181);
        assertThat(WISHES.in("longwen").port()).isEqualTo(8182);
        assertThat(WISHES.in("zhangpu").port()).isEqualTo(8185);
        assertThat(WISHES.in("huaan").port()).isEqualTo(8191);
        assertThatThrownBy(() -> WISHES.in("xiamen")).hasMessageContaining("xiamen");
    }

    @Test
    void volunteeringPortsAre8281ForXiangchengThenInDistrictOrder() {
        assertThat(VOLUNTEERING.in("xiangcheng").port()).isEqualTo(8281);
        assertThat(VOLUNTEERING.in("zhangpu").port()).isEqualTo(8285);
        assertThat(VOLUNTEERING.in("huaan").port()).isEqualTo(8291);
        assertThat(VOLUNTEERING.in("longwen").database()).contains("volunteering_longwen");
    }

    @Test
    void evaluationPortsAre8381ForXiangchengThenInDistrictOrder() {
        assertThat(EVALUATION.in("xiangcheng").port()).isEqualTo(8381);
        assertThat(EVALUATION.in("huaan").port()).isEqualTo(8391);
        assertThat(EVALUATION.in("longwen").database()).contains("evaluation_longwen");
    }

    @Test
    void everyInstanceOfAllElevenDistrictsHasAPortOfItsOwn() {
        List<Integer> ports = PlatformService.instances(Districts.IDS).stream().map(Instance::port).toList();
        assertThat(ports).hasSize(3 + 4 * Districts.IDS.size()).doesNotHaveDuplicates();
        assertThat(IDENTITY.instance().port()).isEqualTo(9000);
        assertThat(GATEWAY.instance().port()).isEqualTo(8080);
        assertThat(DASHBOARD.instance().port()).isEqualTo(8480);
    }

    @Test
    void instancesComeInStartOrderIdentityFirstTheGatewayLastDistrictsInTheirOrder() {
        assertThat(PlatformService.instances(List.of("zhangpu", "xiangcheng"))).extracting(Instance::name)
                .containsExactly("identity", "membership-xiangcheng", "membership-zhangpu", "wishes-xiangcheng",
                        "wishes-zhangpu", "volunteering-xiangcheng", "volunteering-zhangpu", "evaluation-xiangcheng",
                        "evaluation-zhangpu", "dashboard", "gateway");
    }

    @Test
    void eachDistrictServiceHasItsOwnDatabaseTheGatewayNone() {
        assertThat(MEMBERSHIP.in("longwen").database()).contains("membership_longwen");
        assertThat(WISHES.in("zhangpu").database()).contains("wishes_zhangpu");
        assertThat(IDENTITY.instance().database()).contains("identity");
        assertThat(GATEWAY.instance().database()).isEmpty();
        assertThat(DASHBOARD.instance().database()).contains("dashboard");
        assertThat(WISHES.in("longwen").localUrl()).isEqualTo("http://localhost:8182");
    }

    @Test
    void cityAndDistrictServicesAreNotMixedUp() {
        assertThat(PlatformService.districtServices()).containsExactly(MEMBERSHIP, WISHES, VOLUNTEERING, EVALUATION);
        assertThatThrownBy(MEMBERSHIP::instance).hasMessageContaining("per district");
        assertThatThrownBy(() -> GATEWAY.in("xiangcheng")).hasMessageContaining("city service");
        assertThatThrownBy(() -> DASHBOARD.in("xiangcheng")).hasMessageContaining("city service");
    }

    @Test
    void theLauncherHostsTheDistrictServicesAndTheDashboardIdentityAndTheGatewayRunApart() {
        assertThat(PlatformService.values()).filteredOn(PlatformService::hostedLocally)
                .containsExactly(MEMBERSHIP, WISHES, VOLUNTEERING, EVALUATION, DASHBOARD);
    }
}
