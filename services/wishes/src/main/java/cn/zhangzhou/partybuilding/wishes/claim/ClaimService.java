package cn.zhangzhou.partybuilding.wishes.claim;

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
import cn.zhangzhou.partybuilding.wishes.scope.AccessPolicy;
import cn.zhangzhou.partybuilding.wishes.wish.Transition;
import cn.zhangzhou.partybuilding.wishes.wish.Wish;
import cn.zhangzhou.partybuilding.wishes.wish.WishStatus;
import cn.zhangzhou.partybuilding.wishes.wish.WishStore;

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

    public ClaimService(WishStore wishes, ClaimStore claims, Directory directory, AccessPolicy access, JdbcClient jdbc,
                        WishesProperties properties) {
        this.wishes = wishes;
        this.claims = claims;
        this.directory = directory;
        this.access = access;
        this.jdbc = jdbc;
        this.rules = properties.wishes();
    }

    /**
     * One claim wins: the wish moves PUBLISHED → CLAIMED by a conditional update, so of parallel claims the
     * first to commit wins and the rest find 0 rows (409).
     */
    @Transactional
    public Claim claim(Caller caller, UUID wishId) {
        UUID member = access.requireMember(caller);
        Wish w = wishes.require(wishId);
        Transition.CLAIM.check(wishId, w.status());
        if (!directory.memberMayClaimIn(member, w.communityId())) {
            throw new ForbiddenException("member " + member + " neither lives in community " + w.communityId()
                    + " nor has an accepted member report (双报到) to it");
        }
        claims.lockClaimer(member);
        if (claims.openClaims(member) >= rules.maxOpenClaims()) {
            throw new DomainRuleException("member " + member + " already holds " + rules.maxOpenClaims()
                    + " open claims; fulfil one first");
        }
        Instant now = wishes.now();
        Instant contactDeadline = now.plus(rules.contactDeadline());
        String district = caller.district() == null ? access.district() : caller.district();
        Claim claim = new Claim(UUID.randomUUID(), wishId, ClaimerKind.MEMBER, member, district, "OPEN", now,
                contactDeadline, null, null, null, null, null, null, null);
        wishes.move(w, Transition.CLAIM, null, "current_claim_id = :claim, priority = false",
                Map.of("claim", claim.id()), caller.subject(), null, new WishClaimed(wishId, w.communityId(),
                        claim.id(), ClaimerKind.MEMBER, member, district, contactDeadline));
        claims.insert(claim);
        return claims.find(claim.id()).orElseThrow();
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
        if (caller.member() == null || !claim.claimerId().equals(caller.member())) {
            throw new ForbiddenException("only the claimer of wish " + w.id() + " may do this");
        }
        return claim;
    }

    Duration contactDeadline() {
        return rules.contactDeadline();
    }
}
