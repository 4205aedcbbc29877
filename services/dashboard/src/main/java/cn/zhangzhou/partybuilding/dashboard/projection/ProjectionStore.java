package cn.zhangzhou.partybuilding.dashboard.projection;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every write to the dashboard's tables, one operation per event that changes them. Writes are idempotent upserts or
 * conditional updates: {@code InboundEvents} already applies each event once and in version order per aggregate.
 */
@Repository
class ProjectionStore {

    private final JdbcClient jdbc;

    ProjectionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void heardFrom(String district, Instant eventTime, Instant now) {
        jdbc.sql("insert into district_freshness (district, last_event_at, received_at) values (?, ?, ?) "
                        + "on conflict (district) do update set "
                        + "last_event_at = greatest(district_freshness.last_event_at, excluded.last_event_at), "
                        + "received_at = excluded.received_at")
                .params(district, Timestamp.from(eventTime), Timestamp.from(now)).update();
    }

    void organisationCreated(String district, UUID id, String type, UUID parentId, String name) {
        jdbc.sql("insert into organisation (id, district, type, parent_id, name) values (?, ?, ?, ?, ?) "
                        + "on conflict (id) do update set district = excluded.district, type = excluded.type, "
                        + "parent_id = excluded.parent_id, name = excluded.name")
                .params(id, district, type, parentId, name).update();
    }

    void organisationMoved(UUID id, UUID parentId) {
        jdbc.sql("update organisation set parent_id = ? where id = ?").params(parentId, id).update();
    }

    void organisationRenamed(UUID id, String name) {
        jdbc.sql("update organisation set name = ? where id = ?").params(name, id).update();
    }

    void organisationDeactivated(UUID id) {
        jdbc.sql("update organisation set active = false where id = ?").params(id).update();
    }

    void memberRegistered(String district, UUID id, UUID home, String category, String cadreRole,
                          boolean communityWorker) {
        jdbc.sql("insert into member (id, district, home_organisation_id, category, cadre_role, community_worker) "
                        + "values (?, ?, ?, ?, ?, ?) on conflict (id) do update set district = excluded.district, "
                        + "home_organisation_id = excluded.home_organisation_id, category = excluded.category, "
                        + "cadre_role = excluded.cadre_role, community_worker = excluded.community_worker, active = true")
                .params(id, district, home, category, cadreRole, communityWorker).update();
    }

    void memberUpdated(String district, UUID id, String category, String cadreRole, boolean communityWorker) {
        jdbc.sql("update member set category = ?, cadre_role = ?, community_worker = ? where id = ? and district = ?")
                .params(category, cadreRole, communityWorker, id, district).update();
    }

    void memberMoved(String district, UUID id, UUID home) {
        jdbc.sql("update member set home_organisation_id = ? where id = ? and district = ?")
                .params(home, id, district).update();
    }

    void memberLeft(String district, UUID id) {
        jdbc.sql("update member set active = false where id = ? and district = ?").params(id, district).update();
    }

    void wishPosted(String district, UUID id, UUID community, UUID beneficiary) {
        jdbc.sql("insert into wish (id, district, community_id, beneficiary_id) values (?, ?, ?, ?) "
                        + "on conflict (id) do nothing")
                .params(id, district, community, beneficiary).update();
    }

    void wishStep(UUID eventId, String district, UUID wish, UUID community, Projections.WishStep step, Instant at) {
        jdbc.sql("insert into wish_step (event_id, wish_id, district, community_id, step, at) "
                        + "values (?, ?, ?, ?, ?, ?) on conflict (event_id) do nothing")
                .params(eventId, wish, district, community, step.name(), Timestamp.from(at)).update();
    }

    void hoursApproved(String district, UUID id, UUID community, String specialty, boolean training, int minutes,
                       LocalDate servedOn) {
        jdbc.sql("insert into hours (id, district, community_id, specialty, training, minutes, served_on) "
                        + "values (?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing")
                .params(id, district, community, specialty, training, minutes, servedOn).update();
    }

    void scored(String district, UUID round, UUID organisation, int year, String level, BigDecimal score,
                Integer rank) {
        jdbc.sql("insert into score (round_id, organisation_id, district, year, level, score, rank) "
                        + "values (?, ?, ?, ?, ?, ?, ?) on conflict (round_id, organisation_id) do update set "
                        + "score = excluded.score, rank = excluded.rank")
                .params(round, organisation, district, year, level, score, rank).update();
    }
}
