package cn.zhangzhou.partybuilding.volunteering.post;

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

import cn.zhangzhou.partybuilding.events.volunteering.PostPublisher;
import cn.zhangzhou.partybuilding.events.volunteering.Requirement;
import cn.zhangzhou.partybuilding.events.volunteering.ScheduleKind;
import cn.zhangzhou.partybuilding.support.web.Page;

/** Posts and their claims. Every claim and withdrawal moves the post one version on. */
@Repository
class PostStore {

    private static final String SELECT = "select p.*, (select count(*) from post_claim c where c.post_id = p.id "
            + "and c.status = 'ACTIVE') claimed from post p";

    private final JdbcClient jdbc;

    PostStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Post> find(UUID id) {
        return jdbc.sql(SELECT + " where p.id = ?").param(id).query(PostStore::map).optional();
    }

    /** The post, locked until the transaction ends: its claims are taken one at a time, so capacity holds. */
    Optional<Post> lock(UUID id) {
        jdbc.sql("select id from post where id = ? for no key update").param(id).query(UUID.class).optional();
        return find(id);
    }

    void insert(Post p, String by) {
        jdbc.sql("insert into post (id, community_id, publisher, unit_id, title, description, place, specialty, "
                        + "requirement, schedule, starts_at, ends_at, hours_budget, capacity, campaign_id, status, version, "
                        + "published_at, published_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', 1, ?, ?)")
                .params(p.id(), p.communityId(), p.publisher().name(), p.unitId(), p.title(), p.description(), p.place(),
                        p.specialty(), p.requirement().name(), p.schedule().name(), Timestamp.from(p.startsAt()),
                        p.endsAt() == null ? null : Timestamp.from(p.endsAt()), p.hoursBudget(), p.capacity(),
                        p.campaignId(), Timestamp.from(p.publishedAt()), by)
                .update();
    }

    void close(UUID id, Instant at, String reason) {
        jdbc.sql("update post set status = 'CLOSED', closed_at = ?, close_reason = ?, version = version + 1 where id = ?")
                .params(Timestamp.from(at), reason, id).update();
    }

    void insertClaim(Post.Claim c) {
        jdbc.sql("insert into post_claim (id, post_id, volunteer_id, status, claimed_at) values (?, ?, ?, 'ACTIVE', ?)")
                .params(c.id(), c.postId(), c.volunteerId(), Timestamp.from(c.claimedAt())).update();
        bump(c.postId());
    }

    void withdraw(Post.Claim c, Instant at, String by) {
        jdbc.sql("update post_claim set status = 'WITHDRAWN', withdrawn_at = ?, withdrawn_by = ? where id = ?")
                .params(Timestamp.from(at), by, c.id()).update();
        bump(c.postId());
    }

    private void bump(UUID postId) {
        jdbc.sql("update post set version = version + 1 where id = ?").param(postId).update();
    }

    Optional<Post.Claim> claim(UUID claimId) {
        return jdbc.sql("select * from post_claim where id = ?").param(claimId).query(PostStore::claim).optional();
    }

    /** The volunteer's active claim on the post, if any. */
    Optional<Post.Claim> activeClaim(UUID postId, UUID volunteerId) {
        return jdbc.sql("select * from post_claim where post_id = ? and volunteer_id = ? and status = 'ACTIVE'")
                .params(postId, volunteerId).query(PostStore::claim).optional();
    }

    /** A FIXED post the volunteer holds an active claim on whose shift overlaps {@code from}–{@code to}. */
    Optional<Post> clash(UUID volunteerId, Instant from, Instant to) {
        return jdbc.sql(SELECT + " join post_claim c on c.post_id = p.id and c.volunteer_id = :v and c.status = 'ACTIVE' "
                        + "where p.schedule = 'FIXED' and p.starts_at < :to and p.ends_at > :from "
                        + "order by p.starts_at limit 1")
                .param("v", volunteerId).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query(PostStore::map).optional();
    }

    /** Posts of the communities, soonest first; either filter may be null. */
    Page<Post> of(List<UUID> communities, Post.Status status, UUID campaignId, int page, int size) {
        String where = " where p.community_id in (:communities)"
                + (status == null ? "" : " and p.status = :status")
                + (campaignId == null ? "" : " and p.campaign_id = :campaign");
        Map<String, Object> params = new HashMap<>(Map.of("communities", communities, "size", size,
                "offset", (long) page * size));
        params.put("status", status == null ? null : status.name());
        params.put("campaign", campaignId);
        long total = jdbc.sql("select count(*) from post p" + where).params(params).query(Long.class).single();
        List<Post> items = jdbc.sql(SELECT + where + " order by p.starts_at, p.id limit :size offset :offset")
                .params(params).query(PostStore::map).list();
        return Page.of(items, page, size, total);
    }

    /** The claims on a post, oldest first. */
    Page<Post.Claim> claimsOn(UUID postId, int page, int size) {
        long total = jdbc.sql("select count(*) from post_claim where post_id = ?").param(postId)
                .query(Long.class).single();
        List<Post.Claim> items = jdbc.sql("select * from post_claim where post_id = :p order by claimed_at, id "
                        + "limit :size offset :offset")
                .param("p", postId).param("size", size).param("offset", (long) page * size)
                .query(PostStore::claim).list();
        return Page.of(items, page, size, total);
    }

    /** A volunteer's claims, newest first. */
    Page<Post.ClaimedPost> claimsOf(UUID volunteerId, int page, int size) {
        long total = jdbc.sql("select count(*) from post_claim where volunteer_id = ?").param(volunteerId)
                .query(Long.class).single();
        List<Post.ClaimedPost> items = jdbc.sql("select c.id claim_id, c.status claim_status, c.claimed_at, "
                        + "c.withdrawn_at, p.id, p.title, p.community_id, p.schedule, p.starts_at, p.ends_at "
                        + "from post_claim c join post p on p.id = c.post_id where c.volunteer_id = :v "
                        + "order by c.claimed_at desc, c.id limit :size offset :offset")
                .param("v", volunteerId).param("size", size).param("offset", (long) page * size)
                .query((rs, i) -> new Post.ClaimedPost(rs.getObject("claim_id", UUID.class),
                        rs.getString("claim_status"), rs.getTimestamp("claimed_at").toInstant(),
                        instant(rs.getTimestamp("withdrawn_at")), rs.getObject("id", UUID.class),
                        rs.getString("title"), rs.getObject("community_id", UUID.class),
                        ScheduleKind.valueOf(rs.getString("schedule")), rs.getTimestamp("starts_at").toInstant(),
                        instant(rs.getTimestamp("ends_at"))))
                .list();
        return Page.of(items, page, size, total);
    }

    private static Post map(ResultSet rs, int i) throws SQLException {
        return new Post(rs.getObject("id", UUID.class), rs.getObject("community_id", UUID.class),
                PostPublisher.valueOf(rs.getString("publisher")), rs.getObject("unit_id", UUID.class),
                rs.getString("title"), rs.getString("description"), rs.getString("place"), rs.getString("specialty"),
                Requirement.valueOf(rs.getString("requirement")), ScheduleKind.valueOf(rs.getString("schedule")),
                rs.getTimestamp("starts_at").toInstant(), instant(rs.getTimestamp("ends_at")),
                rs.getObject("hours_budget", Integer.class), rs.getInt("capacity"),
                rs.getObject("campaign_id", UUID.class), Post.Status.valueOf(rs.getString("status")),
                rs.getLong("version"), rs.getTimestamp("published_at").toInstant(), rs.getString("close_reason"),
                rs.getInt("claimed"));
    }

    private static Post.Claim claim(ResultSet rs, int i) throws SQLException {
        return new Post.Claim(rs.getObject("id", UUID.class), rs.getObject("post_id", UUID.class),
                rs.getObject("volunteer_id", UUID.class), rs.getString("status"),
                rs.getTimestamp("claimed_at").toInstant(), instant(rs.getTimestamp("withdrawn_at")),
                rs.getString("withdrawn_by"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
