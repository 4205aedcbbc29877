-- ---- cadres' year-end scores (decision 0027) ----

-- The level above's assessment (考评) of a cadre of an evaluated organisation: official, named, once per round.
create table cadre_assessment (
    round_id   uuid         not null references round (id),
    member_id  uuid         not null,
    score      int          not null,
    rated_by   varchar(200) not null,
    rated_at   timestamptz  not null,
    primary key (round_id, member_id)
);

-- The cadres' scores of a closed round, frozen with how each was computed (the CadreScore record as JSON). The cadre's
-- organisation and role are those of the close.
create table cadre_score (
    round_id         uuid          not null references round (id),
    member_id        uuid          not null,
    organisation_id  uuid          not null,
    role             varchar(10)   not null,
    score            numeric(5, 2),
    rank             int,
    explanation      jsonb         not null,
    primary key (round_id, member_id)
);
create index cadre_score_member_idx on cadre_score (member_id);
