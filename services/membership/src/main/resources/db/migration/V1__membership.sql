-- The membership service's own state. The outbox and consumed-event tables come with events-messaging,
-- the idempotency table with service-support; each runs its own migrations.

-- 组织体系: the district's organisation tree. path holds the ids from the root down to this node
-- ('/<root>/<street>/<community>/'), so "is X inside Y's subtree" is a prefix test.
create table organisation (
    id          uuid primary key,
    code        varchar(40)  not null,
    name        varchar(100) not null,
    type        varchar(30)  not null,
    parent_id   uuid references organisation (id),
    path        text         not null,
    active      boolean      not null default true,
    version     bigint       not null,
    created_at  timestamptz  not null default now(),
    updated_at  timestamptz  not null default now()
);
create unique index organisation_code_uk on organisation (code);
create unique index organisation_single_root_uk on organisation ((true)) where type = 'DISTRICT_COMMITTEE';
create index organisation_parent_idx on organisation (parent_id);
create index organisation_path_idx on organisation (path text_pattern_ops);
create index organisation_type_idx on organisation (type);

-- 党员 held by this district. Personal data (name, phone, id number, address) lives only here.
create table member (
    id                     uuid primary key,
    name                   varchar(50)  not null,
    phone                  varchar(20),
    id_number              varchar(18),
    address                varchar(200),
    home_organisation_id   uuid         not null references organisation (id),
    residence_district     varchar(20)  not null,
    residence_community_id uuid,
    category               varchar(20)  not null,
    specialties            text[]       not null default '{}',
    cadre_role             varchar(20),
    community_worker       boolean      not null default false,
    status                 varchar(20)  not null,
    version                bigint       not null,
    created_at             timestamptz  not null default now(),
    updated_at             timestamptz  not null default now()
);
create index member_home_org_idx on member (home_organisation_id);
create index member_residence_idx on member (residence_community_id);
create index member_name_idx on member (name);
create index member_specialties_idx on member using gin (specialties);

-- 组织关系转接 across districts: outgoing (this district asked) and incoming (asked of this district).
create table transfer (
    id                    uuid primary key,
    direction             varchar(10)  not null,
    member_id             uuid         not null,
    from_district         varchar(20)  not null,
    from_organisation_id  uuid,
    to_district           varchar(20)  not null,
    to_organisation_id    uuid         not null,
    category              varchar(20),
    specialties           text[]       not null default '{}',
    status                varchar(20)  not null,
    reason                varchar(500),
    version               bigint       not null,
    requested_at          timestamptz  not null default now(),
    decided_at            timestamptz
);
create index transfer_member_idx on transfer (member_id);
create index transfer_status_idx on transfer (direction, status);

-- What this district knows of other districts' organisations and members, from their events only.
create table external_organisation (
    id         uuid primary key,
    district   varchar(20)  not null,
    code       varchar(40)  not null,
    name       varchar(100) not null,
    type       varchar(30)  not null,
    parent_id  uuid,
    active     boolean      not null
);
create index external_organisation_district_idx on external_organisation (district, type);

create table external_member (
    id                     uuid primary key,
    district               varchar(20)  not null,
    home_organisation_id   uuid         not null,
    residence_district     varchar(20)  not null,
    residence_community_id uuid,
    category               varchar(20)  not null,
    specialties            text[]       not null default '{}',
    cadre_role             varchar(20),
    community_worker       boolean      not null default false,
    active                 boolean      not null
);
create index external_member_residence_idx on external_member (residence_district, residence_community_id);

-- 网格化: the party group a member living in one of this district's communities is placed in.
-- member_district tells whether the member is held here or in another district.
create table placement (
    member_id        uuid primary key,
    member_district  varchar(20) not null,
    community_id     uuid        not null references organisation (id),
    grid_id          uuid        not null references organisation (id),
    party_group_id   uuid        not null references organisation (id),
    version          bigint      not null,
    placed_at        timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
create index placement_community_idx on placement (community_id);
create index placement_group_idx on placement (party_group_id);

-- 双报到 (1): a resident unit's organisation reports to a community organisation.
create table unit_report (
    id                    uuid primary key,
    unit_organisation_id  uuid         not null references organisation (id),
    community_id          uuid         not null references organisation (id),
    status                varchar(20)  not null,
    receipt_number        varchar(40),
    reason                varchar(500),
    version               bigint       not null,
    submitted_at          timestamptz  not null default now(),
    decided_at            timestamptz
);
create unique index unit_report_open_uk on unit_report (unit_organisation_id, community_id)
    where status in ('SUBMITTED', 'ACCEPTED');
create unique index unit_report_receipt_uk on unit_report (receipt_number);
create index unit_report_community_idx on unit_report (community_id, status);
create sequence unit_report_receipt_seq;

-- 双报到 (2): an in-service member reports to the community where they live (maybe from another district).
create table member_report (
    id                    uuid primary key,
    member_id             uuid         not null,
    member_district       varchar(20)  not null,
    home_organisation_id  uuid         not null,
    community_id          uuid         not null references organisation (id),
    status                varchar(20)  not null,
    reason                varchar(500),
    version               bigint       not null,
    submitted_at          timestamptz  not null default now(),
    decided_at            timestamptz
);
create unique index member_report_open_uk on member_report (member_id) where status in ('SUBMITTED', 'ACCEPTED');
create index member_report_community_idx on member_report (community_id, status);

-- Feedback to the home organisation: this district's members' reports to other districts' communities.
create table member_report_elsewhere (
    report_id     uuid primary key,
    member_id     uuid        not null,
    district      varchar(20) not null,
    community_id  uuid        not null,
    status        varchar(20) not null,
    reason        varchar(500),
    updated_at    timestamptz not null default now()
);
create index member_report_elsewhere_member_idx on member_report_elsewhere (member_id);
