-- The test application's own tables, migrated by Boot's Flyway beside the messaging tables.
create table organisation (
    id      uuid    primary key,
    name    text    not null,
    version bigint  not null
);

-- What the test consumer applied: one row per event, applied_count counts the effects.
create table applied_event (
    event_id        uuid    primary key,
    organisation_id uuid    not null,
    name            text    not null,
    version         bigint  not null,
    applied_count   int     not null
);
