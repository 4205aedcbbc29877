-- Why a claim was released: a missed deadline (missed_deadline says which) or the claimer gave up.
alter table claim add column release_reason varchar(30);
update claim set release_reason = case missed_deadline when 'CONTACT' then 'CONTACT_DEADLINE_MISSED'
    when 'FULFILMENT' then 'FULFILMENT_DEADLINE_MISSED' end where status = 'RELEASED';

-- One reminder (提醒) per claim and deadline kind, ever: the key makes a second sweep a no-op.
create table claim_reminder (
    claim_id       uuid        not null references claim (id),
    deadline_kind  varchar(20) not null,
    sent_at        timestamptz not null,
    primary key (claim_id, deadline_kind)
);

-- Reports read the history by time.
create index wish_transition_at_idx on wish_transition (at, transition);
create index claim_claimer_time_idx on claim (claimer_id, claimed_at desc);
