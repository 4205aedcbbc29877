-- The identity service's own database: users, district systems, signing keys, and Spring Authorization
-- Server's registered clients, authorizations and consents (its schemas, adapted to PostgreSQL as its
-- scripts say: blob -> text, timestamp -> timestamptz).

CREATE TABLE user_account (
    id              UUID          PRIMARY KEY,
    username        VARCHAR(100)  NOT NULL,
    password_hash   VARCHAR(500)  NOT NULL,
    roles           VARCHAR(200)  NOT NULL,  -- Role names, comma-separated, as the token's roles array
    district        VARCHAR(40),             -- null only for a CITY_ADMIN
    org             UUID,                    -- street or community for STREET_STAFF / COMMUNITY_STAFF
    member          UUID,                    -- the member for MEMBER
    enabled         BOOLEAN       NOT NULL DEFAULT TRUE,
    failed_logins   INTEGER       NOT NULL DEFAULT 0,  -- consecutive failures since the last success
    locked_until    TIMESTAMPTZ,             -- refused until then, whatever the password
    version         BIGINT        NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ   NOT NULL,
    updated_at      TIMESTAMPTZ   NOT NULL
);
-- Usernames are case-insensitive: "Admin" and "admin" are one account.
CREATE UNIQUE INDEX user_account_username ON user_account (lower(username));
CREATE INDEX user_account_district ON user_account (district, username);

-- A district's system (machine client): the client itself is in oauth2_registered_client.
CREATE TABLE district_client (
    client_id       VARCHAR(100)  PRIMARY KEY,
    registered_id   VARCHAR(100)  NOT NULL UNIQUE,
    name            VARCHAR(200)  NOT NULL,
    district        VARCHAR(40)   NOT NULL,
    created_by      VARCHAR(200)  NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL
);
CREATE UNIQUE INDEX district_client_name ON district_client (district, lower(name));

-- Token signing keys. The private key is AES-GCM encrypted with a key derived from zz.identity.keys.encryption-secret.
CREATE TABLE signing_key (
    kid             VARCHAR(64)   PRIMARY KEY,
    public_key      BYTEA         NOT NULL,  -- X.509 SubjectPublicKeyInfo (DER)
    private_key     BYTEA         NOT NULL,  -- nonce (12 bytes) || AES-GCM(PKCS#8 DER), kid as associated data
    created_at      TIMESTAMPTZ   NOT NULL,
    retired_at      TIMESTAMPTZ,             -- null for the active key; set when a newer key takes over
    publish_until   TIMESTAMPTZ              -- retired keys stay in the JWKS until every token they signed expired
);
-- At most one active key.
CREATE UNIQUE INDEX signing_key_one_active ON signing_key ((retired_at IS NULL)) WHERE retired_at IS NULL;

CREATE TABLE oauth2_registered_client (
    id varchar(100) NOT NULL,
    client_id varchar(100) NOT NULL,
    client_id_issued_at timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
    client_secret varchar(200) DEFAULT NULL,
    client_secret_expires_at timestamptz DEFAULT NULL,
    client_name varchar(200) NOT NULL,
    client_authentication_methods varchar(1000) NOT NULL,
    authorization_grant_types varchar(1000) NOT NULL,
    redirect_uris varchar(1000) DEFAULT NULL,
    post_logout_redirect_uris varchar(1000) DEFAULT NULL,
    scopes varchar(1000) NOT NULL,
    client_settings varchar(2000) NOT NULL,
    token_settings varchar(2000) NOT NULL,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX oauth2_registered_client_client_id ON oauth2_registered_client (client_id);

CREATE TABLE oauth2_authorization (
    id varchar(100) NOT NULL,
    registered_client_id varchar(100) NOT NULL,
    principal_name varchar(200) NOT NULL,
    authorization_grant_type varchar(100) NOT NULL,
    authorized_scopes varchar(1000) DEFAULT NULL,
    attributes text DEFAULT NULL,
    state varchar(500) DEFAULT NULL,
    authorization_code_value text DEFAULT NULL,
    authorization_code_issued_at timestamptz DEFAULT NULL,
    authorization_code_expires_at timestamptz DEFAULT NULL,
    authorization_code_metadata text DEFAULT NULL,
    access_token_value text DEFAULT NULL,
    access_token_issued_at timestamptz DEFAULT NULL,
    access_token_expires_at timestamptz DEFAULT NULL,
    access_token_metadata text DEFAULT NULL,
    access_token_type varchar(100) DEFAULT NULL,
    access_token_scopes varchar(1000) DEFAULT NULL,
    oidc_id_token_value text DEFAULT NULL,
    oidc_id_token_issued_at timestamptz DEFAULT NULL,
    oidc_id_token_expires_at timestamptz DEFAULT NULL,
    oidc_id_token_metadata text DEFAULT NULL,
    refresh_token_value text DEFAULT NULL,
    refresh_token_issued_at timestamptz DEFAULT NULL,
    refresh_token_expires_at timestamptz DEFAULT NULL,
    refresh_token_metadata text DEFAULT NULL,
    user_code_value text DEFAULT NULL,
    user_code_issued_at timestamptz DEFAULT NULL,
    user_code_expires_at timestamptz DEFAULT NULL,
    user_code_metadata text DEFAULT NULL,
    device_code_value text DEFAULT NULL,
    device_code_issued_at timestamptz DEFAULT NULL,
    device_code_expires_at timestamptz DEFAULT NULL,
    device_code_metadata text DEFAULT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX oauth2_authorization_state ON oauth2_authorization (state);
CREATE INDEX oauth2_authorization_code ON oauth2_authorization (md5(authorization_code_value));

CREATE TABLE oauth2_authorization_consent (
    registered_client_id varchar(100) NOT NULL,
    principal_name varchar(200) NOT NULL,
    authorities varchar(1000) NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
);
