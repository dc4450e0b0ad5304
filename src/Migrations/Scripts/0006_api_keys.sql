-- API keys of the client systems that call the Gateway. A key reads ars_<id>_<secret>: the id is public and is
-- the lookup key; only the SHA-256 of the secret is stored, so a copy of this table lets no one call the Gateway.
CREATE TABLE api_key (
    id                  text        NOT NULL PRIMARY KEY CHECK (id ~ '^[a-z0-9]{8,32}$'),
    name                text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    secret_sha256       bytea       NOT NULL CHECK (octet_length(secret_sha256) = 32),
    scopes              text[]      NOT NULL CHECK (cardinality(scopes) > 0),
    requests_per_second integer     CHECK (requests_per_second > 0), -- null: the Gateway's configured default
    source              text        NOT NULL CHECK (source IN ('admin', 'configuration')),
    created_at          timestamptz NOT NULL DEFAULT now(),
    last_used_at        timestamptz, -- written at most once per key-cache period per Gateway, not per request
    revoked_at          timestamptz
);
