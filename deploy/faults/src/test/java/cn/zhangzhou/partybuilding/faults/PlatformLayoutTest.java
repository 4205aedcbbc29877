package cn.zhangzhou.partybuilding.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.platform.PlatformService;

/** Which services the fault suite runs in which district. */
class PlatformLayoutTest {

    @Test
    void theFirstDistrictRunsEveryServiceAndTheOthersMembershipAlone() {
        Map<String, List<PlatformService>> layout = Platform.layout(List.of("xiangcheng", "longwen", "zhangpu"));

        assertThat(layout.keySet()).containsExactly("xiangcheng", "longwen", "zhangpu");
        assertThat(layout.get("xiangcheng")).containsExactly(PlatformService.MEMBERSHIP, PlatformService.WISHES,
                PlatformService.VOLUNTEERING, PlatformService.EVALUATION);
        assertThat(layout.get("longwen")).containsExactly(PlatformService.MEMBERSHIP);
        assertThat(layout.get("zhangpu")).containsExactly(PlatformService.MEMBERSHIP);
    }

    @Test
    void oneDistrictRunsEveryService() {
        assertThat(Platform.layout(List.of("longwen"))).containsOnlyKeys("longwen")
                .containsEntry("longwen", Platform.SERVICES);
    }
}
