package cn.zhangzhou.partybuilding.membership.organisation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.support.web.Page;

@Repository
public class OrganisationRepository {

    private static final String COLUMNS = "id, code, name, type, parent_id, path, active, version";
    private static final RowMapper<Organisation> MAPPER = (rs, i) -> new Organisation(
            rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name"),
            OrganisationType.valueOf(rs.getString("type")), rs.getObject("parent_id", UUID.class),
            rs.getString("path"), rs.getBoolean("active"), rs.getLong("version"));

    private final JdbcClient jdbc;

    public OrganisationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Organisation> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from organisation where id = ?").param(id).query(MAPPER).optional();
    }

    /** Reads the row and locks it until the transaction ends. */
    public Optional<Organisation> lock(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from organisation where id = ? for update").param(id).query(MAPPER)
                .optional();
    }

    public boolean codeExists(String code) {
        return jdbc.sql("select exists(select 1 from organisation where code = ?)").param(code)
                .query(Boolean.class).single();
    }

    public boolean rootExists() {
        return jdbc.sql("select exists(select 1 from organisation where type = 'DISTRICT_COMMITTEE')")
                .query(Boolean.class).single();
    }

    public void insert(Organisation o) {
        jdbc.sql("insert into organisation (id, code, name, type, parent_id, path, active, version) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(o.id(), o.code(), o.name(), o.type().name(), o.parentId(), o.path(), o.active(), o.version())
                .update();
    }

    /** Writes name, parent, path and active flag when the stored version is still {@code expectedVersion}. */
    public boolean update(Organisation o, long expectedVersion) {
        return jdbc.sql("update organisation set name = ?, parent_id = ?, path = ?, active = ?, version = ?, "
                        + "updated_at = now() where id = ? and version = ?")
                .params(o.name(), o.parentId(), o.path(), o.active(), o.version(), o.id(), expectedVersion)
                .update() == 1;
    }

    /** Rewrites the paths of everything below a moved node. */
    public void rebaseDescendants(String oldPath, String newPath) {
        jdbc.sql("update organisation set path = ? || substring(path from ?) where path like ? and path <> ?")
                .params(newPath, oldPath.length() + 1, oldPath.replace("%", "\\%") + "%", oldPath)
                .update();
    }

    public int activeChildren(UUID id) {
        return jdbc.sql("select count(*) from organisation where parent_id = ? and active").param(id)
                .query(Integer.class).single();
    }

    public Page<Organisation> search(OrganisationType type, UUID parentId, String q, Boolean active, int page,
                                     int size) {
        String where = " where (cast(:type as text) is null or type = :type)"
                + " and (cast(:parent as uuid) is null or parent_id = :parent)"
                + " and (cast(:q as text) is null or name like '%' || :q || '%' or code = :q)"
                + " and (cast(:active as boolean) is null or active = :active)";
        var count = jdbc.sql("select count(*) from organisation" + where)
                .param("type", type == null ? null : type.name()).param("parent", parentId).param("q", q)
                .param("active", active).query(Long.class).single();
        List<Organisation> items = jdbc.sql("select " + COLUMNS + " from organisation" + where
                        + " order by path, code limit :limit offset :offset")
                .param("type", type == null ? null : type.name()).param("parent", parentId).param("q", q)
                .param("active", active).param("limit", size).param("offset", (long) page * size)
                .query(MAPPER).list();
        return Page.of(items, page, size, count);
    }

    public List<Organisation> subtree(Organisation root, int depth) {
        return jdbc.sql("select " + COLUMNS + " from organisation where path like ? "
                        + "and (length(path) - length(replace(path, '/', ''))) <= ? order by path")
                .params(root.path() + "%", root.path().chars().filter(c -> c == '/').count() + depth)
                .query(MAPPER).list();
    }

    /** Counts of organisations by type under (and including) a path, active ones only. */
    public java.util.Map<OrganisationType, Long> countByType(String path) {
        var counts = new java.util.EnumMap<OrganisationType, Long>(OrganisationType.class);
        jdbc.sql("select type, count(*) n from organisation where path like ? and active group by type")
                .param(path + "%")
                .query((rs, i) -> counts.put(OrganisationType.valueOf(rs.getString("type")), rs.getLong("n")))
                .list();
        return counts;
    }

    /** Active members held in organisations under a path. */
    public long membersUnder(String path) {
        return jdbc.sql("select count(*) from member m join organisation o on o.id = m.home_organisation_id "
                        + "where o.path like ? and m.status <> 'TRANSFERRED_OUT'")
                .param(path + "%").query(Long.class).single();
    }

    public long membersHeldIn(UUID organisationId) {
        return jdbc.sql("select count(*) from member where home_organisation_id = ? and status <> 'TRANSFERRED_OUT'")
                .param(organisationId).query(Long.class).single();
    }

    public long membersPlacedIn(UUID organisationId) {
        return jdbc.sql("select count(*) from placement where party_group_id = ? or grid_id = ? or community_id = ?")
                .params(organisationId, organisationId, organisationId).query(Long.class).single();
    }
}
