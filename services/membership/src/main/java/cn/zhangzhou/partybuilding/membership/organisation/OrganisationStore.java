package cn.zhangzhou.partybuilding.membership.organisation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.membership.organisation.OrganisationService.SubtreeCounts;
import cn.zhangzhou.partybuilding.support.web.Page;

/** The organisation table, and the counts of members held and placed under a node of it. */
@Repository
public class OrganisationStore {

    /**
     * Mapped by column name, not by Spring's record mapper: that one looks up {@code parentId} before
     * {@code parent_id} and pays a driver exception for each camelCase component of every row, on every command's
     * path (docs/performance.md).
     */
    private static final RowMapper<Organisation> ORGANISATION = (rs, row) -> new Organisation(
            rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name"),
            OrganisationType.valueOf(rs.getString("type")), rs.getObject("parent_id", UUID.class), rs.getString("path"),
            rs.getBoolean("active"), rs.getLong("version"));

    private final JdbcClient jdbc;

    OrganisationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Organisation> find(UUID id) {
        return jdbc.sql("select * from organisation where id = ?").param(id).query(ORGANISATION).optional();
    }

    /** Reads the row and locks it until the transaction ends. */
    Optional<Organisation> lock(UUID id) {
        return jdbc.sql("select * from organisation where id = ? for update").param(id).query(ORGANISATION)
                .optional();
    }

    boolean codeExists(String code) {
        return jdbc.sql("select exists(select 1 from organisation where code = ?)").param(code)
                .query(Boolean.class).single();
    }

    boolean rootExists() {
        return jdbc.sql("select exists(select 1 from organisation where type = 'DISTRICT_COMMITTEE')")
                .query(Boolean.class).single();
    }

    void insert(Organisation o) {
        jdbc.sql("insert into organisation (id, code, name, type, parent_id, path, active, version) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(o.id(), o.code(), o.name(), o.type().name(), o.parentId(), o.path(), o.active(), o.version())
                .update();
    }

    /** Writes name, parent, path and active flag when the stored version is still {@code expectedVersion}. */
    boolean update(Organisation o, long expectedVersion) {
        return jdbc.sql("update organisation set name = ?, parent_id = ?, path = ?, active = ?, version = ?, "
                        + "updated_at = now() where id = ? and version = ?")
                .params(o.name(), o.parentId(), o.path(), o.active(), o.version(), o.id(), expectedVersion)
                .update() == 1;
    }

    /** Rewrites the paths of everything below a moved node. */
    void rebaseDescendants(String oldPath, String newPath) {
        jdbc.sql("update organisation set path = ? || substring(path from ?) where path like ? and path <> ?")
                .params(newPath, oldPath.length() + 1, oldPath.replace("%", "\\%") + "%", oldPath)
                .update();
    }

    int activeChildren(UUID id) {
        return jdbc.sql("select count(*) from organisation where parent_id = ? and active").param(id)
                .query(Integer.class).single();
    }

    Page<Organisation> search(OrganisationType type, UUID parentId, String q, Boolean active, int page, int size) {
        String from = " from organisation where (cast(:type as text) is null or type = :type)"
                + " and (cast(:parent as uuid) is null or parent_id = :parent)"
                + " and (cast(:q as text) is null or name like '%' || :q || '%' or code = :q)"
                + " and (cast(:active as boolean) is null or active = :active)";
        var params = new MapSqlParameterSource().addValue("type", type == null ? null : type.name())
                .addValue("parent", parentId).addValue("q", q).addValue("active", active);
        long total = jdbc.sql("select count(*)" + from).paramSource(params).query(Long.class).single();
        List<Organisation> items = jdbc.sql("select *" + from + " order by path, code limit :limit offset :offset")
                .paramSource(params.addValue("limit", size).addValue("offset", (long) page * size))
                .query(ORGANISATION).list();
        return Page.of(items, page, size, total);
    }

    List<Organisation> subtree(Organisation root, int depth) {
        return jdbc.sql("select * from organisation where path like ? "
                        + "and (length(path) - length(replace(path, '/', ''))) <= ? order by path")
                .params(root.path() + "%", root.path().chars().filter(c -> c == '/').count() + depth)
                .query(ORGANISATION).list();
    }

    /** Under (and including) a path: the members held there and the active organisations of each type. */
    SubtreeCounts counts(String path) {
        return jdbc.sql("""
                        select (select count(*) from member m join organisation h on h.id = m.home_organisation_id
                                where h.path like :path and m.status <> 'TRANSFERRED_OUT') members,
                          count(*) filter (where type = 'COMMUNITY') communities,
                          count(*) filter (where type = 'GRID') grids,
                          count(*) filter (where type = 'PARTY_GROUP') party_groups,
                          count(*) filter (where type = 'RESIDENT_UNIT') resident_units
                        from organisation where path like :path and active
                        """)
                .param("path", path + "%").query(SubtreeCounts.class).single();
    }

    long membersHeldIn(UUID organisationId) {
        return jdbc.sql("select count(*) from member where home_organisation_id = ? and status <> 'TRANSFERRED_OUT'")
                .param(organisationId).query(Long.class).single();
    }

    long membersPlacedIn(UUID organisationId) {
        return jdbc.sql("select count(*) from placement where party_group_id = ? or grid_id = ? or community_id = ?")
                .params(organisationId, organisationId, organisationId).query(Long.class).single();
    }
}
