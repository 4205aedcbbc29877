-- What a service of a district knows of it from the districts' membership events (no personal data). Schema
-- directory, history directory.directory_schema_history: the service's own Flyway keeps schema public.

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

-- Resident units (驻区单位) whose unit report (单位报到) to a community was accepted.
create table unit_report (
    report_id     uuid primary key,
    unit_id       uuid not null,
    community_id  uuid not null
);
create index unit_report_unit_idx on unit_report (unit_id, community_id);
