package cn.zhangzhou.partybuilding.wishes.wish;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import cn.zhangzhou.partybuilding.events.DomainEvent;
import cn.zhangzhou.partybuilding.events.wishes.PostedBy;
import cn.zhangzhou.partybuilding.events.wishes.WishCategory;
import cn.zhangzhou.partybuilding.messaging.Outbox;
import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.wishes.WishesProperties;

/**
 * The wish table and the one way to move a wish: a conditional update on id, current status (and the
 * version the client saw), then a history row and the event in the same transaction.
 */
@Repository
public class WishStore {

    /** One row of a wish's history. */
    public record HistoryEntry(WishStatus from, WishStatus to, Transition transition, String actor, Instant at,
                               String reason) {
    }

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Duration roundLength;

    public WishStore(JdbcClient jdbc, Outbox outbox, Clock clock, WishesProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
        this.meters = meters;
        this.roundLength = properties.wishes().roundLength();
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public Optional<Wish> find(UUID id) {
        return jdbc.sql("select * from wish where id = ?").param(id).query(WishStore::map).optional();
    }

    public Wish require(UUID id) {
        return find(id).orElseThrow(() -> NotFoundException.of("wish", id));
    }

    public void insert(Wish w, String actor, DomainEvent event) {
        jdbc.sql("insert into wish (id, community_id, grid_id, category, description, estimated_value_yuan, posted_by, "
                        + "beneficiary_id, status, priority, version, posted_at, updated_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, false, 1, ?, ?)")
                .params(w.id(), w.communityId(), w.gridId(), w.category().name(), w.description(),
                        w.estimatedValueYuan(), w.postedBy().name(), w.beneficiaryId(), w.status().name(),
                        Timestamp.from(w.postedAt()), Timestamp.from(w.postedAt()))
                .update();
        history(w.id(), null, w.status(), "POST", actor, null);
        outbox.append(event, 1);
        countAfterCommit("POST", w.status());
    }

    /**
     * Moves the wish by {@code transition} if it is still in {@code expected.status()} (and at
     * {@code expectedVersion}, when given): otherwise someone else moved it first, 409.
     *
     * @param set extra assignments ("priority = false, current_claim_id = :claim"), named params in {@code params}
     * @return the new version
     */
    public long move(Wish expected, Transition transition, Long expectedVersion, String set,
                     Map<String, Object> params, String actor, String reason, DomainEvent event) {
        transition.check(expected.id(), expected.status());
        if (expectedVersion != null && expectedVersion != expected.version()) {
            throw ConflictException.staleVersion("wish", expected.id(), expectedVersion);
        }
        // Entering the menu (published, or released back to it) starts a new round (轮次).
        boolean newRound = transition.to() == WishStatus.PUBLISHED;
        var sql = jdbc.sql("update wish set status = :to, version = version + 1, updated_at = :now"
                        + (newRound ? ", round = round + 1, round_ends_at = :roundEnds" : "")
                        + (set == null ? "" : ", " + set)
                        + " where id = :id and status = :from and version = :version")
                .param("to", transition.to().name())
                .param("now", Timestamp.from(now()))
                .param("id", expected.id())
                .param("from", expected.status().name())
                .param("version", expected.version());
        if (newRound) {
            sql = sql.param("roundEnds", Timestamp.from(now().plus(roundLength)));
        }
        for (var p : params.entrySet()) {
            sql = sql.param(p.getKey(), p.getValue());
        }
        if (sql.update() == 0) {
            throw new ConflictException("wish " + expected.id() + " was changed by someone else while "
                    + transition + " was being applied; reload it");
        }
        long version = expected.version() + 1;
        history(expected.id(), expected.status(), transition.to(), transition.name(), actor, reason);
        outbox.append(event, version);
        countAfterCommit(transition.name(), transition.to());
        return version;
    }

    /**
     * Business metric {@code zz.wishes.transitions{transition,to}} (wishes posted, published, claimed, released,
     * confirmed, expired ...), counted only once the transition committed, so a rolled-back move never counts.
     */
    private void countAfterCommit(String transition, WishStatus to) {
        Counter counter = Counter.builder("zz.wishes.transitions")
                .description("Wish transitions committed, by transition and resulting status")
                .tag("transition", transition).tag("to", to.name())
                .register(meters);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                counter.increment();
            }
        });
    }

    /** An event that changes no status (a contact reveal) still moves the aggregate version. */
    public long touch(Wish expected, DomainEvent event) {
        int n = jdbc.sql("update wish set version = version + 1 where id = ? and version = ?")
                .params(expected.id(), expected.version()).update();
        if (n == 0) {
            throw new ConflictException("wish " + expected.id() + " was changed by someone else; retry");
        }
        outbox.append(event, expected.version() + 1);
        return expected.version() + 1;
    }

    private void history(UUID wishId, WishStatus from, WishStatus to, String transition, String actor, String reason) {
        jdbc.sql("insert into wish_transition (wish_id, from_status, to_status, transition, actor, at, reason) "
                        + "values (?, ?, ?, ?, ?, ?, ?)")
                .params(wishId, from == null ? null : from.name(), to.name(), transition, actor,
                        Timestamp.from(now()), reason)
                .update();
    }

    public List<HistoryEntry> history(UUID wishId) {
        return jdbc.sql("select * from wish_transition where wish_id = ? order by id").param(wishId)
                .query((rs, i) -> new HistoryEntry(
                        rs.getString("from_status") == null ? null : WishStatus.valueOf(rs.getString("from_status")),
                        WishStatus.valueOf(rs.getString("to_status")),
                        "POST".equals(rs.getString("transition")) ? null : Transition.valueOf(rs.getString("transition")),
                        rs.getString("actor"), rs.getTimestamp("at").toInstant(), rs.getString("reason")))
                .list();
    }

    static Wish map(ResultSet rs, int i) throws SQLException {
        Timestamp published = rs.getTimestamp("published_at");
        return new Wish(rs.getObject("id", UUID.class), rs.getObject("community_id", UUID.class),
                rs.getObject("grid_id", UUID.class), WishCategory.valueOf(rs.getString("category")),
                rs.getString("description"), rs.getInt("estimated_value_yuan"),
                PostedBy.valueOf(rs.getString("posted_by")), rs.getObject("beneficiary_id", UUID.class),
                WishStatus.valueOf(rs.getString("status")), rs.getBoolean("priority"),
                rs.getObject("current_claim_id", UUID.class), rs.getLong("version"),
                rs.getTimestamp("posted_at").toInstant(), published == null ? null : published.toInstant(),
                rs.getInt("round"), rs.getTimestamp("round_ends_at") == null ? null
                        : rs.getTimestamp("round_ends_at").toInstant());
    }
}
