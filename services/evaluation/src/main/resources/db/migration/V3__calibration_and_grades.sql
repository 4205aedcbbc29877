-- Calibration (the level above overrides a score, with a reason) and grades (考评等次) of closed rounds.

-- The score the round computed at its close stays beside the current (possibly calibrated) one.
alter table score add column computed numeric(5, 2);
update score set computed = score;
alter table score add column grade varchar(10);

-- The audit trail: every override, with the score before it, the reason, who and when. Never updated or deleted.
create table calibration (
    id               uuid primary key,
    round_id         uuid          not null references round (id),
    organisation_id  uuid          not null,
    previous         numeric(5, 2),
    score            numeric(5, 2) not null,
    reason           varchar(500)  not null,
    calibrated_by    varchar(200)  not null,
    calibrated_at    timestamptz   not null
);
create index calibration_round_idx on calibration (round_id, organisation_id);
