package cn.zhangzhou.partybuilding.wishes.wish;

import java.util.UUID;

import org.springframework.stereotype.Component;

import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.wishes.group.HelpGroupStore;
import cn.zhangzhou.partybuilding.wishes.scope.AccessPolicy;

/**
 * Who acts on a standing claim (contact reveal, contact, fulfilment, giving up) for its claimer:
 * <ul>
 *   <li>MEMBER: that member;</li>
 *   <li>GROUP (帮帮团): the lead or any current member of the group — the claim is the group's, and whoever of
 *       it visits the beneficiary records what happened; a member who left the group no longer acts;</li>
 *   <li>UNIT (驻区单位): staff whose scope covers the wish's community (or the district's system) — a unit has no
 *       account here; the community coordinates with the unit it accepted the report of, as with a paper slip.</li>
 * </ul>
 */
@Component
public class ClaimerAuthority {

    private final HelpGroupStore groups;
    private final AccessPolicy access;

    public ClaimerAuthority(HelpGroupStore groups, AccessPolicy access) {
        this.groups = groups;
        this.access = access;
    }

    public boolean actsFor(Caller caller, Claim claim, UUID communityId) {
        return switch (claim.claimerKind()) {
            case MEMBER -> caller.member() != null && claim.claimerId().equals(caller.member());
            case GROUP -> groups.isMember(claim.claimerId(), caller.member());
            case UNIT -> access.mayManage(caller, communityId);
        };
    }

    /** Who may act, for the 403 message. */
    static String who(Claim claim) {
        return switch (claim.claimerKind()) {
            case MEMBER -> "the claiming member";
            case GROUP -> "a member of help group " + claim.claimerId();
            case UNIT -> "staff of the community for unit " + claim.claimerId();
        };
    }
}
