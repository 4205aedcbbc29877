-- The volunteering service's own state (志工型党员队伍). The outbox and consumed-event tables come with
-- events-messaging, the idempotency table with service-support; each runs its own migrations.

-- ---- directory: what this service knows of the district from membership events (no personal data) ----

-- The organisation tree by parent links; "inside X" is a recursive walk (a district has a few hundred nodes),
-- so events may arrive in any order and a move changes one row.
create table organisation (
    id         uuid primary key,
    type       varchar(30) not null,
    parent_id  uuid,
    active     boolean     not null default true
);
create index organisation_parent_idx on organisation (parent_id);

-- Members of this district, and members of other districts who live here: the district that holds them
-- (组织关系) and the community they live in here (null: elsewhere).
create table member (
    member_id               uuid primary key,
    home_district           varchar(20) not null,
    residence_community_id  uuid
);
create index member_residence_idx on member (residence_community_id);

-- Member reports (党员双报到) to this district's communities, of members of any district.
create table member_report (
    report_id        uuid primary key,
    member_id        uuid        not null,
    member_district  varchar(20) not null,
    community_id     uuid        not null,
    accepted         boolean     not null
);
create index member_report_member_idx on member_report (member_id, community_id);

-- Resident units (驻区单位) whose unit report to a community was accepted: they may publish posts there.
create table unit_report (
    report_id     uuid primary key,
    unit_id       uuid not null,
    community_id  uuid not null
);

-- ---- volunteers (志愿者) ----

-- A member's volunteer id is the member id (district: the one holding the membership); a resident's is ours.
create table volunteer (
    id             uuid primary key,
    kind           varchar(10)  not null,
    district       varchar(20)  not null,
    community_id   uuid         not null,
    version        bigint       not null,
    registered_at  timestamptz  not null,
    registered_by  varchar(100) not null
);
create index volunteer_community_idx on volunteer (community_id);

-- Personal data of residents who are not members: only here, never in an event.
create table resident (
    volunteer_id  uuid primary key references volunteer (id),
    name          varchar(50) not null,
    phone         varchar(20) not null
);

-- 分类登记: specialties from the configured list; a qualification (e.g. a licence) verified by staff, until a day.
create table volunteer_specialty (
    volunteer_id   uuid         not null references volunteer (id),
    specialty      varchar(40)  not null,
    qualification  varchar(100),
    verified_by    varchar(100),
    verified_at    timestamptz,
    valid_until    date,
    primary key (volunteer_id, specialty)
);
create index volunteer_specialty_idx on volunteer_specialty (specialty);

-- ---- campaigns, brand projects, teams ----

create table campaign (
    id               uuid primary key,
    organisation_id  uuid         not null,
    kind             varchar(20)  not null,
    name             varchar(100) not null,
    starts_on        date         not null,
    ends_on          date         not null check (ends_on >= starts_on),
    version          bigint       not null,
    launched_at      timestamptz  not null,
    launched_by      varchar(100) not null
);
create index campaign_organisation_idx on campaign (organisation_id);

-- 一社区一品牌: a community's or street's project and what it did, by type of service or outcome.
create table brand_project (
    id               uuid primary key,
    organisation_id  uuid         not null,
    name             varchar(100) not null,
    description      varchar(500) not null,
    version          bigint       not null,
    launched_at      timestamptz  not null,
    launched_by      varchar(100) not null
);
create unique index brand_project_name_uk on brand_project (organisation_id, name);

create table service_record (
    id           uuid primary key,
    project_id   uuid         not null references brand_project (id),
    type         varchar(40)  not null,
    quantity     integer      not null check (quantity >= 1),
    occurred_on  date         not null,
    subject      varchar(100),
    note         varchar(500),
    campaign_id  uuid references campaign (id),
    recorded_at  timestamptz  not null,
    recorded_by  varchar(100) not null
);
create index service_record_project_idx on service_record (project_id, occurred_on);

-- 志愿服务队: organisation_id is the community or street (for a brand project's team, the project's).
create table team (
    id                 uuid primary key,
    name               varchar(50)  not null,
    content            varchar(200) not null,
    base               varchar(20)  not null,
    organisation_id    uuid         not null,
    brand_project_id   uuid references brand_project (id),
    lead_volunteer_id  uuid         not null references volunteer (id),
    join_policy        varchar(10)  not null,
    version            bigint       not null,
    formed_at          timestamptz  not null,
    formed_by          varchar(100) not null
);
create unique index team_name_uk on team (organisation_id, name);

-- status: PENDING (asked, waiting for approval) → MEMBER, or DECLINED; MEMBER → LEFT. One row per team and
-- volunteer: asking again after a decline or a leave reuses it.
create table team_member (
    team_id       uuid         not null references team (id),
    volunteer_id  uuid         not null references volunteer (id),
    status        varchar(10)  not null,
    requested_at  timestamptz  not null,
    decided_at    timestamptz,
    decided_by    varchar(100),
    reason        varchar(500),
    primary key (team_id, volunteer_id)
);
create index team_member_volunteer_idx on team_member (volunteer_id);

-- ---- posts (岗位) and claims (认岗) ----

create table post (
    id             uuid primary key,
    community_id   uuid         not null,
    publisher      varchar(10)  not null,
    unit_id        uuid,
    title          varchar(100) not null,
    description    varchar(1000) not null,
    place          varchar(200) not null,
    specialty      varchar(40),
    requirement    varchar(20)  not null,
    schedule       varchar(12)  not null,
    starts_at      timestamptz  not null,
    ends_at        timestamptz,
    hours_budget   integer,
    capacity       integer      not null check (capacity >= 1),
    campaign_id    uuid references campaign (id),
    status         varchar(10)  not null,
    version        bigint       not null,
    published_at   timestamptz  not null,
    published_by   varchar(100) not null,
    closed_at      timestamptz,
    close_reason   varchar(500)
);
create index post_community_idx on post (community_id, status, starts_at);

-- status: ACTIVE → WITHDRAWN. A member holds at most one active claim per post.
create table post_claim (
    id             uuid primary key,
    post_id        uuid         not null references post (id),
    volunteer_id   uuid         not null references volunteer (id),
    status         varchar(10)  not null,
    claimed_at     timestamptz  not null,
    withdrawn_at   timestamptz,
    withdrawn_by   varchar(100)
);
create unique index post_claim_active_uk on post_claim (post_id, volunteer_id) where status = 'ACTIVE';
create index post_claim_volunteer_idx on post_claim (volunteer_id, status);

-- ---- activities and trainings, sign-ups with a waiting list ----

create table activity (
    id                     uuid primary key,
    community_id           uuid         not null,
    kind                   varchar(10)  not null,
    title                  varchar(100) not null,
    description            varchar(1000) not null,
    place                  varchar(200) not null,
    specialty              varchar(40),
    starts_at              timestamptz  not null,
    ends_at                timestamptz  not null,
    capacity               integer      not null check (capacity >= 1),
    cancellation_deadline  timestamptz  not null,
    campaign_id            uuid references campaign (id),
    status                 varchar(10)  not null,
    version                bigint       not null,
    scheduled_at           timestamptz  not null,
    scheduled_by           varchar(100) not null,
    cancelled_at           timestamptz,
    cancel_reason          varchar(500)
);
create index activity_community_idx on activity (community_id, starts_at);

-- status: CONFIRMED or WAITING → CANCELLED; WAITING → CONFIRMED when promoted. arrival is the order in which
-- sign-ups took the activity's row lock: the waiting list's order.
create table sign_up (
    id             uuid primary key,
    activity_id    uuid         not null references activity (id),
    volunteer_id   uuid         not null references volunteer (id),
    status         varchar(10)  not null,
    arrival        bigserial    not null,
    signed_up_at   timestamptz  not null,
    confirmed_at   timestamptz,
    cancelled_at   timestamptz,
    cancelled_by   varchar(100)
);
create unique index sign_up_active_uk on sign_up (activity_id, volunteer_id) where status <> 'CANCELLED';
create index sign_up_waiting_idx on sign_up (activity_id, status, arrival);
create index sign_up_volunteer_idx on sign_up (volunteer_id);

-- ---- verified hours ----

-- One entry per check-in (OPEN until check-out, then APPROVED) or per claim without check-in (PENDING →
-- APPROVED or DECLINED; DECLINED → APPEALED once → APPROVED or DECLINED). Nothing is ever deleted.
create table hours (
    id              uuid primary key,
    volunteer_id    uuid         not null references volunteer (id),
    community_id    uuid         not null,
    shift_kind      varchar(10)  not null,
    shift_id        uuid         not null,
    training        boolean      not null,
    specialty       varchar(40),
    campaign_id     uuid,
    source          varchar(10)  not null,
    status          varchar(10)  not null,
    checked_in_at   timestamptz,
    checked_out_at  timestamptz,
    served_on       date         not null,
    minutes         integer      not null check (minutes >= 0 and minutes <= 1440),
    appealed        boolean      not null default false,
    submitted_by    varchar(100) not null,
    version         bigint       not null
);
create index hours_volunteer_idx on hours (volunteer_id, shift_id, status);
create index hours_queue_idx on hours (community_id, status);
create index hours_served_idx on hours (served_on, status);

-- Who did what to an entry, when and why: check-in, check-out, claim, approve, decline, appeal.
create table hours_decision (
    id        bigserial    primary key,
    hours_id  uuid         not null references hours (id),
    action    varchar(20)  not null,
    actor     varchar(100) not null,
    at        timestamptz  not null,
    reason    varchar(500)
);
create index hours_decision_hours_idx on hours_decision (hours_id, id);

-- A rotating code checks a volunteer in (or out) of a shift once: the key makes a second use a no-op.
create table used_code (
    volunteer_id  uuid        not null,
    shift_id      uuid        not null,
    code_window   bigint      not null,
    action        varchar(10) not null,
    primary key (volunteer_id, shift_id, code_window, action)
);
