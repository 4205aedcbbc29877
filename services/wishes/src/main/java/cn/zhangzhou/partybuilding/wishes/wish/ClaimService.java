package cn.zhangzhou.partybuilding.wishes.wish;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.zhangzhou.partybuilding.events.wishes.ClaimerKind;
import cn.zhangzhou.partybuilding.events.wishes.WishClaimed;
import cn.zhangzhou.partybuilding.events.wishes.WishContactRevealed;
import cn.zhangzhou.partybuilding.events.wishes.WishContacted;
import cn.zhangzhou.partybuilding.events.wishes.ReleaseReason;
import cn.zhangzhou.partybuilding.events.wishes.WishFulfilled;
import cn.zhangzhou.partybuilding.events.wishes.WishReleased;
import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.wishes.WishesProperties;
import cn.zhangzhou.partybuilding.wishes.directory.Directory;
import cn.zhangzhou.partybuilding.wishes.group.HelpGroup;
import cn.zhangzhou.partybuilding.wishes.group.HelpGroupStore;
import cn.zhangzhou.partybuilding.wishes.scope.AccessPolicy;

/** The claimer's side: claim (认领), see the contact data, record contact, report fulfilment. */
@Service
public class ClaimService {

    /** The beneficiary's contact data, for the claimer only. */
    public record Contact(UUID wishId, UUID claimId, String name, String phone, String address) {
    }

    private final WishStore wishes;
    private final ClaimStore claims;
    private final Directory directory;
    private final AccessPolicy access;
    private final JdbcClient jdbc;
    private final WishesProperties.Wishes rules;
    private final HelpGroupStore groups;
    private final ClaimerAuthority authority;

    public ClaimService(WishStore wishes, ClaimStore claims, Directory directory, AccessPolicy access, JdbcClient jdbc,
                        WishesProperties properties, HelpGroupStore groups, ClaimerAuthority authority) {
        this.groups = groups;
        this.authority = authority;
        this.wishes = wishes;
        this.claims = claims;
        this.directory = directory;
        this.access = access;
        this.jdbc = jdbc;
        this.rules = properties.wishes();
    }

    /**
     * Who claims: a member as themselves (no body, or {@code claimerKind MEMBER}), a help group (帮帮团) through its
     * lead, or a resident unit (驻区单位) through staff in scope.
     */
    public record Claimer(ClaimerKind kind, UUID groupId, UUID unitId) {

        public static final Claimer SELF = new Claimer(ClaimerKind.MEMBER, null, null);
    }

    private record Resolved(ClaimerKind kind, UUID id, String district) {
    }

    /**
     * One claim wins: the wish moves PUBLISHED → CLAIMED by a conditional update, so of parallel claims the
     * first to commit wins and the rest find 0 rows (409). The open-claims limit ({@code zz.wishes.max-open-claims})
     * holds per claimer: per member, per group, per unit — a group's claims do not count against its members.
     */
    @Transactional
    public Claim claim(Caller caller, UUID wishId, Claimer claimer) {
        Wish w = wishes.require(wishId);
        // State first: under contention most claims arrive after the winner committed, and their 409 should
        // not wait for the eligibility queries.
        Transition.CLAIM.check(wishId, w.status());
        Resolved who = resolve(caller, w, claimer);
        claims.lockClaimer(who.id());
        if (claims.openClaims(who.id()) >= rules.maxOpenClaims()) {
            throw new DomainRuleException(who.kind().name().toLowerCase() + " " + who.id() + " already holds "
                    + rules.maxOpenClaims() + " open claims; fulfil one first");
        }
        Instant now = wishes.now();
        Instant contactDeadline = now.plus(rules.contactDeadline());
        Claim claim = new Claim(UUID.randomUUID(), wishId, who.kind(), who.id(), who.district(), "OPEN", now,
                contactDeadline, null, null, null, null, null, null, null);
        wishes.move(w, Transition.CLAIM, null, "current_claim_id = :claim, priority = false",
                Map.of("claim", claim.id()), caller.subject(), null, new WishClaimed(wishId, w.communityId(),
                        claim.id(), who.kind(), who.id(), who.district(), contactDeadline));
        claims.insert(claim);
        return claims.find(claim.id()).orElseThrow();
    }

    private Resolved resolve(Caller caller, Wish w, Claimer claimer) {
        return switch (claimer.kind()) {
            case MEMBER -> {
                UUID member = access.requireMember(caller);
                // A member of any district: their token comes from their home district, and the directory must
                // know them, from that district, as living in the community or reported to it.
                String home = caller.district() == null ? access.district() : caller.district();
                if (!directory.memberMayClaimIn(member, home, w.communityId())) {
                    throw new ForbiddenException("member " + member + " of district " + home
                            + " neither lives in community " + w.communityId()
                            + " nor has an accepted member report (双报到) to it");
                }
                yield new Resolved(ClaimerKind.MEMBER, member, home);
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
                if (!directory.memberMayClaimIn(member, null, w.communityId())) {
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
    public Contact contact(Caller caller, UUID wishId) {
        Wish w = wishes.require(wishId);
        Claim claim = standingClaimOf(caller, w);
        var contact = jdbc.sql("select name, phone, address from beneficiary where id = ?").param(w.beneficiaryId())
                .query((rs, i) -> new Contact(wishId, claim.id(), rs.getString("name"), rs.getString("phone"),
                        rs.getString("address")))
                .single();
        claims.recordReveal(wishId, claim.id(), caller.subject(), wishes.now());
        wishes.touch(w, new WishContactRevealed(wishId, w.communityId(), claim.id()));
        return contact;
    }

    @Transactional
    public Claim contacted(Caller caller, UUID wishId) {
        Wish w = wishes.require(wishId);
        Transition.CONTACT.check(wishId, w.status());
        Claim claim = standingClaimOf(caller, w);
        Instant now = wishes.now();
        Instant deadline = now.plus(rules.fulfilmentDeadline());
        wishes.move(w, Transition.CONTACT, null, null, Map.of(), caller.subject(), null,
                new WishContacted(wishId, w.communityId(), claim.id(), deadline));
        claims.update(claim.id(), "status = 'CONTACTED', contacted_at = ?, fulfilment_deadline = ?",
                Timestamp.from(now), Timestamp.from(deadline));
        return claims.find(claim.id()).orElseThrow();
    }

    @Transactional
    public Claim fulfil(Caller caller, UUID wishId, String note, String photoRef) {
        Wish w = wishes.require(wishId);
        Transition.FULFIL.check(wishId, w.status());
        Claim claim = standingClaimOf(caller, w);
        wishes.move(w, Transition.FULFIL, null, null, Map.of(), caller.subject(), null,
                new WishFulfilled(wishId, w.communityId(), claim.id(), photoRef != null));
        claims.update(claim.id(), "status = 'FULFILLED', fulfilled_at = ?, fulfilment_note = ?, photo_ref = ?",
                Timestamp.from(wishes.now()), note, photoRef);
        return claims.find(claim.id()).orElseThrow();
    }

    /**
     * The claimer gives up (放弃认领) before fulfilling: the wish goes back to the menu with priority, as after a
     * missed deadline, and the claim records why. A fulfilled wish cannot be given up (409).
     */
    @Transactional
    public Claim withdraw(Caller caller, UUID wishId) {
        Wish w = wishes.require(wishId);
        Transition.RELEASE.check(wishId, w.status());
        Claim claim = standingClaimOf(caller, w);
        wishes.move(w, Transition.RELEASE, null, "current_claim_id = null, priority = true", Map.of(),
                caller.subject(), ReleaseReason.CLAIMER_WITHDREW.name(), new WishReleased(wishId, w.communityId(),
                        claim.id(), ReleaseReason.CLAIMER_WITHDREW, true));
        claims.update(claim.id(), "status = 'RELEASED', released_at = ?, release_reason = ?",
                Timestamp.from(wishes.now()), ReleaseReason.CLAIMER_WITHDREW.name());
        return claims.find(claim.id()).orElseThrow();
    }

    private Claim standingClaimOf(Caller caller, Wish w) {
        if (w.status() != WishStatus.CLAIMED && w.status() != WishStatus.CONTACTED
                && w.status() != WishStatus.FULFILLED) {
            throw new ConflictException("wish " + w.id() + " is " + w.status() + "; no claim stands");
        }
        Claim claim = claims.find(w.currentClaimId()).orElseThrow();
        if (!authority.actsFor(caller, claim, w.communityId())) {
            throw new ForbiddenException("only " + ClaimerAuthority.who(claim) + " may do this on wish " + w.id());
        }
        return claim;
    }

    Duration contactDeadline() {
        return rules.contactDeadline();
    }
}
