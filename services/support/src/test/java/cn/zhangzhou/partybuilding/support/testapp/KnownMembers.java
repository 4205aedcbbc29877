package cn.zhangzhou.partybuilding.support.testapp;

import cn.zhangzhou.partybuilding.support.security.MemberHomes;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The test application knows one member, held by longwen; any other member is news to it (not refused). */
@Component
public class KnownMembers implements MemberHomes {

    public static final UUID LONGWEN_MEMBER = UUID.fromString("6d1f8c1e-0000-4000-8000-00000000a001");

    @Override
    public Optional<String> districtOf(UUID member) {
        return LONGWEN_MEMBER.equals(member) ? Optional.of("longwen") : Optional.empty();
    }
}
