-- Third step: help groups (帮帮团), members of other districts, publication rounds, the beneficiary's
-- confirmation code.

-- The home district of a reported member (from MemberReportAccepted.memberDistrict): a member of another
-- district claims here with their home district's token, and it must be the district that reported them.
alter table member_report add column member_district varchar(20);

-- 轮次: a wish's round starts each time it enters the menu (published, or released back to it) and ends
-- round_ends_at; still unclaimed then, it expires. round counts the rounds the wish has been on the menu.
alter table wish add column round integer not null default 0;
alter table wish add column round_ends_at timestamptz;
update wish set round = 1, round_ends_at = updated_at + interval '90 days' where status = 'PUBLISHED';
create index wish_round_end_idx on wish (round_ends_at) where status = 'PUBLISHED';

-- The beneficiary's one-time confirmation code (确认码), printed on the paper slip (回执) given to them when
-- the wish is posted. status: ACTIVE → USED, or INVALIDATED after too many wrong codes.
create table confirmation_code (
    wish_id          uuid primary key references wish (id),
    code             varchar(12) not null,
    status           varchar(20) not null,
    failed_attempts  integer     not null default 0,
    created_at       timestamptz not null,
    used_at          timestamptz,
    used_by          varchar(100)
);
-- Wishes posted before this step have no code: staff confirm them.

-- 帮帮团: a group of members of one community with a lead; it claims wishes as one claimer.
create table help_group (
    id              uuid primary key,
    community_id    uuid         not null,
    name            varchar(50)  not null,
    lead_member_id  uuid         not null,
    created_by      varchar(100) not null,
    created_at      timestamptz  not null
);
create unique index help_group_name_uk on help_group (community_id, name);

create table help_group_member (
    group_id   uuid        not null references help_group (id),
    member_id  uuid        not null,
    added_at   timestamptz not null,
    primary key (group_id, member_id)
);
create index help_group_member_member_idx on help_group_member (member_id);
