package cn.zhangzhou.partybuilding.dashboard.projection;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import cn.zhangzhou.partybuilding.messaging.BatchedWrites;

/**
 * Every write to the dashboard's tables, one operation per event that changes them, added to the poll's
 * {@link BatchedWrites} (no table of these references or reads another's, so they may run table by table). Writes are
 * idempotent upserts or conditional updates: {@code InboundEvents} already applies each event once and in version
 * order per aggregate.
 */
@Repository
class ProjectionStore {

    private final JdbcTemplate jdbc;

    ProjectionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The writes of one poll's events, to {@link BatchedWrites#flush()} before its transaction commits. */
    BatchedWrites writes() {
        return new BatchedWrites(jdbc);
    }

    void heardFrom(BatchedWrites writes, String district, Instant eventTime, Instant now) {
        writes.add("district_freshness", """
                insert into district_freshness (district, last_event_at, received_at) values (?, ?, ?)
                on conflict (district) do update set
                last_event_at = greatest(district_freshness.last_event_at, excluded.last_event_at),
                received_at = excluded.received_at
                """, district, Timestamp.from(eventTime), Timestamp.from(now));
    }

    void organisationCreated(BatchedWrites writes, String district, UUID id, String type, UUID parentId,
                             String name) {
        writes.add("organisation", """
                insert into organisation (id, district, type, parent_id, name) values (?, ?, ?, ?, ?)
                on conflict (id) do update set district = excluded.district, type = excluded.type,
                parent_id = excluded.parent_id, name = excluded.name
                """, id, district, type, parentId, name);
    }

    void organisationMoved(BatchedWrites writes, UUID id, UUID parentId) {
        writes.add("organisation", "update organisation set parent_id = ? where id = ?", parentId, id);
    }

    void organisationRenamed(BatchedWrites writes, UUID id, String name) {
        writes.add("organisation", "update organisation set name = ? where id = ?", name, id);
    }

    void organisationDeactivated(BatchedWrites writes, UUID id) {
        writes.add("organisation", "update organisation set active = false where id = ?", id);
    }

    void memberRegistered(BatchedWrites writes, String district, UUID id, UUID home, String category,
                          String cadreRole, boolean communityWorker) {
        writes.add("member", """
                insert into member (id, district, home_organisation_id, category, cadre_role, community_worker)
                values (?, ?, ?, ?, ?, ?) on conflict (id) do update set district = excluded.district,
                home_organisation_id = excluded.home_organisation_id, category = excluded.category,
                cadre_role = excluded.cadre_role, community_worker = excluded.community_worker, active = true
                """, id, district, home, category, cadreRole, communityWorker);
    }

    void memberUpdated(BatchedWrites writes, String district, UUID id, String category, String cadreRole,
                       boolean communityWorker) {
        writes.add("member", """
                update member set category = ?, cadre_role = ?, community_worker = ? where id = ? and district = ?
                """, category, cadreRole, communityWorker, id, district);
    }

    void memberMoved(BatchedWrites writes, String district, UUID id, UUID home) {
        writes.add("member", "update member set home_organisation_id = ? where id = ? and district = ?",
                home, id, district);
    }

    void memberLeft(BatchedWrites writes, String district, UUID id) {
        writes.add("member", "update member set active = false where id = ? and district = ?", id, district);
    }

    void wishPosted(BatchedWrites writes, String district, UUID id, UUID community, UUID beneficiary) {
        writes.add("wish", """
                insert into wish (id, district, community_id, beneficiary_id) values (?, ?, ?, ?)
                on conflict (id) do nothing
                """, id, district, community, beneficiary);
    }

    void wishStep(BatchedWrites writes, UUID eventId, String district, UUID wish, UUID community,
                  Projections.WishStep step, Instant at) {
        writes.add("wish_step", """
                insert into wish_step (event_id, wish_id, district, community_id, step, at) values (?, ?, ?, ?, ?, ?)
                on conflict (event_id) do nothing
                """, eventId, wish, district, community, step.name(), Timestamp.from(at));
    }

    void hoursApproved(BatchedWrites writes, String district, UUID id, UUID community, String specialty,
                       boolean training, int minutes, LocalDate servedOn) {
        writes.add("hours", """
                insert into hours (id, district, community_id, specialty, training, minutes, served_on)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing
                """, id, district, community, specialty, training, minutes, servedOn);
    }

    void scored(BatchedWrites writes, String district, UUID round, UUID organisation, int year, String level,
                BigDecimal score, Integer rank) {
        writes.add("score", """
                insert into score (round_id, organisation_id, district, year, level, score, rank)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (round_id, organisation_id) do update set
                score = excluded.score, rank = excluded.rank
                """, round, organisation, district, year, level, score, rank);
    }
}
