-- The operations console: its users, the throttle on guessing their passwords, what each silo reports about
-- itself, and the indexes behind the console's account search and notice log.

-- People who sign in to the console. Names are stored lower-case; only a PBKDF2 hash of the password is kept
-- (ASP.NET Core Identity's PasswordHasher format). A disabled user's session ends at its next request.
CREATE TABLE console_user (
    name                text        NOT NULL PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9._@-]{0,63}$'),
    password_hash       text        NOT NULL,
    role                text        NOT NULL CHECK (role IN ('viewer', 'collector', 'admin')),
    collector_id        text,       -- whose work queue the console opens for this user
    source              text        NOT NULL CHECK (source IN ('admin', 'configuration')),
    created_at          timestamptz NOT NULL DEFAULT now(),
    password_changed_at timestamptz NOT NULL DEFAULT now(), -- sessions issued before this are refused
    last_sign_in_at     timestamptz,
    disabled_at         timestamptz
);

-- Failed sign-ins per user name (whether or not the user exists, so the answer never tells) and per client
-- address. A subject over its limit inside the window is refused until locked_until, right password or not.
CREATE TABLE console_sign_in_failure (
    subject         text        NOT NULL PRIMARY KEY CHECK (subject ~ '^(user|address):'),
    failures        integer     NOT NULL,
    window_started  timestamptz NOT NULL,
    locked_until    timestamptz
);

-- One row per silo, upserted every few seconds by the silo itself: what the console's system page shows next
-- to Orleans' own membership. A row whose updated_at is old belongs to a silo that stopped reporting.
CREATE TABLE silo_status (
    silo          text        NOT NULL PRIMARY KEY, -- the silo's name (Orleans:Name)
    address       text        NOT NULL,
    activations   integer     NOT NULL,
    outbox_depth  bigint      NOT NULL,             -- events stored in activated accounts' outboxes, not yet confirmed by the broker
    started_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- Account search: by id prefix or by name prefix, any case.
CREATE INDEX account_summary_id_prefix ON account_summary (account_id text_pattern_ops);
CREATE INDEX account_summary_name_prefix ON account_summary (lower(customer_name) text_pattern_ops);

-- The notice log newest first. emitted_at is never updated, so the index leaves the claim → outcome update HOT.
CREATE INDEX notice_log_by_emission ON notice_log (emitted_at DESC);

-- The keys that protect the console's session and antiforgery cookies, shared by every Gateway (ASP.NET Core
-- Data Protection's XML key ring). Reading this table is enough to forge a session: guard the database.
CREATE TABLE data_protection_key (
    friendly_name text        NOT NULL PRIMARY KEY,
    xml           text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
