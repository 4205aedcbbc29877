-- The test application's own table, migrated by Boot's Flyway (location db/testapp) next to the support schema.
CREATE TABLE thing (
    id        UUID PRIMARY KEY,
    code      VARCHAR(40)  NOT NULL UNIQUE,
    name      VARCHAR(100) NOT NULL,
    category  VARCHAR(20)  NOT NULL,
    quantity  INTEGER      NOT NULL,
    archived  BOOLEAN      NOT NULL DEFAULT FALSE,
    version   BIGINT       NOT NULL DEFAULT 0,
    created_by VARCHAR(200) NOT NULL
);
