-- The dashboard's city-wide projections, made only of the districts' events (decision 0023). Every row says the
-- district whose topic told it (each district writes only its own topics). The messaging tables (processed_event,
-- consumed_aggregate) come from events-messaging's own migration.

-- Every district's organisation tree, by parent links (a child may arrive before its parent).
create table organisation (
    id        uuid primary key,
    district  text not null,
    type      text not null,
    parent_id uuid,
    name      text not null,
    active    boolean not null default true
);
create index organisation_parent on organisation (parent_id);
create index organisation_district_type on organisation (district, type) where active;

-- Members held by each district (组织关系), counted under their home organisation. No personal data.
create table member (
    id                   uuid primary key,
    district             text not null,
    home_organisation_id uuid not null,
    category             text not null,
    cadre_role           text,
    community_worker     boolean not null,
    active               boolean not null default true
);
create index member_home on member (home_organisation_id) where active;

-- A wish's community and beneficiary (WishPosted), so a confirmation counts a resident helped.
create table wish (
    id             uuid primary key,
    district       text not null,
    community_id   uuid not null,
    beneficiary_id uuid not null
);

-- One row per step of a wish (POST, PUBLISH, CLAIM, FULFIL, CONFIRM) at the time of its event: a time range counts
-- the distinct wishes with that step in it, as the district's own yearly report does.
create table wish_step (
    event_id     uuid primary key,
    wish_id      uuid not null,
    district     text not null,
    community_id uuid not null,
    step         text not null,
    at           timestamptz not null
);
create index wish_step_community on wish_step (community_id, step, at);

-- Approved hours (HoursApproved): service by specialty (分类), trainings apart.
create table hours (
    id           uuid primary key,
    district     text not null,
    community_id uuid not null,
    specialty    text,
    training     boolean not null,
    minutes      integer not null,
    served_on    date not null
);
create index hours_community on hours (community_id, served_on);

-- Evaluation: each organisation's published (or calibrated) score and rank in a closed round (创先争优).
create table score (
    round_id        uuid not null,
    organisation_id uuid not null,
    district        text not null,
    year            integer not null,
    level           text not null,
    score           numeric(7, 2),
    rank            integer,
    primary key (round_id, organisation_id)
);

-- Per district: the time of its last event (its own clock, ce_time) and when it reached us.
create table district_freshness (
    district       text primary key,
    last_event_at  timestamptz not null,
    received_at    timestamptz not null
);
