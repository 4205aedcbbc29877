package cn.zhangzhou.partybuilding.events;

import java.util.HashSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DistrictsTest {

    @Test
    void theElevenDistrictsOfZhangzhou() {
        assertThat(Districts.IDS).hasSize(11).doesNotHaveDuplicates();
        assertThat(new HashSet<>(Districts.IDS)).isEqualTo(Districts.NAMES.keySet());
        assertThat(Districts.NAMES).containsEntry("xiangcheng", "芗城区").containsEntry("longwen", "龙文区")
                .containsEntry("zhangpu", "漳浦县").containsEntry("huaan", "华安县");
        // Ids go into topic names and the topic pattern [a-z]+: lower-case letters only.
        assertThat(Districts.IDS).allMatch(id -> id.matches("[a-z]+"));
    }

    @Test
    void isKnown() {
        assertThat(Districts.isKnown("longhai")).isTrue();
        assertThat(Districts.isKnown("Longhai")).isFalse();
        assertThat(Districts.isKnown("xiamen")).isFalse();
        assertThat(Districts.isKnown("")).isFalse();
        assertThat(Districts.isKnown(null)).isFalse();
    }

    @Test
    void requireReturnsTheIdOrNamesTheKnownOnes() {
        assertThat(Districts.require("changtai")).isEqualTo("changtai");
        assertThatThrownBy(() -> Districts.require("fuzhou"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fuzhou")
                .hasMessageContaining("xiangcheng");
    }

    /** The district enums in the JSON Schemas are Districts.IDS, in the same order. */
    @Test
    void schemaDistrictEnumsAreTheDistrictIds() {
        for (EventType<?> type : EventCatalog.all()) {
            EventSchemas.schemaDocument(type).path("properties").properties().forEach(field -> {
                if (field.getKey().endsWith("District")) {
                    assertThat(field.getValue().path("enum").valueStream().map(n -> n.asString()).toList())
                            .as(type.ceType() + "." + field.getKey())
                            .isEqualTo(Districts.IDS);
                }
            });
        }
    }
}
