package cn.zhangzhou.partybuilding.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhangzhou.partybuilding.support.SupportApiTestBase;
import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.testapp.KnownMembers;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A MEMBER token must bind the member to the district that holds them (issue 12: "a member id from another district"). */
class MemberBindingTest extends SupportApiTestBase {

    private static final UUID HELD_IN_LONGWEN = UUID.randomUUID();

    private static Caller member(String district, UUID member) {
        return new Caller("m", Set.of(Role.MEMBER), district, null, member);
    }

    private static MemberBinding binding(boolean knowsEveryMember) {
        return new MemberBinding(new MemberHomes() {
            @Override
            public Optional<String> districtOf(UUID m) {
                return HELD_IN_LONGWEN.equals(m) ? Optional.of("longwen") : Optional.empty();
            }

            @Override
            public boolean knowsEveryMember() {
                return knowsEveryMember;
            }
        });
    }

    @Test
    void aMemberKnownUnderAnotherDistrictIsRefusedNamingBoth() {
        assertThatThrownBy(() -> binding(false).check(member("xiangcheng", HELD_IN_LONGWEN)))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("to district xiangcheng")
                .hasMessageContaining("belongs to district longwen");
        assertThatCode(() -> binding(false).check(member("longwen", HELD_IN_LONGWEN))).doesNotThrowAnyException();
    }

    @Test
    void anUnknownMemberIsRefusedOnlyWhereEveryMemberIsKnown() {
        UUID unknown = UUID.randomUUID();
        assertThatCode(() -> binding(false).check(member("xiangcheng", unknown))).doesNotThrowAnyException();
        assertThatThrownBy(() -> binding(true).check(member("xiangcheng", unknown)))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("no district holds that member");
    }

    @Test
    void callersWithoutTheMemberRoleAreNotLookedUp() {
        MemberBinding failing = new MemberBinding(m -> {
            throw new AssertionError("looked up " + m);
        });
        failing.check(new Caller("a", EnumSet.of(Role.DISTRICT_ADMIN), "xiangcheng", null, null));
        failing.check(new Caller("c", EnumSet.of(Role.CITY_ADMIN), null, null, null));
    }

    @Test
    void everyEndpointRefusesTheMismatchedTokenWithAProblem() {
        call("GET", "/api/v1/me", TestTokens.token(Role.MEMBER, DISTRICT, null, KnownMembers.LONGWEN_MEMBER), null)
                .assertProblem(403, "belongs to district longwen");
        Reply own = call("GET", "/api/v1/me", TestTokens.token(Role.MEMBER, "longwen", null, KnownMembers.LONGWEN_MEMBER),
                null);
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/me", TestTokens.token(Role.MEMBER, DISTRICT, null, UUID.randomUUID()), null)
                .status()).isEqualTo(200);
    }
}
