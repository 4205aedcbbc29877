package cn.zhangzhou.partybuilding.wishes.wish;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.zhangzhou.partybuilding.events.wishes.ClaimerKind;

@Repository
public class ClaimStore {

    private final JdbcClient jdbc;

    public ClaimStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Claim> find(UUID id) {
        if (id == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from claim where id = ?").param(id)
                .query((rs, i) -> new Claim(rs.getObject("id", UUID.class), rs.getObject("wish_id", UUID.class),
                        ClaimerKind.valueOf(rs.getString("claimer_kind")), rs.getObject("claimer_id", UUID.class),
                        rs.getString("claimer_district"), rs.getString("status"), instant(rs.getTimestamp("claimed_at")),
                        instant(rs.getTimestamp("contact_deadline")), instant(rs.getTimestamp("contacted_at")),
                        instant(rs.getTimestamp("fulfilment_deadline")), instant(rs.getTimestamp("fulfilled_at")),
                        rs.getString("fulfilment_note"), rs.getString("photo_ref"), rs.getString("missed_deadline"),
                        rs.getString("release_reason")))
                .optional();
    }

    public void insert(Claim c) {
        jdbc.sql("insert into claim (id, wish_id, claimer_kind, claimer_id, claimer_district, status, claimed_at, "
                        + "contact_deadline) values (?, ?, ?, ?, ?, 'OPEN', ?, ?)")
                .params(c.id(), c.wishId(), c.claimerKind().name(), c.claimerId(), c.claimerDistrict(),
                        Timestamp.from(c.claimedAt()), Timestamp.from(c.contactDeadline()))
                .update();
    }

    /** Claims of the claimer not yet fulfilled: they count against the open-claims limit. */
    public long openClaims(UUID claimerId) {
        return jdbc.sql("select count(*) from claim where claimer_id = ? and status in ('OPEN', 'CONTACTED')")
                .param(claimerId).query(Long.class).single();
    }

    public void update(UUID id, String set, Object... params) {
        Object[] all = new Object[params.length + 1];
        System.arraycopy(params, 0, all, 0, params.length);
        all[params.length] = id;
        jdbc.sql("update claim set " + set + " where id = ?").params(all).update();
    }

    public void recordReveal(UUID wishId, UUID claimId, String revealedTo, Instant at) {
        jdbc.sql("insert into contact_reveal (wish_id, claim_id, revealed_to, at) values (?, ?, ?, ?)")
                .params(wishId, claimId, revealedTo, Timestamp.from(at)).update();
    }

    /** Serialises one claimer's claims, so two parallel claims cannot both pass the open-claims limit. */
    public void lockClaimer(UUID claimerId) {
        jdbc.sql("select pg_advisory_xact_lock(?)")
                .param(claimerId.getMostSignificantBits() ^ claimerId.getLeastSignificantBits())
                .query((rs, i) -> 1).single();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
