package cn.zhangzhou.partybuilding.messaging.deadletter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import cn.zhangzhou.partybuilding.messaging.deadletter.DeadLetter.Action;
import cn.zhangzhou.partybuilding.messaging.deadletter.DeadLetter.Address;
import cn.zhangzhou.partybuilding.messaging.deadletter.DeadLetter.State;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit of operators' actions on dead letters: the SQL of {@code dead_letter_action} (messaging's V2). */
final class DeadLetterActionStore {

    private final JdbcClient jdbc;

    DeadLetterActionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the action; false when the dead letter was acted on already (by a concurrent call). */
    boolean record(DeadLetter deadLetter, Action action) {
        return jdbc.sql("""
                        insert into dead_letter_action (dead_letter_topic, dead_letter_partition, dead_letter_offset,
                            source_topic, event_id, action, actor, reason, acted_at)
                        values (:topic, :partition, :offset, :source, :eventId, :action, :actor, :reason, :at)
                        on conflict do nothing
                        """)
                .param("topic", deadLetter.deadLetterTopic())
                .param("partition", deadLetter.deadLetterPartition())
                .param("offset", deadLetter.deadLetterOffset())
                .param("source", deadLetter.topic())
                .param("eventId", deadLetter.headers().get("ce_id"))
                .param("action", action.state().name())
                .param("actor", action.by())
                .param("reason", action.reason())
                .param("at", Timestamp.from(action.at()))
                .update() == 1;
    }

    Optional<Action> on(Address address) {
        return jdbc.sql("""
                        select action, actor, acted_at, reason from dead_letter_action
                        where dead_letter_topic = :topic and dead_letter_partition = :partition
                          and dead_letter_offset = :offset
                        """)
                .param("topic", address.deadLetterTopic())
                .param("partition", address.partition())
                .param("offset", address.offset())
                .query((row, n) -> action(row))
                .optional();
    }

    /** Every action on the dead letters of one dead-letter topic, by address. */
    Map<Address, Action> onTopic(String deadLetterTopic) {
        return jdbc.sql("""
                        select dead_letter_partition, dead_letter_offset, action, actor, acted_at, reason
                        from dead_letter_action where dead_letter_topic = :topic
                        """)
                .param("topic", deadLetterTopic)
                .query((row, n) -> Map.entry(
                        new Address(deadLetterTopic, row.getInt("dead_letter_partition"),
                                row.getLong("dead_letter_offset")),
                        action(row)))
                .list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Action action(ResultSet row) throws SQLException {
        return new Action(State.valueOf(row.getString("action")), row.getString("actor"),
                row.getTimestamp("acted_at").toInstant(), row.getString("reason"));
    }
}
