-- What an operator did with a dead letter of this service (decision 0022): one row per dead letter, written in the
-- transaction of the action, so a dead letter is replayed or discarded at most once. A dead letter without a row is
-- NEW; its state is the row's action.
create table dead_letter_action (
    dead_letter_topic text         not null,
    dead_letter_partition int      not null,
    dead_letter_offset bigint      not null,
    source_topic      text         not null,
    event_id          text,
    action            text         not null check (action in ('REPLAYED', 'DISCARDED')),
    actor             text         not null,
    reason            text,
    acted_at          timestamptz  not null default now(),
    primary key (dead_letter_topic, dead_letter_partition, dead_letter_offset),
    check (action = 'REPLAYED' or reason is not null)
);
