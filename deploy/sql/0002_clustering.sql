-- Clustering (membership) for Orleans' ADO.NET provider; the cluster id arrives as @DeploymentId.
--
-- membership_version is the table ETag: one row per cluster whose version must equal @Version for a silo row to be
-- inserted or updated, and is bumped in the same statement. Every such write first locks the version row
-- (SELECT ... FOR UPDATE re-checks @Version against the newest committed row under READ COMMITTED), so the
-- writes of one cluster are serialized and "row changed" and "version bumped" happen together or not at all.
-- Each query is one SQL statement (CTEs), no PL/pgSQL.
CREATE TABLE membership_version (
    deployment_id text        PRIMARY KEY,
    version       integer     NOT NULL DEFAULT 0,
    changed_at    timestamptz NOT NULL DEFAULT now()
);

-- One row per silo generation. Port, generation, status and proxy port are int4 because the provider reads them
-- with GetInt32. Status: 1 Created, 2 Joining, 3 Active, 4 ShuttingDown, 5 Stopping, 6 Dead.
-- suspect_times is the provider's text form `silo,date|silo,date` (NULL when nobody suspects the silo).
-- Times are timestamptz: Npgsql 10 binds every DateTime as timestamptz and refuses non-UTC values.
CREATE TABLE membership_silos (
    deployment_id   text        NOT NULL REFERENCES membership_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL DEFAULT 0,
    suspect_times   text,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Creates the cluster's version row (version 0) unless it exists; column 0 is true when this call created it.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO membership_version (deployment_id, version, changed_at)
    VALUES (@DeploymentId, 0, now())
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM created)
$q$),

-- Inserts a silo row and bumps the version, only when the version still equals @Version and the row is new.
-- locked -> inserted -> bumped read from each other, so they run in that order; the version row stays locked
-- from `locked` on, so the bump cannot miss once the row went in. Column 0: true when both happened.
('InsertMembershipKey', $q$
WITH locked AS (
    SELECT deployment_id FROM membership_version
    WHERE deployment_id = @DeploymentId AND version = @Version
    FOR UPDATE
), inserted AS (
    INSERT INTO membership_silos (deployment_id, address, port, generation, silo_name, host_name, status,
                                  proxy_port, suspect_times, start_time, i_am_alive_time)
    SELECT l.deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
           @ProxyPort, NULL, @StartTime, @IAmAliveTime
    FROM locked l
    ON CONFLICT (deployment_id, address, port, generation) DO NOTHING
    RETURNING deployment_id
), bumped AS (
    UPDATE membership_version v SET version = v.version + 1, changed_at = now()
    FROM inserted i
    WHERE v.deployment_id = i.deployment_id
    RETURNING v.version
)
SELECT EXISTS (SELECT 1 FROM bumped)
$q$),

-- Updates a silo row's status, suspicions and IAmAlive time and bumps the version, with the same
-- lock-then-change-then-bump order as InsertMembershipKey. Column 0: true when both happened.
('UpdateMembershipKey', $q$
WITH locked AS (
    SELECT deployment_id FROM membership_version
    WHERE deployment_id = @DeploymentId AND version = @Version
    FOR UPDATE
), updated AS (
    UPDATE membership_silos m
    SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM locked l
    WHERE m.deployment_id = l.deployment_id
      AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING m.deployment_id
), bumped AS (
    UPDATE membership_version v SET version = v.version + 1, changed_at = now()
    FROM updated u
    WHERE v.deployment_id = u.deployment_id
    RETURNING v.version
)
SELECT EXISTS (SELECT 1 FROM bumped)
$q$),

-- The liveness heartbeat: touches only the silo row, never the version (it is not a membership change).
('UpdateIAmAlivetimeKey', $q$
UPDATE membership_silos
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),

-- One silo row and the version, read in one snapshot. The version row drives the join, so the version comes
-- back even when the silo row does not exist (its columns are then NULL; a NULL StartTime means "no member").
('MembershipReadRowKey', $q$
SELECT m.address AS "Address", m.port AS "Port", m.generation AS "Generation", m.silo_name AS "SiloName",
       m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime",
       v.version AS "Version"
FROM membership_version v
LEFT JOIN membership_silos m
       ON m.deployment_id = v.deployment_id
      AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$q$),

-- Every silo row of the cluster with the version, or one version-only row when the cluster has no silos.
('MembershipReadAllKey', $q$
SELECT m.address AS "Address", m.port AS "Port", m.generation AS "Generation", m.silo_name AS "SiloName",
       m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime",
       v.version AS "Version"
FROM membership_version v
LEFT JOIN membership_silos m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$q$),

-- Removes a whole cluster: the version row, and its silo rows by ON DELETE CASCADE.
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM membership_version WHERE deployment_id = @DeploymentId
$q$),

-- Gateways for clients: Active silos (@Status is 3) that listen for clients (proxy port > 0).
('GatewaysQueryKey', $q$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM membership_silos
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),

-- Forgets Dead silos (status 6) whose last heartbeat is older than the cut-off. Dead rows no longer take part
-- in the protocol, so this does not bump the version.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM membership_silos
WHERE deployment_id = @DeploymentId AND status = 6 AND i_am_alive_time < @IAmAliveTime
$q$);
