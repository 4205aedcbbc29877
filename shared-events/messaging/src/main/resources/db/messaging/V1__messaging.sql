-- Messaging tables of one service (events-messaging). Run by the library's own Flyway instance with
-- the history table messaging_schema_history, beside the service's own migrations.

-- Transactional outbox: rows written in the same transaction as the state change they describe,
-- published to Kafka by the relay in id order and deleted once Kafka acknowledged them.
create table outbox_event (
    id                bigserial    primary key,
    event_id          uuid         not null unique,
    topic             text         not null,
    aggregate_id      text         not null,
    aggregate_version bigint       not null check (aggregate_version >= 1),
    event_type        text         not null,
    data_schema       text,
    payload           bytea        not null,
    traceparent       text,
    occurred_at       timestamptz  not null
);

-- Consumed-message log: (consumer, ce_id) recorded in the transaction of the effect, so a redelivered
-- event has no second effect.
create table processed_event (
    consumer     text         not null,
    event_id     uuid         not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);

-- The newest aggregate version a consumer applied per producer (ce_source) and aggregate
-- (ce_subject); older versions arriving later are stale and ignored.
create table consumed_aggregate (
    consumer     text    not null,
    source       text    not null,
    subject      text    not null,
    last_version bigint  not null,
    primary key (consumer, source, subject)
);
