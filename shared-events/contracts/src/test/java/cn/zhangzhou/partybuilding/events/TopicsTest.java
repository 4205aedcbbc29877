package cn.zhangzhou.partybuilding.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicsTest {

    @Test
    void eventsTopicIsDistrictDotServiceDotEvents() {
        assertThat(Topics.events("xiangcheng", "wishes")).isEqualTo("xiangcheng.wishes.events");
        assertThat(Topics.events("huaan", "membership")).isEqualTo("huaan.membership.events");
    }

    @Test
    void eventsTopicRejectsAnUnknownDistrict() {
        assertThatThrownBy(() -> Topics.events("xiamen", "wishes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("xiamen");
        assertThatThrownBy(() -> Topics.events(null, "wishes")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deadLetterTopicAppendsDlt() {
        assertThat(Topics.deadLetter("longwen.membership.events")).isEqualTo("longwen.membership.events-dlt");
    }

    @Test
    void allDistrictsPatternMatchesEveryDistrictsEventsTopicOfTheServiceOnly() {
        var pattern = Topics.allDistricts("membership");

        for (String district : Districts.IDS) {
            assertThat(pattern.matcher(Topics.events(district, "membership")).matches()).as(district).isTrue();
            assertThat(pattern.matcher(Topics.deadLetter(Topics.events(district, "membership"))).matches())
                    .as("dead letters of " + district).isFalse();
            assertThat(pattern.matcher(Topics.events(district, "wishes")).matches()).as("wishes of " + district)
                    .isFalse();
        }
        assertThat(pattern.matcher("xiangcheng.membershipXevents").matches()).isFalse();
        assertThat(pattern.matcher("xiangcheng.membership.events.v2").matches()).isFalse();
    }

    @Test
    void districtOfReadsThePrefix() {
        assertThat(Topics.districtOf("zhaoan.wishes.events")).isEqualTo("zhaoan");
        assertThat(Topics.districtOf(Topics.deadLetter("dongshan.membership.events"))).isEqualTo("dongshan");
        assertThatThrownBy(() -> Topics.districtOf("nodots")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.districtOf(".membership.events")).isInstanceOf(IllegalArgumentException.class);
    }
}
