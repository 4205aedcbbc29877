-- The version rows keyed by one 16-byte value instead of three text columns (decision 0029): a hash of the consumer,
-- the producer and the aggregate, the first 16 bytes of the SHA-256 of "consumer\nsource\nsubject" in UTF-8 (neither a
-- consumer nor a ce_source, a URI, holds a line break, so no two triples give the same text). The primary key over
-- the three texts was about 110 bytes an entry and compared with the database's collation; a replay inserting a new
-- aggregate per event spent most of its PostgreSQL time in that index. The three columns stay, for people reading
-- the table. InboundEvents.aggregateKey computes the same value.
alter table consumed_aggregate add column aggregate uuid;
update consumed_aggregate set aggregate = encode(substring(sha256(convert_to(
    consumer || E'\n' || source || E'\n' || subject, 'UTF8')) from 1 for 16), 'hex')::uuid;
alter table consumed_aggregate alter column aggregate set not null;
alter table consumed_aggregate drop constraint consumed_aggregate_pkey;
alter table consumed_aggregate add primary key (aggregate);
