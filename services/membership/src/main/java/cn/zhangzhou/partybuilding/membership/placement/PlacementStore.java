package cn.zhangzhou.partybuilding.membership.placement;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The placement table, and the residents of a part of the tree with their placement (coverage). */
@Repository
class PlacementStore {

    private final JdbcClient jdbc;

    PlacementStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Placement> find(UUID memberId) {
        return jdbc.sql("select * from placement where member_id = ?").param(memberId)
                .query(Placement.class).optional();
    }

    Optional<Placement> lock(UUID memberId) {
        return jdbc.sql("select * from placement where member_id = ? for update").param(memberId)
                .query(Placement.class).optional();
    }

    /** Writes a first placement or a move. */
    void save(Placement p) {
        jdbc.sql("insert into placement (member_id, member_district, community_id, grid_id, party_group_id, version)"
                        + " values (?, ?, ?, ?, ?, ?) on conflict (member_id) do update set member_district = "
                        + "excluded.member_district, community_id = excluded.community_id, grid_id = excluded.grid_id, "
                        + "party_group_id = excluded.party_group_id, version = excluded.version, updated_at = now()")
                .params(p.memberId(), p.memberDistrict(), p.communityId(), p.gridId(), p.partyGroupId(), p.version())
                .update();
    }

    /** Members living in the district's communities under a path: ours and the other districts' (from events). */
    private static final String RESIDENTS = "with residents as ("
            + " select m.id member_id, m.name, cast(:district as text) member_district, m.residence_community_id community_id"
            + " from member m where m.residence_district = :district and m.status <> 'TRANSFERRED_OUT'"
            + " and m.residence_community_id is not null"
            + " union all"
            + " select e.id, null, e.district, e.residence_community_id from external_member e"
            + " where e.residence_district = :district and e.active and e.residence_community_id is not null)"
            + " select %s from residents r join organisation c on c.id = r.community_id"
            + " left join placement p on p.member_id = r.member_id where c.path like :path || '%%' %s";

    record Residents(long total, long placed) {
    }

    /** A resident member not yet placed; {@code name} only for members this district holds. */
    record UnplacedMember(UUID memberId, String name, String memberDistrict, UUID communityId, String communityName) {
    }

    Residents residents(String district, String path) {
        return jdbc.sql(RESIDENTS.formatted("count(*) total, count(p.member_id) placed", ""))
                .param("district", district).param("path", path).query(Residents.class).single();
    }

    /** One page of the residents not yet placed, by community and name. */
    List<UnplacedMember> unplaced(String district, String path, int page, int size) {
        return jdbc.sql(RESIDENTS.formatted(
                        "r.member_id, r.name, r.member_district, c.id community_id, c.name community_name",
                        "and p.member_id is null order by c.path, r.name, r.member_id limit :limit offset :offset"))
                .param("district", district).param("path", path)
                .param("limit", size).param("offset", (long) page * size).query(UnplacedMember.class).list();
    }
}
