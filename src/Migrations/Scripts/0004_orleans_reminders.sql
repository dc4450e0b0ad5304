-- ArScale migration 0004: Orleans reminders (Microsoft.Orleans.Reminders.AdoNet 10.4.2).
--
-- ArScale keeps at most one reminder per account ("dunning"). Rows are addressed two ways:
--   * by grain: (service_id, grain_id, reminder_name), the primary key: read / upsert / delete;
--   * by ring range: every RefreshReminderListPeriod each silo re-reads every row whose grain_hash
--     lies in the ring ranges it owns. Those range reads are the scale cost (millions of accounts),
--     so (service_id, grain_hash) has its own index: without it each read scans the whole service.
--
-- Parameters arrive typed from Npgsql:
--   text:        @ServiceId @GrainId (GrainId.ToString(), e.g. "account/ACME-000123") @ReminderName
--   integer:     @GrainHash @BeginHash @EndHash (Orleans' uint ring hash cast to int) @Version
--   timestamptz: @StartTime (UTC)
--   integer or bigint: @Period in milliseconds (bigint only when it exceeds int.MaxValue ms)
-- Result columns read: GrainId, ReminderName, StartTime, Period (read as Int64), Version.
-- Orleans picks ReadRangeRows1Key when (int)begin < (int)end, otherwise ReadRangeRows2Key (the range
-- wraps around the signed ring, or begin = end meaning the whole ring). Ranges are (begin, end].

CREATE TABLE orleans_reminder
(
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    grain_hash    integer     NOT NULL,
    start_time    timestamptz NOT NULL,
    period_ms     bigint      NOT NULL,
    version       integer     NOT NULL,
    modified_at   timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT orleans_reminder_pk PRIMARY KEY (service_id, grain_id, reminder_name),
    CONSTRAINT orleans_reminder_period_not_negative CHECK (period_ms >= 0)
)
-- Each firing re-registers the account's reminder (an update of start_time/period/version, none of
-- them indexed): free space per page lets PostgreSQL keep those updates on the page (HOT).
WITH (fillfactor = 90);

-- Serves ReadRangeRows1Key (one index range) and ReadRangeRows2Key (two ranges, bitmap OR).
CREATE INDEX orleans_reminder_ring_ix ON orleans_reminder (service_id, grain_hash);

COMMENT ON TABLE orleans_reminder IS
    'Orleans durable reminders; one "dunning" row per account with something pending. version = ETag.';

INSERT INTO orleansquery (querykey, querytext) VALUES

-- All reminders of one grain.
('ReadReminderRowsKey', $$
SELECT grain_id      AS "GrainId",
       reminder_name AS "ReminderName",
       start_time    AS "StartTime",
       period_ms     AS "Period",
       version       AS "Version"
  FROM orleans_reminder
 WHERE service_id = @ServiceId
   AND grain_id = @GrainId
$$),

-- One reminder of one grain; zero rows when it does not exist.
('ReadReminderRowKey', $$
SELECT grain_id      AS "GrainId",
       reminder_name AS "ReminderName",
       start_time    AS "StartTime",
       period_ms     AS "Period",
       version       AS "Version"
  FROM orleans_reminder
 WHERE service_id = @ServiceId
   AND grain_id = @GrainId
   AND reminder_name = @ReminderName
$$),

-- Ring range that does not wrap: begin < hash <= end.
('ReadRangeRows1Key', $$
SELECT grain_id      AS "GrainId",
       reminder_name AS "ReminderName",
       start_time    AS "StartTime",
       period_ms     AS "Period",
       version       AS "Version"
  FROM orleans_reminder
 WHERE service_id = @ServiceId
   AND grain_hash > @BeginHash
   AND grain_hash <= @EndHash
$$),

-- Ring range that wraps: hash > begin or hash <= end.
('ReadRangeRows2Key', $$
SELECT grain_id      AS "GrainId",
       reminder_name AS "ReminderName",
       start_time    AS "StartTime",
       period_ms     AS "Period",
       version       AS "Version"
  FROM orleans_reminder
 WHERE service_id = @ServiceId
   AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$$),

-- Register or re-register. Returns the new version (ETag): 1 for a new row, +1 on every update.
('UpsertReminderRowKey', $$
INSERT INTO orleans_reminder AS r
       (service_id, grain_id, reminder_name, grain_hash, start_time, period_ms, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @GrainHash, @StartTime, @Period, 1)
ON CONFLICT ON CONSTRAINT orleans_reminder_pk DO UPDATE
   SET grain_hash  = excluded.grain_hash,
       start_time  = excluded.start_time,
       period_ms   = excluded.period_ms,
       version     = r.version + 1,
       modified_at = now()
RETURNING r.version AS "Version"
$$),

-- Unregister, only if the caller still holds the current version. One boolean: deleted or not.
('DeleteReminderRowKey', $$
WITH removed AS (
    DELETE FROM orleans_reminder
     WHERE service_id = @ServiceId
       AND grain_id = @GrainId
       AND reminder_name = @ReminderName
       AND version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM removed) AS "Removed"
$$),

-- Remove every reminder of the service (Orleans uses it from tests only).
('DeleteReminderRowsKey', $$
DELETE FROM orleans_reminder
 WHERE service_id = @ServiceId
$$);
