package cn.zhangzhou.partybuilding.wishes.wish;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.zhangzhou.partybuilding.events.wishes.ConfirmedBy;
import cn.zhangzhou.partybuilding.events.wishes.PostedBy;
import cn.zhangzhou.partybuilding.events.wishes.WishCancelled;
import cn.zhangzhou.partybuilding.events.wishes.WishCategory;
import cn.zhangzhou.partybuilding.events.wishes.WishConfirmed;
import cn.zhangzhou.partybuilding.events.wishes.WishPosted;
import cn.zhangzhou.partybuilding.events.wishes.WishPublished;
import cn.zhangzhou.partybuilding.events.wishes.WishRejected;
import cn.zhangzhou.partybuilding.events.wishes.WishRevised;
import cn.zhangzhou.partybuilding.events.wishes.WishSentBack;
import cn.zhangzhou.partybuilding.events.wishes.WishWithdrawn;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.wishes.WishesProperties;
import cn.zhangzhou.partybuilding.wishes.directory.Directory;
import cn.zhangzhou.partybuilding.wishes.scope.AccessPolicy;

/** Posting, screening (审核), revising, withdrawing, cancelling and confirming wishes: the community's side. */
@Service
public class WishService {

    /** The revisable attributes of a wish. */
    public record WishContent(UUID gridId, WishCategory category, String description, int estimatedValueYuan) {
    }

    /** The beneficiary's personal data; stored apart and never in an event. */
    public record BeneficiaryData(String name, String phone, String address) {
    }

    private final WishStore wishes;
    private final ClaimStore claims;
    private final Directory directory;
    private final AccessPolicy access;
    private final JdbcClient jdbc;
    private final int ceiling;
    private final ClaimerAuthority authority;
    private final ConfirmationCodes codes;

    public WishService(WishStore wishes, ClaimStore claims, Directory directory, AccessPolicy access, JdbcClient jdbc,
                       WishesProperties properties, ClaimerAuthority authority, ConfirmationCodes codes) {
        this.authority = authority;
        this.codes = codes;
        this.wishes = wishes;
        this.claims = claims;
        this.directory = directory;
        this.access = access;
        this.jdbc = jdbc;
        this.ceiling = properties.wishes().valueCeilingYuan();
    }

    @Transactional
    public WishView post(Caller caller, UUID communityId, WishContent content, BeneficiaryData beneficiary) {
        checkPost(caller, communityId, content);
        UUID beneficiaryId = UUID.randomUUID();
        jdbc.sql("insert into beneficiary (id, name, phone, address, community_id, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(beneficiaryId, beneficiary.name(), beneficiary.phone(), beneficiary.address(), communityId,
                        Timestamp.from(wishes.now()))
                .update();
        return insert(caller, communityId, content, beneficiaryId);
    }

    /**
     * A further wish of someone the community already knows: the same beneficiary id, so reports count people
     * helped, not wishes. The beneficiary must belong to the same community (their data is the community's).
     */
    @Transactional
    public WishView postFor(Caller caller, UUID communityId, WishContent content, UUID beneficiaryId) {
        checkPost(caller, communityId, content);
        boolean known = jdbc.sql("select exists (select 1 from beneficiary where id = ? and community_id = ?)")
                .params(beneficiaryId, communityId).query(Boolean.class).single();
        if (!known) {
            throw new DomainRuleException("beneficiaryId", "no beneficiary " + beneficiaryId + " in community "
                    + communityId);
        }
        return insert(caller, communityId, content, beneficiaryId);
    }

    private void checkPost(Caller caller, UUID communityId, WishContent content) {
        if (directory.community(communityId).isEmpty()) {
            throw new DomainRuleException("communityId", "no active community " + communityId + " in district "
                    + access.district());
        }
        access.requireManage(caller, communityId);
        checkContent(communityId, content);
    }

    private WishView insert(Caller caller, UUID communityId, WishContent content, UUID beneficiaryId) {
        var now = wishes.now();
        Wish wish = new Wish(UUID.randomUUID(), communityId, content.gridId(), content.category(),
                content.description(), content.estimatedValueYuan(), PostedBy.STAFF, beneficiaryId, WishStatus.POSTED,
                false, null, 1, now, null, 0, null);
        wishes.insert(wish, caller.subject(), new WishPosted(wish.id(), communityId, content.gridId(),
                content.category(), content.estimatedValueYuan(), PostedBy.STAFF, beneficiaryId));
        codes.issue(wish.id(), now);
        return view(wishes.require(wish.id()));
    }

    private void checkContent(UUID communityId, WishContent content) {
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
    public WishView publish(Caller caller, UUID id, long version) {
        Wish w = managed(caller, id);
        wishes.move(w, Transition.PUBLISH, version, "published_at = :now", Map.of(), caller.subject(), null,
                new WishPublished(w.id(), w.communityId(), w.priority()));
        return view(wishes.require(id));
    }

    @Transactional
    public WishView sendBack(Caller caller, UUID id, long version, String reason) {
        Wish w = managed(caller, id);
        wishes.move(w, Transition.SEND_BACK, version, null, Map.of(), caller.subject(), reason,
                new WishSentBack(w.id(), w.communityId(), reason));
        return view(wishes.require(id));
    }

    @Transactional
    public WishView reject(Caller caller, UUID id, long version, String reason) {
        Wish w = managed(caller, id);
        wishes.move(w, Transition.REJECT, version, null, Map.of(), caller.subject(), reason,
                new WishRejected(w.id(), w.communityId(), reason));
        return view(wishes.require(id));
    }

    @Transactional
    public WishView revise(Caller caller, UUID id, long version, WishContent content) {
        Wish w = managed(caller, id);
        Transition.REVISE.check(id, w.status());
        checkContent(w.communityId(), content);
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("grid", content.gridId());
        p.put("category", content.category().name());
        p.put("description", content.description());
        p.put("value", content.estimatedValueYuan());
        wishes.move(w, Transition.REVISE, version,
                "grid_id = :grid, category = :category, description = :description, estimated_value_yuan = :value",
                p, caller.subject(), null, new WishRevised(w.id(), w.communityId(), content.gridId(),
                        content.category(), content.estimatedValueYuan()));
        return view(wishes.require(id));
    }

    @Transactional
    public WishView withdraw(Caller caller, UUID id, long version, String reason) {
        Wish w = managed(caller, id);
        wishes.move(w, Transition.WITHDRAW, version, null, Map.of(), caller.subject(), reason,
                new WishWithdrawn(w.id(), w.communityId(), reason));
        return view(wishes.require(id));
    }

    /** Cancelling a claimed wish ends its standing claim with it. */
    @Transactional
    public WishView cancel(Caller caller, UUID id, long version, String reason) {
        Wish w = managed(caller, id);
        wishes.move(w, Transition.CANCEL, version, null, Map.of(), caller.subject(), reason,
                new WishCancelled(w.id(), w.communityId(), w.currentClaimId(), reason));
        if (w.currentClaimId() != null) {
            claims.update(w.currentClaimId(), "status = 'CANCELLED'");
        }
        return view(wishes.require(id));
    }

    /** Staff confirm (确认兑现) what the claimer reported fulfilled; the wish is closed. */
    @Transactional
    public WishView confirm(Caller caller, UUID id, long version) {
        Wish w = managed(caller, id);
        wishes.move(w, Transition.CONFIRM, version, null, Map.of(), caller.subject(), null,
                new WishConfirmed(w.id(), w.communityId(), w.currentClaimId(), ConfirmedBy.STAFF));
        claims.update(w.currentClaimId(), "status = 'CONFIRMED', confirmed_at = ?", Timestamp.from(wishes.now()));
        return view(wishes.require(id));
    }

    /**
     * Staff in scope see any wish; a member sees published wishes and the ones they hold the claim of; anyone
     * else is told it does not exist.
     */
    public WishView get(Caller caller, UUID id) {
        return view(readable(caller, id));
    }

    public List<WishStore.HistoryEntry> history(Caller caller, UUID id) {
        Wish w = readable(caller, id);
        return wishes.history(w.id());
    }

    private Wish readable(Caller caller, UUID id) {
        Wish w = wishes.require(id);
        if (access.mayManage(caller, w.communityId())) {
            return w;
        }
        if (caller.member() != null && (w.status() == WishStatus.PUBLISHED || claims.find(w.currentClaimId())
                .map(c -> authority.actsFor(caller, c, w.communityId())).orElse(false))) {
            return w;
        }
        throw NotFoundException.of("wish", id);
    }

    private Wish managed(Caller caller, UUID id) {
        Wish w = wishes.require(id);
        access.requireManage(caller, w.communityId());
        return w;
    }

    public WishView view(Wish w) {
        String name = jdbc.sql("select name from beneficiary where id = ?").param(w.beneficiaryId())
                .query(String.class).single();
        Claim claim = claims.find(w.currentClaimId()).orElse(null);
        return WishView.of(w, name, claim);
    }
}
