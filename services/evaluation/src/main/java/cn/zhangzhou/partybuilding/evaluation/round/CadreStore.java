package cn.zhangzhou.partybuilding.evaluation.round;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.zhangzhou.partybuilding.events.evaluation.RoundLevel;
import cn.zhangzhou.partybuilding.events.membership.CadreRole;

/** The cadres' assessments by the level above and their frozen year-end scores (decision 0027). */
@Repository
class CadreStore {

    /** A cadre's line of a closed round's ranking. */
    record RankedCadre(UUID memberId, UUID organisationId, CadreRole role, BigDecimal score, Integer rank) {
    }

    private final JdbcClient jdbc;

    CadreStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the cadre had been assessed in the round already */
    boolean assess(UUID round, UUID member, int score, String by, Instant at) {
        return jdbc.sql("insert into cadre_assessment (round_id, member_id, score, rated_by, rated_at) "
                        + "values (?, ?, ?, ?, ?) on conflict do nothing")
                .params(round, member, score, by, Timestamp.from(at)).update() == 1;
    }

    /** The round's assessments by member. */
    Map<UUID, Integer> assessments(UUID round) {
        Map<UUID, Integer> assessments = new HashMap<>();
        jdbc.sql("select member_id, score from cadre_assessment where round_id = ?").param(round)
                .query(rs -> {
                    assessments.put(rs.getObject("member_id", UUID.class), rs.getInt("score"));
                });
        return assessments;
    }

    /** Freezes the round's cadre scores, each with its explanation (JSON). */
    void close(UUID round, List<CadreScore> scores, List<String> explanations) {
        for (int i = 0; i < scores.size(); i++) {
            CadreScore s = scores.get(i);
            jdbc.sql("insert into cadre_score (round_id, member_id, organisation_id, role, score, rank, explanation) "
                            + "values (?, ?, ?, ?, ?, ?, cast(? as jsonb))")
                    .params(round, s.memberId(), s.organisationId(), s.role().name(), s.score(), s.rank(),
                            explanations.get(i))
                    .update();
        }
    }

    /** The closed round's cadres who served the organisations, by rank. */
    List<RankedCadre> ranking(UUID round, List<UUID> organisations) {
        return jdbc.sql("select member_id, organisation_id, role, score, rank from cadre_score where round_id = :r "
                        + "and organisation_id in (:orgs) order by rank nulls last, member_id")
                .param("r", round).param("orgs", organisations)
                .query((rs, i) -> new RankedCadre(rs.getObject("member_id", UUID.class),
                        rs.getObject("organisation_id", UUID.class), CadreRole.valueOf(rs.getString("role")),
                        rs.getBigDecimal("score"), rs.getObject("rank", Integer.class)))
                .list();
    }

    /** How the cadre's score was computed (the JSON of its {@link CadreScore}), if the round scored them. */
    Optional<String> explanation(UUID round, UUID member) {
        return jdbc.sql("select explanation::text from cadre_score where round_id = ? and member_id = ?")
                .params(round, member).query(String.class).optional();
    }

    /** The cadre's score in the closed round of the year and level, if they have one. */
    Optional<BigDecimal> yearEnd(RoundLevel level, int year, UUID member) {
        return jdbc.sql("select s.score from cadre_score s join round r on r.id = s.round_id where r.level = ? "
                        + "and r.year = ? and r.status = 'CLOSED' and s.member_id = ? and s.score is not null")
                .params(level.name(), year, member).query(BigDecimal.class).optional();
    }
}
