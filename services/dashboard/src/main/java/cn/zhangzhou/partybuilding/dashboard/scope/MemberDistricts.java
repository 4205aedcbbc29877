package cn.zhangzhou.partybuilding.dashboard.scope;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import cn.zhangzhou.partybuilding.support.security.MemberHomes;

/**
 * The member binding check of every MEMBER token (decision 0016): the dashboard learns which district holds each
 * member of the city from every district's membership events, so a member it does not know is a forged binding.
 */
@Component
class MemberDistricts implements MemberHomes {

    private final ScopeStore store;

    MemberDistricts(ScopeStore store) {
        this.store = store;
    }

    @Override
    public Optional<String> districtOf(UUID member) {
        return store.districtOf(member);
    }

    @Override
    public boolean knowsEveryMember() {
        return true;
    }
}
