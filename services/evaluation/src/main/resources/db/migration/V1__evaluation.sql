-- The evaluation service's own state (项目化 + 多向度考评). The outbox and consumed-event tables come with
-- events-messaging, the idempotency table with service-support, the district's tree and members with
-- membership-directory (schema directory); each runs its own migrations.

-- ---- outcomes: the verified outcomes of the district, from its services' events (ours included) ----

-- One row per outcome (an approved hours entry, a confirmed wish, an accepted report, a target found met), with the
-- event that told it: indicators are sums over these rows, and a replay of the topics rebuilds them exactly.
create table outcome (
    kind             varchar(30) not null,
    source_id        uuid        not null,
    event_id         uuid        not null,
    organisation_id  uuid        not null,
    year             int         not null,
    quantity         int         not null,
    primary key (kind, source_id)
);
create index outcome_organisation_year_idx on outcome (organisation_id, year);

-- Wishes posted on the district's needs menus: a project may answer them.
create table wish (
    wish_id       uuid primary key,
    community_id  uuid not null
);

-- ---- projects (以需立项、以项定责、以责评绩) ----

create table project (
    id               uuid primary key,
    organisation_id  uuid          not null,
    year             int           not null,
    title            varchar(100)  not null,
    need             varchar(500),
    secretary_id     uuid          not null,
    status           varchar(20)   not null,
    report           varchar(5000),
    reported_at      timestamptz,
    reported_by      varchar(200),
    review_grade     varchar(10),
    review_comment   varchar(1000),
    reviewed_at      timestamptz,
    reviewed_by      varchar(200),
    published_at     timestamptz,
    published_by     varchar(200),
    version          bigint        not null,
    launched_at      timestamptz   not null,
    launched_by      varchar(200)  not null
);
create index project_organisation_year_idx on project (organisation_id, year);
create index project_secretary_idx on project (secretary_id, year);

create table project_wish (
    project_id  uuid not null references project (id),
    wish_id     uuid not null,
    primary key (project_id, wish_id)
);

create table target (
    id            uuid primary key,
    project_id    uuid          not null references project (id),
    position      int           not null,
    indicator     varchar(100)  not null,
    unit          varchar(20)   not null,
    target_value  int           not null,
    value_found   int,
    met           boolean,
    checked_at    timestamptz,
    checked_by    varchar(200)
);
create index target_project_idx on target (project_id);

create table milestone (
    id          uuid primary key,
    project_id  uuid          not null references project (id),
    title       varchar(100)  not null,
    due_on      date          not null,
    reached_on  date
);
create index milestone_project_idx on milestone (project_id);

create table progress (
    id            uuid primary key,
    project_id    uuid           not null references project (id),
    note          varchar(1000)  not null,
    milestone_id  uuid,
    reported_at   timestamptz    not null,
    reported_by   varchar(200)   not null
);
create index progress_project_idx on progress (project_id);
