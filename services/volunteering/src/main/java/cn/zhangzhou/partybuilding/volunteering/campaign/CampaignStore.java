package cn.zhangzhou.partybuilding.volunteering.campaign;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.zhangzhou.partybuilding.events.volunteering.CampaignKind;
import cn.zhangzhou.partybuilding.support.web.Page;

@Repository
class CampaignStore {

    private final JdbcClient jdbc;

    CampaignStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Campaign> find(UUID id) {
        return jdbc.sql("select * from campaign where id = ?").param(id).query(CampaignStore::map).optional();
    }

    void insert(Campaign c, String by) {
        jdbc.sql("insert into campaign (id, organisation_id, kind, name, starts_on, ends_on, version, launched_at, "
                        + "launched_by) values (?, ?, ?, ?, ?, ?, 1, ?, ?)")
                .params(c.id(), c.organisationId(), c.kind().name(), c.name(), Date.valueOf(c.startsOn()),
                        Date.valueOf(c.endsOn()), Timestamp.from(c.launchedAt()), by)
                .update();
    }

    /** Campaigns of the organisations, latest start first. */
    Page<Campaign> of(List<UUID> organisations, int page, int size) {
        long total = jdbc.sql("select count(*) from campaign where organisation_id in (:orgs)")
                .param("orgs", organisations).query(Long.class).single();
        List<Campaign> items = jdbc.sql("select * from campaign where organisation_id in (:orgs) "
                        + "order by starts_on desc, id limit :size offset :offset")
                .param("orgs", organisations).param("size", size).param("offset", (long) page * size)
                .query(CampaignStore::map).list();
        return Page.of(items, page, size, total);
    }

    private static Campaign map(ResultSet rs, int i) throws SQLException {
        return new Campaign(rs.getObject("id", UUID.class), rs.getObject("organisation_id", UUID.class),
                CampaignKind.valueOf(rs.getString("kind")), rs.getString("name"),
                rs.getDate("starts_on").toLocalDate(), rs.getDate("ends_on").toLocalDate(), rs.getLong("version"),
                rs.getTimestamp("launched_at").toInstant());
    }
}
