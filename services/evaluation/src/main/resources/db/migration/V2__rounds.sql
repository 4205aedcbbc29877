-- ---- rounds of multi-directional evaluation (多向度考评), one per year and level ----

create table round (
    id                 uuid primary key,
    year               int          not null,
    level              varchar(20)  not null,
    self_weight        int          not null,
    mutual_weight      int          not null,
    assessment_weight  int          not null,
    members_weight     int          not null,
    residents_weight   int          not null,
    objective_weight   int          not null,
    status             varchar(10)  not null,
    version            bigint       not null,
    opened_at          timestamptz  not null,
    opened_by          varchar(200) not null,
    closed_at          timestamptz,
    closed_by          varchar(200),
    unique (year, level)
);

-- Anonymous ratings (mutual, members', residents'): no rater, no time, a random id. Who rated is in "rated", with
-- nothing that links it to a row here.
create table rating (
    id               uuid primary key,
    round_id         uuid        not null references round (id),
    organisation_id  uuid        not null,
    component        varchar(20) not null,
    score            int         not null
);
create index rating_round_idx on rating (round_id, organisation_id, component);

-- Who has rated: a peer organisation a rated one (subject: the rated organisation), a member once per round
-- (subject: the round).
create table rated (
    round_id   uuid         not null references round (id),
    component  varchar(20)  not null,
    rater      varchar(60)  not null,
    subject    uuid         not null,
    primary key (round_id, component, rater, subject)
);

-- Self-assessments (自评) and assessments by the level above (考评): official, one per organisation, not anonymous.
create table official_rating (
    round_id         uuid         not null references round (id),
    organisation_id  uuid         not null,
    component        varchar(20)  not null,
    score            int          not null,
    rated_by         varchar(200) not null,
    rated_at         timestamptz  not null,
    primary key (round_id, organisation_id, component)
);

-- Residents' one-time codes (群众评价), as SHA-256 hashes of the code; a used code rates no more.
create table resident_code (
    hash          bytea        primary key,
    round_id      uuid         not null references round (id),
    community_id  uuid         not null,
    used          boolean      not null default false,
    issued_at     timestamptz  not null,
    issued_by     varchar(200) not null
);

-- The scores of a closed round, frozen with how each was computed (the Score record as JSON).
create table score (
    round_id         uuid          not null references round (id),
    organisation_id  uuid          not null,
    score            numeric(5, 2),
    rank             int,
    explanation      jsonb         not null,
    primary key (round_id, organisation_id)
);
