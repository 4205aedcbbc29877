package cn.zhangzhou.partybuilding.volunteering.volunteer;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.zhangzhou.partybuilding.events.volunteering.VolunteerKind;
import cn.zhangzhou.partybuilding.support.web.Page;

/** Volunteers, their specialties and qualifications, and the personal data of residents. */
@Repository
class VolunteerStore {

    /** A resident's personal data: never in a volunteer row or an event. */
    record Resident(String name, String phone) {
    }

    private final JdbcClient jdbc;

    VolunteerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Volunteer> find(UUID id) {
        return jdbc.sql("select * from volunteer where id = ?").param(id).query(this::map).optional();
    }

    /** The volunteer, locked until the transaction ends: one volunteer's claims and check-ins happen one at a time. */
    Optional<Volunteer> lock(UUID id) {
        return jdbc.sql("select * from volunteer where id = ? for no key update").param(id).query(this::map).optional();
    }

    /** @return false if the volunteer was registered already */
    boolean insert(UUID id, VolunteerKind kind, String district, UUID communityId, Instant at, String by) {
        return jdbc.sql("insert into volunteer (id, kind, district, community_id, version, registered_at, registered_by) "
                        + "values (?, ?, ?, ?, 1, ?, ?) on conflict do nothing")
                .params(id, kind.name(), district, communityId, Timestamp.from(at), by).update() == 1;
    }

    void insertResident(UUID id, Resident resident) {
        jdbc.sql("insert into resident (volunteer_id, name, phone) values (?, ?, ?)")
                .params(id, resident.name(), resident.phone()).update();
    }

    Optional<Resident> resident(UUID id) {
        return jdbc.sql("select name, phone from resident where volunteer_id = ?").param(id)
                .query((rs, i) -> new Resident(rs.getString("name"), rs.getString("phone"))).optional();
    }

    /** Replaces the specialties; each keeps the verification it carries. */
    void replaceSpecialties(UUID id, List<Volunteer.Specialty> specialties) {
        jdbc.sql("delete from volunteer_specialty where volunteer_id = ?").param(id).update();
        for (Volunteer.Specialty s : specialties) {
            jdbc.sql("insert into volunteer_specialty (volunteer_id, specialty, qualification, verified_by, verified_at, "
                            + "valid_until) values (?, ?, ?, ?, ?, ?)")
                    .params(id, s.specialty(), s.qualification(), s.verifiedBy(),
                            s.verifiedAt() == null ? null : Timestamp.from(s.verifiedAt()),
                            s.validUntil() == null ? null : Date.valueOf(s.validUntil()))
                    .update();
        }
    }

    void verify(UUID id, String specialty, String by, Instant at, LocalDate validUntil) {
        jdbc.sql("update volunteer_specialty set verified_by = ?, verified_at = ?, valid_until = ? "
                        + "where volunteer_id = ? and specialty = ?")
                .params(by, Timestamp.from(at), validUntil == null ? null : Date.valueOf(validUntil), id, specialty)
                .update();
    }

    /** One version on; the caller holds the row lock. */
    void bump(UUID id) {
        jdbc.sql("update volunteer set version = version + 1 where id = ?").param(id).update();
    }

    /**
     * Volunteers registered with one of the communities, by registration; with {@code specialty} only those who
     * have it, with {@code qualifiedOn} only those whose qualification in it is verified and valid that day.
     */
    Page<Volunteer> search(List<UUID> communities, String specialty, LocalDate qualifiedOn, int page, int size) {
        String where = " from volunteer v where v.community_id in (:communities)"
                + (specialty == null ? "" : " and exists (select 1 from volunteer_specialty s where s.volunteer_id = v.id"
                + " and s.specialty = :specialty" + (qualifiedOn == null ? "" : " and s.verified_at is not null"
                + " and (s.valid_until is null or s.valid_until >= :day)") + ")");
        Map<String, Object> params = new HashMap<>(Map.of("communities", communities, "size", size,
                "offset", (long) page * size));
        params.put("specialty", specialty);
        params.put("day", qualifiedOn == null ? null : Date.valueOf(qualifiedOn));
        long total = jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
        List<Volunteer> items = jdbc.sql("select v.*" + where + " order by v.registered_at, v.id limit :size offset :offset")
                .params(params).query(this::map).list();
        return Page.of(items, page, size, total);
    }

    private Volunteer map(ResultSet rs, int i) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new Volunteer(id, VolunteerKind.valueOf(rs.getString("kind")), rs.getString("district"),
                rs.getObject("community_id", UUID.class), rs.getLong("version"),
                rs.getTimestamp("registered_at").toInstant(), specialties(id));
    }

    private List<Volunteer.Specialty> specialties(UUID id) {
        return jdbc.sql("select * from volunteer_specialty where volunteer_id = ? order by specialty").param(id)
                .query((rs, i) -> new Volunteer.Specialty(rs.getString("specialty"), rs.getString("qualification"),
                        rs.getString("verified_by"),
                        rs.getTimestamp("verified_at") == null ? null : rs.getTimestamp("verified_at").toInstant(),
                        rs.getDate("valid_until") == null ? null : rs.getDate("valid_until").toLocalDate()))
                .list();
    }
}
