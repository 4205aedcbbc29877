package cn.zhangzhou.partybuilding.wishes.group;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class HelpGroupStore {

    private final JdbcClient jdbc;

    HelpGroupStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<HelpGroup> find(UUID id) {
        return jdbc.sql("select * from help_group where id = ?").param(id)
                .query((rs, i) -> new HelpGroup(rs.getObject("id", UUID.class), rs.getObject("community_id", UUID.class),
                        rs.getString("name"), rs.getObject("lead_member_id", UUID.class), members(id),
                        rs.getString("created_by"), rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    List<UUID> members(UUID groupId) {
        return jdbc.sql("select member_id from help_group_member where group_id = ? order by added_at, member_id")
                .param(groupId).query(UUID.class).list();
    }

    boolean nameTaken(UUID communityId, String name) {
        return jdbc.sql("select exists (select 1 from help_group where community_id = ? and name = ?)")
                .params(communityId, name).query(Boolean.class).single();
    }

    void insert(UUID id, UUID communityId, String name, UUID lead, String createdBy, Instant at) {
        jdbc.sql("insert into help_group (id, community_id, name, lead_member_id, created_by, created_at) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(id, communityId, name, lead, createdBy, Timestamp.from(at)).update();
        addMember(id, lead, at);
    }

    /** @return false if the member already was in the group */
    boolean addMember(UUID groupId, UUID memberId, Instant at) {
        return jdbc.sql("insert into help_group_member (group_id, member_id, added_at) values (?, ?, ?) "
                        + "on conflict do nothing")
                .params(groupId, memberId, Timestamp.from(at)).update() == 1;
    }

    /** @return false if the member was not in the group */
    boolean removeMember(UUID groupId, UUID memberId) {
        return jdbc.sql("delete from help_group_member where group_id = ? and member_id = ?")
                .params(groupId, memberId).update() == 1;
    }

    /** Serialises changes to one group's membership (and the name check of a community). */
    void lock(UUID id) {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(id.getMostSignificantBits() ^ id.getLeastSignificantBits())
                .query((rs, i) -> 1).single();
    }

    /** Groups of a community, or groups a member belongs to (either filter may be null), by name. */
    List<UUID> ids(UUID communityId, UUID memberId, int page, int size) {
        return jdbc.sql("select g.id from help_group g" + where(communityId, memberId)
                        + " order by g.name, g.id limit :size offset :offset")
                .param("c", communityId).param("m", memberId)
                .param("size", size).param("offset", (long) page * size)
                .query(UUID.class).list();
    }

    long count(UUID communityId, UUID memberId) {
        return jdbc.sql("select count(*) from help_group g" + where(communityId, memberId))
                .param("c", communityId).param("m", memberId).query(Long.class).single();
    }

    private static String where(UUID communityId, UUID memberId) {
        StringBuilder where = new StringBuilder(" where true");
        if (communityId != null) {
            where.append(" and g.community_id = :c");
        }
        if (memberId != null) {
            where.append(" and exists (select 1 from help_group_member m where m.group_id = g.id and m.member_id = :m)");
        }
        return where.toString();
    }
}
