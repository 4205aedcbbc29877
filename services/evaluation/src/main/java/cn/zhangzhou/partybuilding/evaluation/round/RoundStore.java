package cn.zhangzhou.partybuilding.evaluation.round;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.zhangzhou.partybuilding.events.evaluation.Grade;
import cn.zhangzhou.partybuilding.events.evaluation.RoundLevel;

/**
 * Rounds, their ratings and scores. Anonymous ratings are rows of {@code rating} with no rater, no time and a random
 * id; who has rated is {@code rated}, with no link to the rating row; residents' codes are kept as SHA-256 hashes.
 */
@Repository
class RoundStore {

    /** An organisation's line of a closed round's ranking: its current (possibly calibrated) score, rank, grade. */
    record Ranked(UUID organisationId, BigDecimal score, Integer rank, Grade grade) {
    }

    /** An organisation's score now and as computed at the close. */
    record Current(BigDecimal score, BigDecimal computed, Integer rank, Grade grade) {
    }

    private final JdbcClient jdbc;

    RoundStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the year and level already have a round */
    boolean insert(Round r, String by) {
        Round.Weights w = r.weights();
        return jdbc.sql("insert into round (id, year, level, self_weight, mutual_weight, assessment_weight, "
                        + "members_weight, residents_weight, objective_weight, status, version, opened_at, opened_by) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', 1, ?, ?) on conflict (year, level) do nothing")
                .params(r.id(), r.year(), r.level().name(), w.self(), w.mutual(), w.assessment(), w.members(),
                        w.residents(), w.objective(), Timestamp.from(r.openedAt()), by)
                .update() == 1;
    }

    Optional<Round> find(UUID id) {
        return jdbc.sql("select * from round where id = ?").param(id).query(RoundStore::map).optional();
    }

    /** The round, locked until the transaction ends: ratings wait for a close, and a close for ratings. */
    Optional<Round> lock(UUID id) {
        return jdbc.sql("select * from round where id = ? for no key update").param(id).query(RoundStore::map)
                .optional();
    }

    List<Round> ofYear(int year) {
        return jdbc.sql("select * from round where year = ? order by level").param(year).query(RoundStore::map).list();
    }

    /**
     * Records that the rater rated (once per round and subject: a rated organisation, or the round itself).
     *
     * @return false when they had already
     */
    boolean markRated(UUID round, Component component, String rater, UUID subject) {
        return jdbc.sql("insert into rated (round_id, component, rater, subject) values (?, ?, ?, ?) "
                        + "on conflict do nothing")
                .params(round, component.name(), rater, subject).update() == 1;
    }

    /** An anonymous rating: nothing in the row says who gave it or when. */
    void rate(UUID round, UUID organisation, Component component, int score) {
        jdbc.sql("insert into rating (id, round_id, organisation_id, component, score) values (?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), round, organisation, component.name(), score).update();
    }

    /** A self-assessment or assessment: official, one per organisation, with who gave it. */
    boolean official(UUID round, UUID organisation, Component component, int score, String by, Instant at) {
        return jdbc.sql("insert into official_rating (round_id, organisation_id, component, score, rated_by, rated_at) "
                        + "values (?, ?, ?, ?, ?, ?) on conflict do nothing")
                .params(round, organisation, component.name(), score, by, Timestamp.from(at)).update() == 1;
    }

    void issueCodes(UUID round, UUID community, List<byte[]> hashes, String by, Instant at) {
        for (byte[] hash : hashes) {
            jdbc.sql("insert into resident_code (hash, round_id, community_id, issued_at, issued_by) "
                            + "values (?, ?, ?, ?, ?)")
                    .params(hash, round, community, Timestamp.from(at), by).update();
        }
    }

    /** The code's round and community, marking it used; empty when it is unknown or was used. */
    Optional<Map.Entry<UUID, UUID>> useCode(byte[] hash) {
        return jdbc.sql("update resident_code set used = true where hash = ? and not used "
                        + "returning round_id, community_id")
                .param(hash)
                .query((rs, i) -> Map.entry(rs.getObject("round_id", UUID.class),
                        rs.getObject("community_id", UUID.class)))
                .optional();
    }

    boolean codeExists(byte[] hash) {
        return jdbc.sql("select exists (select 1 from resident_code where hash = ?)").param(hash)
                .query(Boolean.class).single();
    }

    /** Sum and count of every component's ratings of every organisation of the round. */
    Map<UUID, Map<Component, Scoring.Tally>> tallies(UUID round) {
        Map<UUID, Map<Component, Scoring.Tally>> tallies = new HashMap<>();
        jdbc.sql("select organisation_id, component, sum(score) total, count(*) raters from rating where round_id = :r "
                        + "group by organisation_id, component union all "
                        + "select organisation_id, component, score, 1 from official_rating where round_id = :r")
                .param("r", round)
                .query((ResultSet rs) -> {
                    tallies.computeIfAbsent(rs.getObject("organisation_id", UUID.class),
                                    o -> new EnumMap<>(Component.class))
                            .put(Component.valueOf(rs.getString("component")),
                                    new Scoring.Tally(rs.getLong("total"), rs.getInt("raters")));
                });
        return tallies;
    }

    /** Closes the round with its scores (each with its explanation, JSON) and moves it one version per event. */
    void close(UUID round, List<Score> scores, List<String> explanations, Instant at, String by) {
        for (int i = 0; i < scores.size(); i++) {
            Score s = scores.get(i);
            jdbc.sql("insert into score (round_id, organisation_id, score, computed, rank, explanation) "
                            + "values (?, ?, ?, ?, ?, cast(? as jsonb))")
                    .params(round, s.organisationId(), s.score(), s.score(), s.rank(), explanations.get(i)).update();
        }
        jdbc.sql("update round set status = 'CLOSED', closed_at = ?, closed_by = ? where id = ?")
                .params(Timestamp.from(at), by, round).update();
    }

    long nextVersion(UUID round) {
        return jdbc.sql("update round set version = version + 1 where id = ? returning version").param(round)
                .query(Long.class).single();
    }

    /** The closed round's ranking of the organisations, by rank. */
    List<Ranked> ranking(UUID round, List<UUID> organisations) {
        return jdbc.sql("select organisation_id, score, rank, grade from score where round_id = :r "
                        + "and organisation_id in (:orgs) order by rank nulls last, organisation_id")
                .param("r", round).param("orgs", organisations).query(RoundStore::ranked).list();
    }

    /** 创先争优: the organisations ranked {@code top} or better, and those graded {@code grade}, by rank. */
    List<Ranked> honours(UUID round, int top, Grade grade) {
        return jdbc.sql("select organisation_id, score, rank, grade from score where round_id = ? "
                        + "and (rank <= ? or grade = ?) order by rank nulls last, organisation_id")
                .params(round, top, grade.name()).query(RoundStore::ranked).list();
    }

    /** The organisation's score in the closed round of the year and level, if it has one. */
    Optional<BigDecimal> yearEnd(RoundLevel level, int year, UUID organisation) {
        return jdbc.sql("select s.score from score s join round r on r.id = s.round_id where r.level = ? "
                        + "and r.year = ? and r.status = 'CLOSED' and s.organisation_id = ? and s.score is not null")
                .params(level.name(), year, organisation).query(BigDecimal.class).optional();
    }

    Optional<Current> current(UUID round, UUID organisation) {
        return jdbc.sql("select score, computed, rank, grade from score where round_id = ? and organisation_id = ?")
                .params(round, organisation)
                .query((rs, i) -> new Current(rs.getBigDecimal("score"), rs.getBigDecimal("computed"),
                        rs.getObject("rank", Integer.class), grade(rs)))
                .optional();
    }

    /** Overrides the score (the trail keeps the one before), and ranks the round's scores again. */
    void calibrate(UUID round, UUID organisation, BigDecimal previous, BigDecimal score, String reason, String by,
                   Instant at) {
        jdbc.sql("insert into calibration (id, round_id, organisation_id, previous, score, reason, calibrated_by, "
                        + "calibrated_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), round, organisation, previous, score, reason, by, Timestamp.from(at))
                .update();
        jdbc.sql("update score set score = ? where round_id = ? and organisation_id = ?")
                .params(score, round, organisation).update();
        jdbc.sql("update score s set rank = r.rank from (select organisation_id, rank() over (order by score desc) "
                        + "as rank from score where round_id = :r and score is not null) r "
                        + "where s.round_id = :r and s.organisation_id = r.organisation_id")
                .param("r", round).update();
    }

    /** The audit trail of the organisation's score, oldest first. */
    List<ScoreView.Calibration> calibrations(UUID round, UUID organisation) {
        return jdbc.sql("select * from calibration where round_id = ? and organisation_id = ? "
                        + "order by seq")
                .params(round, organisation)
                .query((rs, i) -> new ScoreView.Calibration(rs.getBigDecimal("previous"), rs.getBigDecimal("score"),
                        rs.getString("reason"), rs.getString("calibrated_by"),
                        rs.getTimestamp("calibrated_at").toInstant()))
                .list();
    }

    void grade(UUID round, UUID organisation, Grade grade) {
        jdbc.sql("update score set grade = ? where round_id = ? and organisation_id = ?")
                .params(grade.name(), round, organisation).update();
    }

    /** How many of the round's organisations have the grade. */
    long graded(UUID round, Grade grade) {
        return jdbc.sql("select count(*) from score where round_id = ? and grade = ?").params(round, grade.name())
                .query(Long.class).single();
    }

    long organisations(UUID round) {
        return jdbc.sql("select count(*) from score where round_id = ?").param(round).query(Long.class).single();
    }

    private static Ranked ranked(ResultSet rs, int i) throws SQLException {
        return new Ranked(rs.getObject("organisation_id", UUID.class), rs.getBigDecimal("score"),
                rs.getObject("rank", Integer.class), grade(rs));
    }

    private static Grade grade(ResultSet rs) throws SQLException {
        String grade = rs.getString("grade");
        return grade == null ? null : Grade.valueOf(grade);
    }

    /** How the organisation's score was computed (the JSON of its {@link Score}). */
    Optional<String> explanation(UUID round, UUID organisation) {
        return jdbc.sql("select explanation::text from score where round_id = ? and organisation_id = ?")
                .params(round, organisation).query(String.class).optional();
    }

    private static Round map(ResultSet rs, int i) throws SQLException {
        return new Round(rs.getObject("id", UUID.class), rs.getInt("year"), RoundLevel.valueOf(rs.getString("level")),
                new Round.Weights(rs.getInt("self_weight"), rs.getInt("mutual_weight"),
                        rs.getInt("assessment_weight"), rs.getInt("members_weight"), rs.getInt("residents_weight"),
                        rs.getInt("objective_weight")),
                Round.Status.valueOf(rs.getString("status")), rs.getLong("version"),
                rs.getTimestamp("opened_at").toInstant());
    }
}
