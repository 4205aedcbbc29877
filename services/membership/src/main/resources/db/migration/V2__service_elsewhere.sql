-- Feedback to the home organisation (双报到), second part: hours this district's members served in other
-- districts' communities, as those districts' volunteering services verified them (their HoursApproved events).
-- Only verified hours arrive: nothing here is scored from app activity.
create table member_service_elsewhere (
    hours_id      uuid primary key,
    member_id     uuid        not null,
    district      varchar(20) not null,
    community_id  uuid        not null,
    minutes       integer     not null check (minutes > 0),
    served_on     date        not null,
    training      boolean     not null,
    specialty     varchar(40),
    recorded_at   timestamptz not null default now()
);
create index member_service_elsewhere_member_idx on member_service_elsewhere (member_id, served_on);
