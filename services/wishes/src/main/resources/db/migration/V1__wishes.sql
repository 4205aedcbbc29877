-- The wishes service's own state. The outbox and consumed-event tables come with events-messaging,
-- the idempotency table with service-support; each runs its own migrations.

-- What this service knows of the district's organisation tree (from membership events), for scope checks.
-- path: ids from the root down to this node ('/<root>/<street>/<community>/'): "inside X" is a prefix test.
-- The communities (社区) of the district are the rows of type COMMUNITY.
create table organisation (
    id         uuid primary key,
    type       varchar(30) not null,
    parent_id  uuid,
    path       text        not null,
    active     boolean     not null default true
);
create index organisation_path_idx on organisation (path text_pattern_ops);

-- Eligible claimers from membership events: members living in a community (居住地),
-- members whose member report (党员双报到) to a community was accepted, units whose unit report was accepted.
create table member_residence (
    member_id     uuid primary key,
    district      varchar(20) not null,
    community_id  uuid
);
create index member_residence_community_idx on member_residence (community_id);

create table member_report (
    report_id     uuid primary key,
    member_id     uuid        not null,
    community_id  uuid        not null,
    accepted      boolean     not null
);
create index member_report_member_idx on member_report (member_id, community_id);

create table unit_report (
    report_id     uuid primary key,
    unit_id       uuid        not null,
    community_id  uuid        not null
);

-- 受助群众: personal data lives only here, never in a wish row or an event.
create table beneficiary (
    id            uuid primary key,
    name          varchar(50)  not null,
    phone         varchar(20)  not null,
    address       varchar(200) not null,
    community_id  uuid         not null,
    created_at    timestamptz  not null
);

-- 微心愿. current_claim_id is the standing claim while CLAIMED / CONTACTED / FULFILLED / CONFIRMED.
create table wish (
    id                    uuid primary key,
    community_id          uuid         not null,
    grid_id               uuid,
    category              varchar(30)  not null,
    description           varchar(500) not null,
    estimated_value_yuan  integer      not null check (estimated_value_yuan >= 1),
    posted_by             varchar(20)  not null,
    beneficiary_id        uuid         not null references beneficiary (id),
    status                varchar(20)  not null,
    priority              boolean      not null default false,
    current_claim_id      uuid,
    version               bigint       not null,
    posted_at             timestamptz  not null,
    published_at          timestamptz,
    updated_at            timestamptz  not null
);
create index wish_menu_idx on wish (community_id, status, priority desc, published_at);

-- 认领. status: OPEN (claimed) → CONTACTED → FULFILLED → CONFIRMED, or RELEASED (missed_deadline says which)
-- or CANCELLED.
create table claim (
    id                   uuid primary key,
    wish_id              uuid         not null references wish (id),
    claimer_kind         varchar(10)  not null,
    claimer_id           uuid         not null,
    claimer_district     varchar(20)  not null,
    status               varchar(20)  not null,
    claimed_at           timestamptz  not null,
    contact_deadline     timestamptz  not null,
    contacted_at         timestamptz,
    fulfilment_deadline  timestamptz,
    fulfilled_at         timestamptz,
    fulfilment_note      varchar(500),
    photo_ref            varchar(200),
    confirmed_at         timestamptz,
    released_at          timestamptz,
    missed_deadline      varchar(20)
);
-- A safety net under the conditional update: at most one standing claim per wish.
create unique index claim_standing_uk on claim (wish_id) where status in ('OPEN', 'CONTACTED', 'FULFILLED');
create index claim_claimer_idx on claim (claimer_id, status);

-- Every transition of a wish: from, to, who, when, why.
create table wish_transition (
    id           bigserial primary key,
    wish_id      uuid         not null references wish (id),
    from_status  varchar(20),
    to_status    varchar(20)  not null,
    transition   varchar(20)  not null,
    actor        varchar(100) not null,
    at           timestamptz  not null,
    reason       varchar(500)
);
create index wish_transition_wish_idx on wish_transition (wish_id, id);

-- Every time the beneficiary's contact data was shown to a claimer.
create table contact_reveal (
    id           bigserial primary key,
    wish_id      uuid         not null references wish (id),
    claim_id     uuid         not null references claim (id),
    revealed_to  varchar(100) not null,
    at           timestamptz  not null
);
