package cn.zhangzhou.partybuilding.wishes.wish;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.zhangzhou.partybuilding.events.wishes.PostedBy;
import cn.zhangzhou.partybuilding.events.wishes.WishCategory;
import cn.zhangzhou.partybuilding.support.web.Page;

/**
 * The wish, its history and its beneficiary's personal data. Every move is a conditional update on the wish as
 * it was read (status and version) plus a history row; it returns false when someone else moved the wish first.
 */
@Repository
public class WishStore {

    /** One row of a wish's history. */
    record HistoryEntry(WishStatus from, WishStatus to, Transition transition, String actor, Instant at,
                        String reason) {
    }

    private final JdbcClient jdbc;

    WishStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Wish> find(UUID id) {
        return jdbc.sql("select * from wish where id = ?").param(id).query(WishStore::map).optional();
    }

    void insert(Wish w, String actor) {
        jdbc.sql("insert into wish (id, community_id, grid_id, category, description, estimated_value_yuan, posted_by, "
                        + "beneficiary_id, status, priority, version, posted_at, updated_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, false, 1, ?, ?)")
                .params(w.id(), w.communityId(), w.gridId(), w.category().name(), w.description(),
                        w.estimatedValueYuan(), w.postedBy().name(), w.beneficiaryId(), w.status().name(),
                        Timestamp.from(w.postedAt()), Timestamp.from(w.postedAt()))
                .update();
        history(w.id(), null, w.status(), "POST", actor, w.postedAt(), null);
    }

    /** A move that changes the status only. */
    boolean move(Wish w, Transition transition, Instant at, String actor, String reason) {
        return update(w, transition, at, actor, reason, "", Map.of());
    }

    /** Onto the menu for its first round (轮次), until {@code roundEndsAt}. */
    boolean publish(Wish w, Instant at, Instant roundEndsAt, String actor) {
        return update(w, Transition.PUBLISH, at, actor, null,
                ", published_at = :now, round = round + 1, round_ends_at = :roundEnds",
                Map.of("roundEnds", Timestamp.from(roundEndsAt)));
    }

    /** The claim stands; a wish released with priority loses it once claimed again. */
    boolean claim(Wish w, UUID claimId, Instant at, String actor) {
        return update(w, Transition.CLAIM, at, actor, null, ", current_claim_id = :claim, priority = false",
                Map.of("claim", claimId));
    }

    /** Back onto the menu with priority (释放, 优先认领) for a new round, without its claim. */
    boolean release(Wish w, Instant at, Instant roundEndsAt, String actor, String reason) {
        return update(w, Transition.RELEASE, at, actor, reason,
                ", current_claim_id = null, priority = true, round = round + 1, round_ends_at = :roundEnds",
                Map.of("roundEnds", Timestamp.from(roundEndsAt)));
    }

    boolean revise(Wish w, Wish.Content content, Instant at, String actor) {
        Map<String, Object> params = new HashMap<>(Map.of("category", content.category().name(),
                "description", content.description(), "value", content.estimatedValueYuan()));
        params.put("grid", content.gridId());
        return update(w, Transition.REVISE, at, actor, null, ", grid_id = :grid, category = :category, "
                + "description = :description, estimated_value_yuan = :value", params);
    }

    private boolean update(Wish w, Transition transition, Instant at, String actor, String reason, String set,
                           Map<String, Object> params) {
        int updated = jdbc.sql("update wish set status = :to, version = version + 1, updated_at = :now" + set
                        + " where id = :id and status = :from and version = :version")
                .params(params)
                .param("to", transition.to().name())
                .param("now", Timestamp.from(at))
                .param("id", w.id())
                .param("from", w.status().name())
                .param("version", w.version())
                .update();
        if (updated == 1) {
            history(w.id(), w.status(), transition.to(), transition.name(), actor, at, reason);
        }
        return updated == 1;
    }

    /** One version on without a change of status; false when someone else changed the wish first. */
    boolean touch(Wish w) {
        return jdbc.sql("update wish set version = version + 1 where id = ? and version = ?")
                .params(w.id(), w.version()).update() == 1;
    }

    private void history(UUID wishId, WishStatus from, WishStatus to, String transition, String actor, Instant at,
                         String reason) {
        jdbc.sql("insert into wish_transition (wish_id, from_status, to_status, transition, actor, at, reason) "
                        + "values (?, ?, ?, ?, ?, ?, ?)")
                .params(wishId, from == null ? null : from.name(), to.name(), transition, actor, Timestamp.from(at),
                        reason)
                .update();
    }

    List<HistoryEntry> history(UUID wishId) {
        return jdbc.sql("select * from wish_transition where wish_id = ? order by id").param(wishId)
                .query((rs, i) -> new HistoryEntry(
                        rs.getString("from_status") == null ? null : WishStatus.valueOf(rs.getString("from_status")),
                        WishStatus.valueOf(rs.getString("to_status")),
                        "POST".equals(rs.getString("transition")) ? null : Transition.valueOf(rs.getString("transition")),
                        rs.getString("actor"), rs.getTimestamp("at").toInstant(), rs.getString("reason")))
                .list();
    }

    /** The needs menu (需求菜单): priority (released) wishes first, then oldest published, then oldest posted. */
    Page<WishView> menu(UUID communityId, WishCategory category, WishStatus status, int page, int size) {
        String from = " from wish w join beneficiary b on b.id = w.beneficiary_id where w.community_id = :community"
                + (category == null ? "" : " and w.category = :category")
                + (status == null ? "" : " and w.status = :status");
        Map<String, Object> params = new HashMap<>(Map.of("community", communityId, "size", size,
                "offset", (long) page * size));
        params.put("category", category == null ? null : category.name());
        params.put("status", status == null ? null : status.name());
        long total = jdbc.sql("select count(*)" + from).params(params).query(Long.class).single();
        List<WishView> items = jdbc.sql("select w.*, b.name beneficiary_name" + from
                        + " order by w.priority desc, w.published_at nulls last, w.posted_at, w.id "
                        + "limit :size offset :offset")
                .params(params)
                .query((rs, i) -> WishView.of(map(rs, i), rs.getString("beneficiary_name"), null))
                .list();
        return Page.of(items, page, size, total);
    }

    /** Published wishes whose round ended by {@code now}, oldest end first. */
    public List<UUID> roundEnded(Instant now) {
        return jdbc.sql("select id from wish where status = 'PUBLISHED' and round_ends_at <= ? order by round_ends_at")
                .param(Timestamp.from(now)).query(UUID.class).list();
    }

    void insertBeneficiary(UUID id, Wish.Beneficiary b, UUID communityId, Instant at) {
        jdbc.sql("insert into beneficiary (id, name, phone, address, community_id, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(id, b.name(), b.phone(), b.address(), communityId, Timestamp.from(at))
                .update();
    }

    boolean beneficiaryOf(UUID communityId, UUID beneficiaryId) {
        return jdbc.sql("select exists (select 1 from beneficiary where id = ? and community_id = ?)")
                .params(beneficiaryId, communityId).query(Boolean.class).single();
    }

    Wish.Beneficiary beneficiary(UUID id) {
        return jdbc.sql("select name, phone, address from beneficiary where id = ?").param(id)
                .query((rs, i) -> new Wish.Beneficiary(rs.getString("name"), rs.getString("phone"),
                        rs.getString("address")))
                .single();
    }

    private static Wish map(ResultSet rs, int i) throws SQLException {
        return new Wish(rs.getObject("id", UUID.class), rs.getObject("community_id", UUID.class),
                rs.getObject("grid_id", UUID.class), WishCategory.valueOf(rs.getString("category")),
                rs.getString("description"), rs.getInt("estimated_value_yuan"),
                PostedBy.valueOf(rs.getString("posted_by")), rs.getObject("beneficiary_id", UUID.class),
                WishStatus.valueOf(rs.getString("status")), rs.getBoolean("priority"),
                rs.getObject("current_claim_id", UUID.class), rs.getLong("version"),
                rs.getTimestamp("posted_at").toInstant(), instant(rs.getTimestamp("published_at")),
                rs.getInt("round"), instant(rs.getTimestamp("round_ends_at")));
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
