package cn.zhangzhou.partybuilding.wishes.wish;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.zhangzhou.partybuilding.events.wishes.ConfirmedBy;
import cn.zhangzhou.partybuilding.events.wishes.PostedBy;
import cn.zhangzhou.partybuilding.events.wishes.WishCancelled;
import cn.zhangzhou.partybuilding.events.wishes.WishCategory;
import cn.zhangzhou.partybuilding.events.wishes.WishConfirmed;
import cn.zhangzhou.partybuilding.events.wishes.WishExpired;
import cn.zhangzhou.partybuilding.events.wishes.WishPosted;
import cn.zhangzhou.partybuilding.events.wishes.WishPublished;
import cn.zhangzhou.partybuilding.events.wishes.WishRejected;
import cn.zhangzhou.partybuilding.events.wishes.WishRevised;
import cn.zhangzhou.partybuilding.events.wishes.WishSentBack;
import cn.zhangzhou.partybuilding.events.wishes.WishWithdrawn;
import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;
import cn.zhangzhou.partybuilding.wishes.WishesProperties;
import cn.zhangzhou.partybuilding.directory.MembershipDirectory;
import cn.zhangzhou.partybuilding.wishes.scope.AccessPolicy;

/**
 * Posting, screening (审核), revising, withdrawing, cancelling and confirming wishes: the community's side; the
 * needs menu (需求菜单) and the end of a round.
 */
@Service
public class WishService {

    private final WishLifecycle lifecycle;
    private final WishStore wishes;
    private final ClaimStore claims;
    private final ConfirmationCodeStore codes;
    private final MembershipDirectory directory;
    private final AccessPolicy access;
    private final ClaimService claimers;
    private final int ceiling;

    WishService(WishLifecycle lifecycle, WishStore wishes, ClaimStore claims, ConfirmationCodeStore codes,
                MembershipDirectory directory, AccessPolicy access, ClaimService claimers,
                WishesProperties properties) {
        this.lifecycle = lifecycle;
        this.wishes = wishes;
        this.claims = claims;
        this.codes = codes;
        this.directory = directory;
        this.access = access;
        this.claimers = claimers;
        this.ceiling = properties.wishes().valueCeilingYuan();
    }

    @Transactional
    WishView post(Caller caller, UUID communityId, Wish.Content content, Wish.Beneficiary beneficiary) {
        checkPost(caller, communityId, content);
        UUID beneficiaryId = UUID.randomUUID();
        wishes.insertBeneficiary(beneficiaryId, beneficiary, communityId, lifecycle.now());
        return insert(caller, communityId, content, beneficiaryId);
    }

    /**
     * A further wish of someone the community already knows: the same beneficiary id, so reports count people
     * helped, not wishes. The beneficiary must belong to the same community (their data is the community's).
     */
    @Transactional
    WishView postFor(Caller caller, UUID communityId, Wish.Content content, UUID beneficiaryId) {
        checkPost(caller, communityId, content);
        if (!wishes.beneficiaryOf(communityId, beneficiaryId)) {
            throw new DomainRuleException("beneficiaryId", "no beneficiary " + beneficiaryId + " in community "
                    + communityId);
        }
        return insert(caller, communityId, content, beneficiaryId);
    }

    private void checkPost(Caller caller, UUID communityId, Wish.Content content) {
        access.requireCommunity(communityId);
        access.requireManage(caller, communityId);
        checkContent(communityId, content);
    }

    private WishView insert(Caller caller, UUID communityId, Wish.Content content, UUID beneficiaryId) {
        Instant now = lifecycle.now();
        Wish wish = new Wish(UUID.randomUUID(), communityId, content.gridId(), content.category(),
                content.description(), content.estimatedValueYuan(), PostedBy.STAFF, beneficiaryId, WishStatus.POSTED,
                false, null, 1, now, null, 0, null);
        lifecycle.post(wish, caller.subject(), new WishPosted(wish.id(), communityId, content.gridId(),
                content.category(), content.estimatedValueYuan(), PostedBy.STAFF, beneficiaryId));
        codes.issue(wish.id(), now);
        return view(lifecycle.require(wish.id()));
    }

    private void checkContent(UUID communityId, Wish.Content content) {
        if (content.estimatedValueYuan() < 1 || content.estimatedValueYuan() > ceiling) {
            throw new DomainRuleException("estimatedValueYuan", "must be between 1 and " + ceiling + " yuan");
        }
        if (content.gridId() != null && directory.organisation(content.gridId())
                .filter(g -> g.active() && communityId.equals(g.parentId())).isEmpty()) {
            throw new DomainRuleException("gridId", "no active grid " + content.gridId() + " in community "
                    + communityId);
        }
    }

    @Transactional
    WishView publish(Caller caller, UUID id, long version) {
        Wish w = managed(caller, id);
        lifecycle.move(w, Transition.PUBLISH, version, new WishPublished(w.id(), w.communityId(), w.priority()),
                now -> wishes.publish(w, now, lifecycle.roundEndsAt(now), caller.subject()));
        return view(lifecycle.require(id));
    }

    @Transactional
    WishView sendBack(Caller caller, UUID id, long version, String reason) {
        Wish w = managed(caller, id);
        lifecycle.move(w, Transition.SEND_BACK, version, caller.subject(), reason,
                new WishSentBack(w.id(), w.communityId(), reason));
        return view(lifecycle.require(id));
    }

    @Transactional
    WishView reject(Caller caller, UUID id, long version, String reason) {
        Wish w = managed(caller, id);
        lifecycle.move(w, Transition.REJECT, version, caller.subject(), reason,
                new WishRejected(w.id(), w.communityId(), reason));
        return view(lifecycle.require(id));
    }

    @Transactional
    WishView revise(Caller caller, UUID id, long version, Wish.Content content) {
        Wish w = managed(caller, id);
        Transition.REVISE.check(id, w.status());
        checkContent(w.communityId(), content);
        lifecycle.move(w, Transition.REVISE, version, new WishRevised(w.id(), w.communityId(), content.gridId(),
                        content.category(), content.estimatedValueYuan()),
                now -> wishes.revise(w, content, now, caller.subject()));
        return view(lifecycle.require(id));
    }

    @Transactional
    WishView withdraw(Caller caller, UUID id, long version, String reason) {
        Wish w = managed(caller, id);
        lifecycle.move(w, Transition.WITHDRAW, version, caller.subject(), reason,
                new WishWithdrawn(w.id(), w.communityId(), reason));
        return view(lifecycle.require(id));
    }

    /** Cancelling a claimed wish ends its standing claim with it. */
    @Transactional
    WishView cancel(Caller caller, UUID id, long version, String reason) {
        Wish w = managed(caller, id);
        lifecycle.move(w, Transition.CANCEL, version, caller.subject(), reason,
                new WishCancelled(w.id(), w.communityId(), w.currentClaimId(), reason));
        if (w.currentClaimId() != null) {
            claims.cancel(w.currentClaimId());
        }
        return view(lifecycle.require(id));
    }

    /** Staff confirm (确认兑现) what the claimer reported fulfilled; the wish is closed. */
    @Transactional
    WishView confirm(Caller caller, UUID id, long version) {
        Wish w = managed(caller, id);
        close(w, version, caller.subject(), null, ConfirmedBy.STAFF);
        return view(lifecycle.require(id));
    }

    /** The beneficiary's code was right ({@link BeneficiaryConfirmation}): it is used, once, and the wish closed. */
    @Transactional
    void confirmByCode(Caller caller, UUID id) {
        Wish w = lifecycle.require(id);
        if (!codes.use(id, caller.subject(), lifecycle.now())) {
            throw new ConflictException("the confirmation code of wish " + id + " was used or invalidated meanwhile");
        }
        close(w, null, caller.subject(), "confirmed by the beneficiary's code", ConfirmedBy.BENEFICIARY);
    }

    private void close(Wish w, Long version, String actor, String reason, ConfirmedBy by) {
        lifecycle.move(w, Transition.CONFIRM, version, actor, reason,
                new WishConfirmed(w.id(), w.communityId(), w.currentClaimId(), by));
        claims.markConfirmed(w.currentClaimId(), lifecycle.now());
    }

    /** A published wish whose round ended unclaimed expires (到期未认领); false if it was no longer due. */
    @Transactional
    public boolean expire(UUID id, Instant now) {
        Wish w = lifecycle.require(id);
        if (w.status() != WishStatus.PUBLISHED || w.roundEndsAt() == null || w.roundEndsAt().isAfter(now)) {
            return false;
        }
        lifecycle.move(w, Transition.EXPIRE, null, "system", "round " + w.round() + " ended " + w.roundEndsAt()
                + " unclaimed", new WishExpired(id, w.communityId(), w.round()));
        return true;
    }

    /**
     * Staff in scope see any wish; a member sees published wishes and the ones they hold the claim of; anyone
     * else is told it does not exist.
     */
    WishView get(Caller caller, UUID id) {
        return view(readable(caller, id));
    }

    List<WishStore.HistoryEntry> history(Caller caller, UUID id) {
        return wishes.history(readable(caller, id).id());
    }

    /** The needs menu of a community: members see published wishes only, staff in scope every status. */
    Page<WishView> menu(Caller caller, UUID communityId, WishCategory category, WishStatus status, int page,
                        int size) {
        if (!access.mayManage(caller, communityId)) {
            if (caller.member() == null) {
                throw new ForbiddenException("the wishes of community " + communityId + " are outside your scope");
            }
            if (status != null && status != WishStatus.PUBLISHED) {
                throw new ForbiddenException("members see published wishes only");
            }
            status = WishStatus.PUBLISHED;
        }
        return wishes.menu(communityId, category, status, page, size);
    }

    private Wish readable(Caller caller, UUID id) {
        Wish w = lifecycle.require(id);
        if (access.mayManage(caller, w.communityId()) || caller.member() != null
                && (w.status() == WishStatus.PUBLISHED || claims.find(w.currentClaimId())
                .map(c -> claimers.actsFor(caller, c, w.communityId())).orElse(false))) {
            return w;
        }
        throw NotFoundException.of("wish", id);
    }

    Wish managed(Caller caller, UUID id) {
        Wish w = lifecycle.require(id);
        access.requireManage(caller, w.communityId());
        return w;
    }

    private WishView view(Wish w) {
        return WishView.of(w, wishes.beneficiary(w.beneficiaryId()).name(),
                claims.find(w.currentClaimId()).orElse(null));
    }
}
