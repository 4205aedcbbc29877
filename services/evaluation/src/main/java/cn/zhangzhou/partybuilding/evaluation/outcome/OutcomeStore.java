package cn.zhangzhou.partybuilding.evaluation.outcome;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The verified outcomes and the posted wishes, as the district's events told them. */
@Repository
public class OutcomeStore {

    /** One outcome: its kind, the id an explanation cites (hours entry, wish, report, target) and its quantity. */
    record Outcome(OutcomeKind kind, UUID source, int quantity) {
    }

    private final JdbcClient jdbc;

    OutcomeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(UUID eventId, OutcomeKind kind, UUID source, UUID organisation, int year, int quantity) {
        jdbc.sql("insert into outcome (kind, source_id, event_id, organisation_id, year, quantity) "
                        + "values (?, ?, ?, ?, ?, ?) on conflict do nothing")
                .params(kind.name(), source, eventId, organisation, year, quantity).update();
    }

    void wishPosted(UUID wish, UUID community) {
        jdbc.sql("insert into wish (wish_id, community_id) values (?, ?) on conflict do nothing")
                .params(wish, community).update();
    }

    /** The community whose needs menu the wish was posted on, if its WishPosted has arrived. */
    public Optional<UUID> communityOfWish(UUID wish) {
        return jdbc.sql("select community_id from wish where wish_id = ?").param(wish).query(UUID.class).optional();
    }

    /** The outcomes of the organisations in the year, in a stable order (kind, source). */
    List<Outcome> of(List<UUID> organisations, int year) {
        return jdbc.sql("select kind, source_id, quantity from outcome where organisation_id in (:orgs) "
                        + "and year = :year order by kind, source_id")
                .param("orgs", organisations).param("year", year)
                .query((rs, i) -> new Outcome(OutcomeKind.valueOf(rs.getString("kind")),
                        rs.getObject("source_id", UUID.class), rs.getInt("quantity")))
                .list();
    }
}
