package cn.zhangzhou.partybuilding.membership.member;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.zhangzhou.partybuilding.events.membership.CadreRole;
import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.membership.member.Member.MemberStatus;
import cn.zhangzhou.partybuilding.support.web.Page;

/** The member table. */
@Repository
public class MemberStore {

    private static final RowMapper<Member> MAPPER = (rs, i) -> new Member(
            rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("phone"), rs.getString("id_number"),
            rs.getString("address"), rs.getObject("home_organisation_id", UUID.class),
            rs.getString("residence_district"), rs.getObject("residence_community_id", UUID.class),
            MemberCategory.valueOf(rs.getString("category")), strings(rs.getArray("specialties")),
            rs.getString("cadre_role") == null ? null : CadreRole.valueOf(rs.getString("cadre_role")),
            rs.getBoolean("community_worker"), MemberStatus.valueOf(rs.getString("status")), rs.getLong("version"));

    private final JdbcClient jdbc;

    MemberStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Member> find(UUID id) {
        return jdbc.sql("select * from member where id = ?").param(id).query(MAPPER).optional();
    }

    public Optional<Member> lock(UUID id) {
        return jdbc.sql("select * from member where id = ? for update").param(id).query(MAPPER).optional();
    }

    void insert(Member m) {
        jdbc.sql("insert into member (id, name, phone, id_number, address, home_organisation_id, residence_district, "
                        + "residence_community_id, category, specialties, cadre_role, community_worker, status, version) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(m.id(), m.name(), m.phone(), m.idNumber(), m.address(), m.homeOrganisationId(),
                        m.residenceDistrict(), m.residenceCommunityId(), m.category().name(),
                        m.specialties().toArray(String[]::new), m.cadreRole() == null ? null : m.cadreRole().name(),
                        m.communityWorker(), m.status().name(), m.version())
                .update();
    }

    /** Writes every mutable column when the stored version is still {@code expectedVersion}. */
    boolean update(Member m, long expectedVersion) {
        return jdbc.sql("update member set name = ?, phone = ?, id_number = ?, address = ?, home_organisation_id = ?, "
                        + "residence_district = ?, residence_community_id = ?, category = ?, specialties = ?, "
                        + "cadre_role = ?, community_worker = ?, status = ?, version = ?, updated_at = now() "
                        + "where id = ? and version = ?")
                .params(m.name(), m.phone(), m.idNumber(), m.address(), m.homeOrganisationId(), m.residenceDistrict(),
                        m.residenceCommunityId(), m.category().name(), m.specialties().toArray(String[]::new),
                        m.cadreRole() == null ? null : m.cadreRole().name(), m.communityWorker(), m.status().name(),
                        m.version(), m.id(), expectedVersion)
                .update() == 1;
    }

    /**
     * Paged search. {@code scopePath}, when set, limits results to members held in, or living in, the
     * subtree of that path (street and community staff).
     */
    Page<Member> search(String name, UUID organisationId, MemberCategory category, String specialty,
                        String scopePath, int page, int size) {
        String from = " from member m join organisation h on h.id = m.home_organisation_id"
                + " left join organisation r on r.id = m.residence_community_id"
                + " where m.status <> 'TRANSFERRED_OUT'"
                + " and (cast(:name as text) is null or m.name like '%' || :name || '%')"
                + " and (cast(:org as uuid) is null or h.path like '%/' || cast(:org as text) || '/%')"
                + " and (cast(:category as text) is null or m.category = :category)"
                + " and (cast(:specialty as text) is null or m.specialties @> array[cast(:specialty as text)])"
                + " and (cast(:scope as text) is null or h.path like :scope || '%' or r.path like :scope || '%')";
        var params = new MapSqlParameterSource().addValue("name", name).addValue("org", organisationId)
                .addValue("category", category == null ? null : category.name()).addValue("specialty", specialty)
                .addValue("scope", scopePath);
        long total = jdbc.sql("select count(*)" + from).paramSource(params).query(Long.class).single();
        List<Member> items = jdbc.sql("select m.*" + from + " order by m.name, m.id limit :limit offset :offset")
                .paramSource(params.addValue("limit", size).addValue("offset", (long) page * size))
                .query(MAPPER).list();
        return Page.of(items, page, size, total);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
