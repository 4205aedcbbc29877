-- ---- guarantees (保障): the communities' funds and the cadres' pay ----

-- Allocations (by the level above) and spending (by the community) of a community's work funds and mass-service
-- funds, in whole yuan. Never updated or deleted: a correction is another entry.
create table fund_entry (
    id            uuid primary key,
    community_id  uuid         not null,
    year          int          not null,
    fund          varchar(20)  not null,
    entry         varchar(20)  not null,
    amount_yuan   bigint       not null,
    note          varchar(200) not null,
    recorded_by   varchar(200) not null,
    recorded_at   timestamptz  not null,
    seq           bigint generated always as identity
);
create index fund_entry_community_year_idx on fund_entry (community_id, year);

-- Cadres certified as social workers (持证社工): recorded here, by the community.
create table social_worker (
    member_id     uuid primary key,
    certified_on  date         not null,
    recorded_by   varchar(200) not null,
    recorded_at   timestamptz  not null
);
