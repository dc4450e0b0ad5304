-- ArScale migration 0002: Orleans cluster membership (Microsoft.Orleans.Clustering.AdoNet 10.4.2).
--
-- Silos and the Gateway's cluster client find each other through these two tables.
-- One row per cluster (Orleans calls it DeploymentId; the value is ClusterOptions.ClusterId) holds
-- the membership "table version"; every change to a silo row must bump that version in the same
-- statement, conditioned on the version the caller read (Orleans' membership protocol).
--
-- Statements are plain, single SQL commands (data-modifying CTEs), so each one is atomic on its own
-- and returns exactly the row shape the provider reads. Parameters arrive typed from Npgsql:
--   text:        @DeploymentId @Address @SiloName @HostName @SuspectTimes (NULL when none)
--   integer:     @Port @Generation @Status @ProxyPort @Version
--   timestamptz: @StartTime @IAmAliveTime (DbType.DateTime, UTC)
-- Result columns are matched by name (case-insensitively); we alias them to Orleans' spelling.
-- SiloStatus values used below: 3 = Active, 6 = Dead.

CREATE TABLE orleans_membership_version
(
    deployment_id text        NOT NULL,
    version       integer     NOT NULL DEFAULT 0,
    modified_at   timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT orleans_membership_version_pk PRIMARY KEY (deployment_id)
);

COMMENT ON TABLE orleans_membership_version IS
    'One row per Orleans cluster id: the membership table version (optimistic-concurrency token).';

CREATE TABLE orleans_membership
(
    deployment_id   text        NOT NULL,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL,
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,

    CONSTRAINT orleans_membership_pk PRIMARY KEY (deployment_id, address, port, generation),
    -- Deleting a cluster's version row removes its silo rows with it.
    CONSTRAINT orleans_membership_cluster_fk FOREIGN KEY (deployment_id)
        REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE
);

COMMENT ON TABLE orleans_membership IS
    'One row per silo incarnation (address, port, generation). suspect_times is Orleans'' own '
    '"silo,date|silo,date" text; i_am_alive_time is the silo heartbeat.';

INSERT INTO orleansquery (querykey, querytext) VALUES

-- Silo start: make sure the cluster has its version row. Returns one boolean: true when this call
-- created it, false when it already existed (concurrent starters are serialised by the primary key).
('InsertMembershipVersionKey', $$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id)
    VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING deployment_id
)
SELECT EXISTS (SELECT 1 FROM created) AS "Created"
$$),

-- A silo joins. @Version is the table version the silo read. The version row is bumped only if it
-- still holds @Version and the silo row does not exist yet; the silo row is inserted only if that
-- bump happened. The row lock taken by the bump serialises competing writers: a loser re-checks
-- the version after the winner commits, finds it moved on, and gets false.
('InsertMembershipKey', $$
WITH bumped AS (
    UPDATE orleans_membership_version AS v
       SET version = v.version + 1,
           modified_at = now()
     WHERE v.deployment_id = @DeploymentId
       AND v.version = @Version
       AND NOT EXISTS (SELECT 1
                         FROM orleans_membership AS m
                        WHERE m.deployment_id = @DeploymentId
                          AND m.address = @Address
                          AND m.port = @Port
                          AND m.generation = @Generation)
    RETURNING v.deployment_id
), added AS (
    INSERT INTO orleans_membership
           (deployment_id, address, port, generation, silo_name, host_name,
            status, proxy_port, suspect_times, start_time, i_am_alive_time)
    SELECT b.deployment_id, @Address, @Port, @Generation, @SiloName, @HostName,
           @Status, @ProxyPort, NULL, @StartTime, @IAmAliveTime
      FROM bumped AS b
    ON CONFLICT ON CONSTRAINT orleans_membership_pk DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM added) AS "Inserted"
$$),

-- A silo's status / suspicion list changes. Same version rule as the insert; the silo row must exist.
('UpdateMembershipKey', $$
WITH bumped AS (
    UPDATE orleans_membership_version AS v
       SET version = v.version + 1,
           modified_at = now()
     WHERE v.deployment_id = @DeploymentId
       AND v.version = @Version
       AND EXISTS (SELECT 1
                     FROM orleans_membership AS m
                    WHERE m.deployment_id = @DeploymentId
                      AND m.address = @Address
                      AND m.port = @Port
                      AND m.generation = @Generation)
    RETURNING v.deployment_id
), changed AS (
    UPDATE orleans_membership AS m
       SET status = @Status,
           suspect_times = @SuspectTimes,
           i_am_alive_time = @IAmAliveTime
      FROM bumped AS b
     WHERE m.deployment_id = b.deployment_id
       AND m.address = @Address
       AND m.port = @Port
       AND m.generation = @Generation
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM changed) AS "Updated"
$$),

-- Heartbeat: a single primary-key update of the silo's own row. Not versioned; result not read.
('UpdateIAmAlivetimeKey', $$
UPDATE orleans_membership
   SET i_am_alive_time = @IAmAliveTime
 WHERE deployment_id = @DeploymentId
   AND address = @Address
   AND port = @Port
   AND generation = @Generation
$$),

-- Read one silo row plus the table version. Always returns the version row (outer join) so the
-- caller gets the version even when the silo row is absent (then StartTime is NULL).
('MembershipReadRowKey', $$
SELECT v.version         AS "Version",
       m.address         AS "Address",
       m.port            AS "Port",
       m.generation      AS "Generation",
       m.silo_name       AS "SiloName",
       m.host_name       AS "HostName",
       m.status          AS "Status",
       m.proxy_port      AS "ProxyPort",
       m.suspect_times   AS "SuspectTimes",
       m.start_time      AS "StartTime",
       m.i_am_alive_time AS "IAmAliveTime"
  FROM orleans_membership_version AS v
  LEFT JOIN orleans_membership AS m
         ON m.deployment_id = v.deployment_id
        AND m.address = @Address
        AND m.port = @Port
        AND m.generation = @Generation
 WHERE v.deployment_id = @DeploymentId
$$),

-- Read the whole cluster view and its version in one statement (one snapshot).
('MembershipReadAllKey', $$
SELECT v.version         AS "Version",
       m.address         AS "Address",
       m.port            AS "Port",
       m.generation      AS "Generation",
       m.silo_name       AS "SiloName",
       m.host_name       AS "HostName",
       m.status          AS "Status",
       m.proxy_port      AS "ProxyPort",
       m.suspect_times   AS "SuspectTimes",
       m.start_time      AS "StartTime",
       m.i_am_alive_time AS "IAmAliveTime"
  FROM orleans_membership_version AS v
  LEFT JOIN orleans_membership AS m
         ON m.deployment_id = v.deployment_id
 WHERE v.deployment_id = @DeploymentId
$$),

-- Cluster clients: gateways of active silos. Orleans passes @Status = 3 (Active).
('GatewaysQueryKey', $$
SELECT address    AS "Address",
       proxy_port AS "ProxyPort",
       generation AS "Generation"
  FROM orleans_membership
 WHERE deployment_id = @DeploymentId
   AND status = @Status
   AND proxy_port > 0
$$),

-- Remove a whole cluster (tests / tear-down). The silo rows go with the version row (ON DELETE CASCADE).
('DeleteMembershipTableEntriesKey', $$
DELETE FROM orleans_membership_version
 WHERE deployment_id = @DeploymentId
$$),

-- Defunct-silo clean-up, bulk form (required key). @IAmAliveTime is the cut-off (now minus
-- ClusterMembershipOptions.DefunctSiloExpiration). Removes Dead silos whose start and last heartbeat
-- are both older than the cut-off. The membership version is deliberately left alone.
-- Orleans 10.4.2 only runs this when CleanupDefunctSiloEntryKey (below) is absent.
('CleanupDefunctSiloEntriesKey', $$
DELETE FROM orleans_membership
 WHERE deployment_id = @DeploymentId
   AND status = 6
   AND start_time < @IAmAliveTime
   AND i_am_alive_time < @IAmAliveTime
$$),

-- Defunct-silo clean-up, per row (optional key, used by 10.4.2 when present). Orleans first reads the
-- table, picks Dead rows whose start, heartbeat and every suspicion time are older than the cut-off,
-- then deletes each one only if it is still exactly what was read (captured StartTime, IAmAliveTime,
-- SuspectTimes), so a row changed in the meantime survives. NULL and '' suspicion lists compare equal.
('CleanupDefunctSiloEntryKey', $$
DELETE FROM orleans_membership
 WHERE deployment_id = @DeploymentId
   AND address = @Address
   AND port = @Port
   AND generation = @Generation
   AND status = 6
   AND start_time = @StartTime
   AND i_am_alive_time = @IAmAliveTime
   AND coalesce(suspect_times, '') = coalesce(@SuspectTimes, '')
$$);
