-- ---- responsibility (以项定责): contracts signed level by level, and the secretaries who must lead a project ----

-- The heads (主干) and other cadres of the district's two committees (两委), from membership events: a member's cadre
-- role and the organisation that holds their membership.
create table cadre (
    member_id        uuid primary key,
    organisation_id  uuid        not null,
    role             varchar(10) not null
);
create index cadre_organisation_idx on cadre (organisation_id);

-- Responsibility contracts (责任状): the level above issues and signs, the organisation countersigns. The secretary
-- who signs for a street committee is recorded only here (street committees hold no members in membership).
create table responsibility_contract (
    id               uuid primary key,
    year             int          not null,
    issuer_id        uuid         not null,
    organisation_id  uuid         not null,
    secretary_id     uuid         not null,
    status           varchar(10)  not null,
    version          bigint       not null,
    issued_at        timestamptz  not null,
    issued_by        varchar(200) not null,
    signed_at        timestamptz,
    signed_by        varchar(200),
    unique (year, organisation_id)
);

create table contract_project (
    contract_id  uuid not null references responsibility_contract (id),
    project_id   uuid not null references project (id),
    primary key (contract_id, project_id)
);
