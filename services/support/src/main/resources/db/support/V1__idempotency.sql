-- Responses to creates sent with an Idempotency-Key, so a retried create returns the first answer
-- instead of creating twice. Rows live 24 h (purged by IdempotencyCleanup).
CREATE TABLE idempotent_request (
    caller          VARCHAR(200)  NOT NULL,  -- token subject: keys are per caller, never shared
    idempotency_key VARCHAR(100)  NOT NULL,
    method          VARCHAR(10)   NOT NULL,
    path            VARCHAR(2000) NOT NULL,
    request_hash    CHAR(64)      NOT NULL,  -- SHA-256 of the body, hex
    status          INTEGER,                 -- null while the first request is still running
    content_type    VARCHAR(200),
    location        VARCHAR(2000),
    body            BYTEA,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    completed_at    TIMESTAMPTZ,
    PRIMARY KEY (caller, idempotency_key)
);

CREATE INDEX idempotent_request_created_at ON idempotent_request (created_at);
