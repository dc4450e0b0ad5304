-- ArScale migration 0003: Orleans grain state (Microsoft.Orleans.Persistence.AdoNet 10.4.2).
--
-- One row per (service, grain type, grain id). ArScale's AccountGrain has a string key, which Orleans
-- hands over as @GrainIdExtensionString with @GrainIdN0 = @GrainIdN1 = 0; Guid/integer keys use
-- N0/N1 and an optional extension. The two hashes are Orleans' own (stable) hashes of the id and of
-- the type name; they lead the unique index so a lookup touches one narrow index range.
--
-- Optimistic concurrency: "version" is the grain's ETag. A write or clear must name the version it
-- read (@GrainStateVersion); a first write names none (NULL). Whenever the condition fails the
-- statement returns no row, and Orleans raises InconsistentStateException. A unique constraint (not
-- a NOT EXISTS probe) decides who wins two concurrent first writes.
--
-- Parameters arrive typed from Npgsql:
--   integer: @GrainIdHash @GrainTypeHash @GrainStateVersion (NULL on first write)
--   bigint:  @GrainIdN0 @GrainIdN1
--   text:    @GrainTypeString @GrainIdExtensionString (NULL when the id has no string part) @ServiceId
--   bytea:   @PayloadBinary (the configured IGrainStorageSerializer's bytes; JSON by default)
-- Result columns read: PayloadBinary + Version (read), NewGrainStateVersion (write, clear, delete).
--
-- NULLS NOT DISTINCT (PostgreSQL 15+) makes "no extension" one value for the unique constraint.

CREATE TABLE orleans_grain_state
(
    service_id      text        NOT NULL,
    grain_type_hash integer     NOT NULL,
    grain_id_hash   integer     NOT NULL,
    grain_id_n0     bigint      NOT NULL,
    grain_id_n1     bigint      NOT NULL,
    grain_type      text        NOT NULL,
    grain_key_ext   text        NULL,
    payload         bytea       NULL,
    version         integer     NOT NULL,
    modified_at     timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT orleans_grain_state_identity
        UNIQUE NULLS NOT DISTINCT
        (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, grain_type, grain_key_ext)
)
-- Every account write rewrites its row; leave room on each page for same-page (HOT) row versions.
WITH (fillfactor = 80);

COMMENT ON TABLE orleans_grain_state IS
    'Orleans grain state. payload NULL = state cleared (row and version kept); version = ETag.';

INSERT INTO orleansquery (querykey, querytext) VALUES

-- Read: zero rows (never written) or one row. A cleared grain returns a NULL payload with its version.
('ReadFromStorageKey', $$
SELECT s.payload AS "PayloadBinary",
       s.version AS "Version"
  FROM orleans_grain_state AS s
 WHERE s.grain_id_hash = @GrainIdHash
   AND s.grain_type_hash = @GrainTypeHash
   AND s.service_id = @ServiceId
   AND s.grain_id_n0 = @GrainIdN0
   AND s.grain_id_n1 = @GrainIdN1
   AND s.grain_type = @GrainTypeString
   AND s.grain_key_ext IS NOT DISTINCT FROM @GrainIdExtensionString
$$),

-- Write: with a version, update that exact version and return version + 1; without one, insert
-- version 1 unless the row exists. Exactly one of the two branches can produce a row; no row means
-- the ETag was stale (or another activation wrote first).
('WriteToStorageKey', $$
WITH updated AS (
    UPDATE orleans_grain_state AS s
       SET payload = @PayloadBinary,
           version = s.version + 1,
           modified_at = now()
     WHERE s.grain_id_hash = @GrainIdHash
       AND s.grain_type_hash = @GrainTypeHash
       AND s.service_id = @ServiceId
       AND s.grain_id_n0 = @GrainIdN0
       AND s.grain_id_n1 = @GrainIdN1
       AND s.grain_type = @GrainTypeString
       AND s.grain_key_ext IS NOT DISTINCT FROM @GrainIdExtensionString
       AND s.version = @GrainStateVersion
    RETURNING s.version
), inserted AS (
    INSERT INTO orleans_grain_state
           (service_id, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1,
            grain_type, grain_key_ext, payload, version)
    SELECT @ServiceId, @GrainTypeHash, @GrainIdHash, @GrainIdN0, @GrainIdN1,
           @GrainTypeString, @GrainIdExtensionString, @PayloadBinary, 1
     WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT orleans_grain_state_identity DO NOTHING
    RETURNING version
)
SELECT version AS "NewGrainStateVersion" FROM updated
UNION ALL
SELECT version FROM inserted
$$),

-- Clear (DeleteStateOnClear = false, the default): drop the payload, keep the row, bump the version.
('ClearStorageKey', $$
UPDATE orleans_grain_state AS s
   SET payload = NULL,
       version = s.version + 1,
       modified_at = now()
 WHERE s.grain_id_hash = @GrainIdHash
   AND s.grain_type_hash = @GrainTypeHash
   AND s.service_id = @ServiceId
   AND s.grain_id_n0 = @GrainIdN0
   AND s.grain_id_n1 = @GrainIdN1
   AND s.grain_type = @GrainTypeString
   AND s.grain_key_ext IS NOT DISTINCT FROM @GrainIdExtensionString
   AND s.version = @GrainStateVersion
RETURNING s.version AS "NewGrainStateVersion"
$$),

-- Clear with DeleteStateOnClear = true (optional key): remove the row. Returns the deleted version + 1
-- so Orleans sees a version different from the one it held; it then resets the ETag to null.
('DeleteStorageKey', $$
DELETE FROM orleans_grain_state AS s
 WHERE s.grain_id_hash = @GrainIdHash
   AND s.grain_type_hash = @GrainTypeHash
   AND s.service_id = @ServiceId
   AND s.grain_id_n0 = @GrainIdN0
   AND s.grain_id_n1 = @GrainIdN1
   AND s.grain_type = @GrainTypeString
   AND s.grain_key_ext IS NOT DISTINCT FROM @GrainIdExtensionString
   AND s.version = @GrainStateVersion
RETURNING s.version + 1 AS "NewGrainStateVersion"
$$);
