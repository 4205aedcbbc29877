package cn.zhangzhou.partybuilding.support.security;

import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses (403) a MEMBER token whose {@code member} does not belong to its {@code district}: the member is known
 * under another district, or unknown to a service that knows every member ({@link MemberHomes#knowsEveryMember()}).
 * Runs before every handler of a service that declares a {@link MemberHomes} bean, so no endpoint can forget it;
 * object-level checks ("only their own records") then trust the member claim.
 */
public class MemberBinding implements HandlerInterceptor {

    private final MemberHomes homes;

    public MemberBinding(MemberHomes homes) {
        this.homes = homes;
    }

    /** @throws ForbiddenException when the caller's member and district do not belong together */
    public void check(Caller caller) {
        if (!caller.hasRole(Role.MEMBER) || caller.member() == null) {
            return;
        }
        Optional<String> home = homes.districtOf(caller.member());
        if (home.isPresent() && !home.get().equals(caller.district())) {
            throw new ForbiddenException("The token binds member " + caller.member() + " to district "
                    + caller.district() + ", but the member belongs to district " + home.get());
        }
        if (home.isEmpty() && homes.knowsEveryMember()) {
            throw new ForbiddenException("The token binds member " + caller.member() + " to district "
                    + caller.district() + ", but no district holds that member");
        }
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication authentication) {
            check(authentication.caller());
        }
        return true;
    }
}
