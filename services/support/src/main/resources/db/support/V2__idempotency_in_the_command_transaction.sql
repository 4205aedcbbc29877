-- Decision 0018: a key's row is written once, with its response, in the transaction of the command it answers, so
-- a committed row always holds a response. Rows without one were first attempts "in progress" under the previous
-- design; whether their command committed is unknown, and that design forgot them after 10 minutes as well.
DELETE FROM idempotent_request WHERE status IS NULL;
ALTER TABLE idempotent_request ALTER COLUMN status SET NOT NULL;
ALTER TABLE idempotent_request DROP COLUMN completed_at;
