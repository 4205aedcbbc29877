package cn.zhangzhou.partybuilding.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class CallerScopeTest {

    private static Caller caller(Role role, String district, UUID org) {
        return new Caller("s", Set.of(role), district, org, null);
    }

    @Test
    void administratorsOfADistrictAndTheCity() {
        assertThat(caller(Role.CITY_ADMIN, null, null).administers("longwen")).isTrue();
        assertThat(caller(Role.DISTRICT_ADMIN, "xiangcheng", null).administers("xiangcheng")).isTrue();
        assertThat(caller(Role.DISTRICT_SYSTEM, "xiangcheng", null).administers("xiangcheng")).isTrue();
        assertThat(caller(Role.DISTRICT_ADMIN, "xiangcheng", null).administers("longwen")).isFalse();
        assertThat(caller(Role.COMMUNITY_STAFF, "xiangcheng", UUID.randomUUID()).administers("xiangcheng")).isFalse();
    }

    @Test
    void staffOfADistrictAtAnyLevel() {
        UUID org = UUID.randomUUID();
        assertThat(caller(Role.COMMUNITY_STAFF, "xiangcheng", org).isStaffOf("xiangcheng")).isTrue();
        assertThat(caller(Role.STREET_STAFF, "xiangcheng", org).isStaffOf("xiangcheng")).isTrue();
        assertThat(caller(Role.STREET_STAFF, "xiangcheng", org).isStaffOf("longwen")).isFalse();
        assertThat(caller(Role.COMMUNITY_STAFF, "xiangcheng", null).isStaffOf("xiangcheng")).isFalse();
        assertThat(caller(Role.MEMBER, "xiangcheng", null).isStaffOf("xiangcheng")).isFalse();
        assertThat(caller(Role.DISTRICT_ADMIN, "xiangcheng", null).isStaffOf("xiangcheng")).isTrue();
    }
}
