package cn.zhangzhou.partybuilding.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The 404 detail names the first unknown segment and what would have matched. */
class UnknownRouteTest {

    private final Map<String, Map<String, URI>> districts = new TreeMap<>(Map.of(
            "xiangcheng", Map.of("membership", URI.create("http://a")),
            "longwen", Map.of("membership", URI.create("http://b"))));

    @Test
    void namesTheUnknownDistrict() {
        assertThat(DistrictRoutes.unknown("/api/v1/zhangpu/membership/members", districts))
                .startsWith("Unknown district 'zhangpu'").contains("[longwen, xiangcheng]");
        assertThat(DistrictRoutes.unknown("/api/v1/", districts)).startsWith("Unknown district ''");
        assertThat(DistrictRoutes.unknown("/openapi/zhangpu/membership", districts)).startsWith("Unknown district 'zhangpu'");
    }

    @Test
    void namesTheUnknownServiceOfAKnownDistrict() {
        assertThat(DistrictRoutes.unknown("/api/v1/longwen/wishes/wishes", districts))
                .isEqualTo("District longwen has no service 'wishes'; its services are [membership]");
        assertThat(DistrictRoutes.unknown("/openapi/longwen/wishes", districts)).contains("no service 'wishes'");
    }

    @Test
    void longSegmentsAreCut() {
        String detail = DistrictRoutes.unknown("/api/v1/" + "z".repeat(500) + "/x", districts);
        assertThat(detail).contains("'" + "z".repeat(40) + "…'").doesNotContain("z".repeat(41));
    }
}
