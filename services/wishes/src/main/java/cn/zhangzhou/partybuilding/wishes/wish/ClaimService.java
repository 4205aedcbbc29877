package cn.zhangzhou.partybuilding.wishes.wish;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.zhangzhou.partybuilding.events.wishes.ClaimerKind;
import cn.zhangzhou.partybuilding.events.wishes.DeadlineKind;
import cn.zhangzhou.partybuilding.events.wishes.ReleaseReason;
import cn.zhangzhou.partybuilding.events.wishes.WishClaimed;
import cn.zhangzhou.partybuilding.events.wishes.WishContactRevealed;
import cn.zhangzhou.partybuilding.events.wishes.WishContacted;
import cn.zhangzhou.partybuilding.events.wishes.WishFulfilled;
import cn.zhangzhou.partybuilding.events.wishes.WishReleased;
import cn.zhangzhou.partybuilding.events.wishes.WishReminderDue;
import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;
import cn.zhangzhou.partybuilding.wishes.WishesProperties;
import cn.zhangzhou.partybuilding.directory.MembershipDirectory;
import cn.zhangzhou.partybuilding.wishes.group.HelpGroup;
import cn.zhangzhou.partybuilding.wishes.group.HelpGroupService;
import cn.zhangzhou.partybuilding.wishes.scope.AccessPolicy;

/**
 * The claimer's side: claim (认领), see the contact data, record contact, report fulfilment, give up; and what
 * the deadlines do to a standing claim (release, reminders).
 */
@Service
public class ClaimService {

    /** The beneficiary's contact data, for the claimer only. */
    record Contact(UUID wishId, UUID claimId, String name, String phone, String address) {
    }

    private final WishLifecycle lifecycle;
    private final WishStore wishes;
    private final ClaimStore claims;
    private final MembershipDirectory directory;
    private final AccessPolicy access;
    private final WishesProperties.Wishes rules;
    private final HelpGroupService groups;

    ClaimService(WishLifecycle lifecycle, WishStore wishes, ClaimStore claims, MembershipDirectory directory,
                 AccessPolicy access, WishesProperties properties, HelpGroupService groups) {
        this.lifecycle = lifecycle;
        this.wishes = wishes;
        this.claims = claims;
        this.directory = directory;
        this.access = access;
        this.rules = properties.wishes();
        this.groups = groups;
    }

    /**
     * Who claims: a member as themselves (no body, or {@code claimerKind MEMBER}), a help group (帮帮团) through its
     * lead, or a resident unit (驻区单位) through staff in scope.
     */
    record Claimer(ClaimerKind kind, UUID groupId, UUID unitId) {

        static final Claimer SELF = new Claimer(ClaimerKind.MEMBER, null, null);
    }

    private record Resolved(ClaimerKind kind, UUID id, String district) {
    }

    /**
     * One claim wins: the wish moves PUBLISHED → CLAIMED by a conditional update, so of parallel claims the
     * first to commit wins and the rest find 0 rows (409). The open-claims limit ({@code zz.wishes.max-open-claims})
     * holds per claimer: per member, per group, per unit — a group's claims do not count against its members.
     */
    @Transactional
    Claim claim(Caller caller, UUID wishId, Claimer claimer) {
        Wish w = lifecycle.require(wishId);
        // State first: under contention most claims arrive after the winner committed, and their 409 should
        // not wait for the eligibility queries.
        Transition.CLAIM.check(wishId, w.status());
        Resolved who = resolve(caller, w, claimer);
        claims.lockClaimer(who.id());
        if (claims.openClaimsOf(who.id()) >= rules.maxOpenClaims()) {
            throw new DomainRuleException(who.kind().name().toLowerCase() + " " + who.id() + " already holds "
                    + rules.maxOpenClaims() + " open claims; fulfil one first");
        }
        Instant now = lifecycle.now();
        Instant contactDeadline = now.plus(rules.contactDeadline());
        Claim claim = new Claim(UUID.randomUUID(), wishId, who.kind(), who.id(), who.district(), "OPEN", now,
                contactDeadline, null, null, null, null, null, null, null);
        lifecycle.move(w, Transition.CLAIM, null, new WishClaimed(wishId, w.communityId(), claim.id(), who.kind(),
                who.id(), who.district(), contactDeadline), at -> wishes.claim(w, claim.id(), at, caller.subject()));
        claims.insert(claim);
        return claims.find(claim.id()).orElseThrow();
    }

    private Resolved resolve(Caller caller, Wish w, Claimer claimer) {
        return switch (claimer.kind()) {
            case MEMBER -> {
                UUID member = access.requireMember(caller);
                // A member of any district, with their home district's token (MemberBinding checked that the
                // directory knows them from no other district), living in the community or reported to it.
                if (!directory.mayActIn(member, w.communityId())) {
                    throw new ForbiddenException("member " + member + " of district " + caller.district()
                            + " neither lives in community " + w.communityId()
                            + " nor has an accepted member report (双报到) to it");
                }
                yield new Resolved(ClaimerKind.MEMBER, member, caller.district());
            }
            case GROUP -> {
                if (claimer.groupId() == null) {
                    throw new DomainRuleException("groupId", "a GROUP claim names the help group (groupId)");
                }
                UUID member = access.requireMember(caller);
                HelpGroup group = groups.require(claimer.groupId());
                if (!member.equals(group.leadMemberId())) {
                    throw new ForbiddenException("only the lead of help group " + group.id() + " claims for it");
                }
                if (!group.communityId().equals(w.communityId())) {
                    throw new DomainRuleException("groupId", "help group " + group.id() + " belongs to community "
                            + group.communityId() + ", not to the wish's community " + w.communityId());
                }
                // Eligibility is checked when members join; the lead's is checked again at each claim, since a
                // lead who moved away no longer belongs to the community's volunteers.
                if (!directory.mayActIn(member, w.communityId())) {
                    throw new DomainRuleException("groupId", "the lead of help group " + group.id() + " no longer "
                            + "lives in community " + w.communityId() + " nor has an accepted member report to it");
                }
                yield new Resolved(ClaimerKind.GROUP, group.id(), access.district());
            }
            case UNIT -> {
                if (claimer.unitId() == null) {
                    throw new DomainRuleException("unitId", "a UNIT claim names the resident unit (unitId)");
                }
                if (!access.mayManage(caller, w.communityId())) {
                    throw new ForbiddenException("a unit claims through staff of community " + w.communityId());
                }
                if (!directory.unitReportedTo(claimer.unitId(), w.communityId())) {
                    throw new DomainRuleException("unitId", "unit " + claimer.unitId() + " has no accepted unit "
                            + "report (单位报到) to community " + w.communityId());
                }
                yield new Resolved(ClaimerKind.UNIT, claimer.unitId(), access.district());
            }
        };
    }

    /** The beneficiary's contact data, to the holder of the standing claim only; every reveal is recorded. */
    @Transactional
    Contact contact(Caller caller, UUID wishId) {
        Wish w = lifecycle.require(wishId);
        Claim claim = standingClaimOf(caller, w, null);
        Wish.Beneficiary b = wishes.beneficiary(w.beneficiaryId());
        claims.recordReveal(wishId, claim.id(), caller.subject(), lifecycle.now());
        lifecycle.touch(w, new WishContactRevealed(wishId, w.communityId(), claim.id()));
        return new Contact(wishId, claim.id(), b.name(), b.phone(), b.address());
    }

    @Transactional
    Claim contacted(Caller caller, UUID wishId) {
        Wish w = lifecycle.require(wishId);
        Claim claim = standingClaimOf(caller, w, Transition.CONTACT);
        Instant now = lifecycle.now();
        Instant deadline = now.plus(rules.fulfilmentDeadline());
        lifecycle.move(w, Transition.CONTACT, null, caller.subject(), null,
                new WishContacted(wishId, w.communityId(), claim.id(), deadline));
        claims.markContacted(claim.id(), now, deadline);
        return claims.find(claim.id()).orElseThrow();
    }

    @Transactional
    Claim fulfil(Caller caller, UUID wishId, String note, String photoRef) {
        Wish w = lifecycle.require(wishId);
        Claim claim = standingClaimOf(caller, w, Transition.FULFIL);
        lifecycle.move(w, Transition.FULFIL, null, caller.subject(), null,
                new WishFulfilled(wishId, w.communityId(), claim.id(), photoRef != null));
        claims.markFulfilled(claim.id(), lifecycle.now(), note, photoRef);
        return claims.find(claim.id()).orElseThrow();
    }

    /**
     * The claimer gives up (放弃认领) before fulfilling: the wish goes back to the menu with priority, as after a
     * missed deadline, and the claim records why. A fulfilled wish cannot be given up (409).
     */
    @Transactional
    Claim withdraw(Caller caller, UUID wishId) {
        Wish w = lifecycle.require(wishId);
        Claim claim = standingClaimOf(caller, w, Transition.RELEASE);
        release(w, claim.id(), caller.subject(), ReleaseReason.CLAIMER_WITHDREW, null);
        return claims.find(claim.id()).orElseThrow();
    }

    /**
     * A deadline passed (释放, 优先认领): the wish goes back to the menu with priority and the claim records the
     * miss.
     *
     * @return false if the claim moved on since the deadline was found missed
     */
    @Transactional
    public boolean release(ClaimStore.Deadline missed) {
        Wish w = lifecycle.require(missed.wishId());
        if (!stillDue(missed, w)) {
            return false;
        }
        release(w, missed.claimId(), "system", missed.kind() == DeadlineKind.CONTACT
                ? ReleaseReason.CONTACT_DEADLINE_MISSED : ReleaseReason.FULFILMENT_DEADLINE_MISSED, missed.kind());
        return true;
    }

    private void release(Wish w, UUID claimId, String actor, ReleaseReason reason, DeadlineKind missed) {
        lifecycle.move(w, Transition.RELEASE, null, new WishReleased(w.id(), w.communityId(), claimId, reason, true),
                now -> wishes.release(w, now, lifecycle.roundEndsAt(now), actor, reason.name()));
        claims.release(claimId, lifecycle.now(), reason, missed);
    }

    /**
     * Reminds the claimer (提醒) of the deadline, once per claim and deadline kind.
     *
     * @return false if the claim moved on meanwhile or was already reminded
     */
    @Transactional
    public boolean remind(ClaimStore.Deadline due, Instant now) {
        Wish w = lifecycle.require(due.wishId());
        if (!stillDue(due, w) || !claims.recordReminder(due.claimId(), due.kind(), now)) {
            return false;
        }
        lifecycle.touch(w, new WishReminderDue(w.id(), w.communityId(), due.claimId(), due.kind(), due.at()));
        return true;
    }

    private static boolean stillDue(ClaimStore.Deadline d, Wish w) {
        WishStatus expected = d.kind() == DeadlineKind.CONTACT ? WishStatus.CLAIMED : WishStatus.CONTACTED;
        return d.claimId().equals(w.currentClaimId()) && w.status() == expected;
    }

    /** 我的认领: the member's own claims and their help groups'. */
    Page<ClaimStore.ClaimSummary> mine(Caller caller, ClaimStatus status, int page, int size) {
        return claims.claimsOf(access.requireMember(caller), true, status, null, page, size);
    }

    /** Staff see a member's claims on wishes inside their scope. */
    Page<ClaimStore.ClaimSummary> ofMember(Caller caller, UUID memberId, ClaimStatus status, int page,
                                                  int size) {
        if (!access.isStaff(caller)) {
            throw new ForbiddenException("only staff see another member's claims; members use /api/v1/claims/mine");
        }
        // District-wide staff see all; street and community staff only claims on wishes inside their subtree.
        List<UUID> within = access.isDistrictWide(caller) ? null : directory.subtree(caller.org());
        return claims.claimsOf(memberId, false, status, within, page, size);
    }

    /** @param next the move the claimer is about to make (checked first, 409 naming it); null: none */
    private Claim standingClaimOf(Caller caller, Wish w, Transition next) {
        if (next != null) {
            next.check(w.id(), w.status());
        }
        if (w.status() != WishStatus.CLAIMED && w.status() != WishStatus.CONTACTED
                && w.status() != WishStatus.FULFILLED) {
            throw new ConflictException("wish " + w.id() + " is " + w.status() + "; no claim stands");
        }
        Claim claim = claims.find(w.currentClaimId()).orElseThrow();
        if (!actsFor(caller, claim, w.communityId())) {
            throw new ForbiddenException("only " + who(claim) + " may do this on wish " + w.id());
        }
        return claim;
    }

    /**
     * Who acts on a standing claim (contact reveal, contact, fulfilment, giving up) for its claimer:
     * <ul>
     *   <li>MEMBER: that member;</li>
     *   <li>GROUP (帮帮团): the lead or any current member of the group — the claim is the group's, and whoever of
     *       it visits the beneficiary records what happened; a member who left the group no longer acts;</li>
     *   <li>UNIT (驻区单位): staff whose scope covers the wish's community (or the district's system) — a unit has
     *       no account here; the community coordinates with the unit it accepted the report of, as with a paper
     *       slip.</li>
     * </ul>
     */
    boolean actsFor(Caller caller, Claim claim, UUID communityId) {
        return switch (claim.claimerKind()) {
            case MEMBER -> caller.member() != null && claim.claimerId().equals(caller.member());
            case GROUP -> groups.require(claim.claimerId()).hasMember(caller.member());
            case UNIT -> access.mayManage(caller, communityId);
        };
    }

    /** Who may act, for the 403 message. */
    private static String who(Claim claim) {
        return switch (claim.claimerKind()) {
            case MEMBER -> "the claiming member";
            case GROUP -> "a member of help group " + claim.claimerId();
            case UNIT -> "staff of the community for unit " + claim.claimerId();
        };
    }
}
