package cn.zhangzhou.partybuilding.dashboard.figures;

import static cn.zhangzhou.partybuilding.testing.DistrictFixture.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cn.zhangzhou.partybuilding.dashboard.testing.ArticleCity;
import cn.zhangzhou.partybuilding.dashboard.testing.DistrictEvents;
import cn.zhangzhou.partybuilding.dashboard.testing.RunningDashboard;

/** Approved hours (HoursApproved) by category, trainings apart, within the days asked for. */
class HoursTest {

    private static final RunningDashboard d = RunningDashboard.get();

    @Test
    void hoursByCategoryWithTrainingsApartInTheRange() {
        String huagang = "/api/v1/organisations/" + d.city.huagang;
        DistrictEvents.hours(ArticleCity.XIANGCHENG, d.city.huagang, "LEGAL", false, 120, LocalDate.of(2017, 3, 1));
        DistrictEvents.hours(ArticleCity.XIANGCHENG, d.city.huagang, "LEGAL", false, 30, LocalDate.of(2017, 3, 2));
        DistrictEvents.hours(ArticleCity.XIANGCHENG, d.city.huagang, null, false, 45, LocalDate.of(2017, 3, 31));
        DistrictEvents.hours(ArticleCity.XIANGCHENG, d.city.huagang, "IT", true, 60, LocalDate.of(2017, 4, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> require(d.api.get(huagang, d.admin()), 200).body()
                .at("/total/trainingMinutes").asLong() == 60);

        JsonNode march = require(d.api.get(huagang + "?from=2017-03-01&to=2017-03-31", d.staff(d.city.huagang)), 200)
                .body();
        assertThat(march.at("/total/serviceMinutes").asLong()).isEqualTo(195);
        assertThat(march.at("/total/trainingMinutes").asLong()).isZero();
        assertThat(march.get("hours").toString()).isEqualTo("[{\"category\":\"GENERAL\",\"training\":false,"
                + "\"minutes\":45},{\"category\":\"LEGAL\",\"training\":false,\"minutes\":150}]");
        JsonNode all = require(d.api.get(huagang, d.streetStaff(d.city.nankeng)), 200).body();
        assertThat(all.get("hours").toString()).contains("{\"category\":\"IT\",\"training\":true,\"minutes\":60}");
        JsonNode street = require(d.api.get("/api/v1/organisations/" + d.city.nankeng + "?from=2017-03-01&to=2017-04-30",
                d.streetStaff(d.city.nankeng)), 200).body();
        assertThat(street.at("/total/serviceMinutes").asLong()).isEqualTo(195);
    }
}
