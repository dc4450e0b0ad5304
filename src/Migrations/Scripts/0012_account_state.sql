-- ArScale migration 0012: account grain state in a table of its own, written in batches.
--
-- The silo's AccountStateStore (src/Silo/Storage) reads and writes many accounts per statement (unnest), which
-- Orleans' ADO.NET storage cannot: it is one statement, and one commit, per grain. The key is the account id
-- itself, so no Orleans hash is needed to find a row. "version" is the grain's ETag, as in orleans_grain_state: a
-- write names the version it read (none for the first) and succeeds only if the row still has it.
CREATE TABLE account_state (
    service_id  text        NOT NULL,
    account_id  text        NOT NULL,
    version     integer     NOT NULL,
    payload     bytea       NULL, -- the domain's JSON (AccountStorageSerializer); NULL once cleared
    modified_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, account_id)
)
-- Every account write rewrites its row; leave room on each page for same-page (HOT) row versions.
WITH (fillfactor = 80);

COMMENT ON TABLE account_state IS
    'Account grain state (AccountStateStore). payload NULL = state cleared (row and version kept); version = ETag.';

-- Accounts an earlier version stored through Orleans' ADO.NET storage keep their state and version.
INSERT INTO account_state (service_id, account_id, version, payload, modified_at)
SELECT service_id, grain_key_ext, version, payload, modified_at
  FROM orleans_grain_state
 WHERE grain_type = 'account' AND grain_key_ext IS NOT NULL
ON CONFLICT DO NOTHING;

DELETE FROM orleans_grain_state WHERE grain_type = 'account' AND grain_key_ext IS NOT NULL;
