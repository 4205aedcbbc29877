-- Overrides in the order they were made: two within one clock tick (a test clock, a coarse clock) keep their order.
alter table calibration add column seq bigint generated always as identity;
