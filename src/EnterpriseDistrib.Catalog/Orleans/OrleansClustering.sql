-- Cluster membership for Microsoft.Orleans.Clustering.AdoNet (10.4.x).
-- One version row per cluster (DeploymentId = ClusterId) is the optimistic-concurrency token of the whole
-- membership table: every membership change must name the version it read and moves it forward by one.
-- Times are timestamptz because the provider binds every DateTime as DbType.DateTime, which Npgsql sends
-- as 'timestamp with time zone' and accepts only for UTC values; reading back gives UTC DateTimes again.
CREATE TABLE orleans_membership_version
(
    deployment_id varchar(150) NOT NULL,
    version       integer      NOT NULL DEFAULT 0,
    changed_at    timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT pk_orleans_membership_version PRIMARY KEY (deployment_id)
);

-- One row per silo incarnation (address, port, generation). Status holds Orleans' SiloStatus number
-- (3 = Active, 6 = Dead); suspect_times is the provider's own "silo,time|silo,time" text.
CREATE TABLE orleans_membership
(
    deployment_id  varchar(150) NOT NULL,
    address        varchar(45)  NOT NULL,
    port           integer      NOT NULL,
    generation     integer      NOT NULL,
    silo_name      varchar(150) NOT NULL,
    host_name      varchar(253) NOT NULL,
    status         integer      NOT NULL,
    proxy_port     integer      NULL,
    suspect_times  text         NULL,
    start_time     timestamptz  NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    CONSTRAINT pk_orleans_membership PRIMARY KEY (deployment_id, address, port, generation),
    -- Removing a cluster's version row removes its members with it.
    CONSTRAINT fk_orleans_membership_version FOREIGN KEY (deployment_id)
        REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE
);

-- Adds a silo row and moves the version on, both or neither. Locking the version row first serialises
-- concurrent writers of one cluster; a stale version or an existing row answers false and changes nothing.
CREATE FUNCTION orleans_membership_insert(
    p_deployment_id  varchar,
    p_address        varchar,
    p_port           integer,
    p_generation     integer,
    p_silo_name      varchar,
    p_host_name      varchar,
    p_status         integer,
    p_proxy_port     integer,
    p_start_time     timestamptz,
    p_i_am_alive_time timestamptz,
    p_expected_version integer)
    RETURNS boolean
    LANGUAGE plpgsql
AS $body$
BEGIN
    PERFORM 1 FROM orleans_membership_version
     WHERE deployment_id = p_deployment_id AND version = p_expected_version
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name,
                                    status, proxy_port, start_time, i_am_alive_time)
    VALUES (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
            p_status, p_proxy_port, p_start_time, p_i_am_alive_time)
    ON CONFLICT ON CONSTRAINT pk_orleans_membership DO NOTHING;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership_version
       SET version = version + 1, changed_at = now()
     WHERE deployment_id = p_deployment_id;
    RETURN true;
END
$body$;

-- Changes a silo row's status and suspicions and moves the version on, under the same rules as insert.
-- The heartbeat never goes backwards: a late write cannot undo a newer I-am-alive.
CREATE FUNCTION orleans_membership_update(
    p_deployment_id  varchar,
    p_address        varchar,
    p_port           integer,
    p_generation     integer,
    p_status         integer,
    p_suspect_times  text,
    p_i_am_alive_time timestamptz,
    p_expected_version integer)
    RETURNS boolean
    LANGUAGE plpgsql
AS $body$
BEGIN
    PERFORM 1 FROM orleans_membership_version
     WHERE deployment_id = p_deployment_id AND version = p_expected_version
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership
       SET status = p_status,
           suspect_times = p_suspect_times,
           i_am_alive_time = GREATEST(i_am_alive_time, p_i_am_alive_time)
     WHERE deployment_id = p_deployment_id AND address = p_address
       AND port = p_port AND generation = p_generation;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership_version
       SET version = version + 1, changed_at = now()
     WHERE deployment_id = p_deployment_id;
    RETURN true;
END
$body$;

-- Query keys and parameter names below are the ones Orleans.Clustering.AdoNet 10.4 binds; result column
-- names are the ones it reads back (it looks them up by name).
INSERT INTO orleansquery (querykey, querytext) VALUES
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT ON CONSTRAINT pk_orleans_membership_version DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM created);
$q$),
('InsertMembershipKey', $q$
SELECT orleans_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
                                 @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version);
$q$),
('UpdateMembershipKey', $q$
SELECT orleans_membership_update(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
                                 @IAmAliveTime, @Version);
$q$),
('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership
   SET i_am_alive_time = GREATEST(i_am_alive_time, @IAmAliveTime)
 WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;
$q$),
('MembershipReadRowKey', $q$
SELECT v.deployment_id AS "DeploymentId", m.address AS "Address", m.port AS "Port",
       m.generation AS "Generation", m.silo_name AS "SiloName", m.host_name AS "HostName",
       m.status AS "Status", m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
       m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime", v.version AS "Version"
  FROM orleans_membership_version v
  LEFT JOIN orleans_membership m
         ON m.deployment_id = v.deployment_id
        AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
 WHERE v.deployment_id = @DeploymentId;
$q$),
('MembershipReadAllKey', $q$
SELECT v.deployment_id AS "DeploymentId", m.address AS "Address", m.port AS "Port",
       m.generation AS "Generation", m.silo_name AS "SiloName", m.host_name AS "HostName",
       m.status AS "Status", m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
       m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime", v.version AS "Version"
  FROM orleans_membership_version v
  LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
 WHERE v.deployment_id = @DeploymentId;
$q$),
('GatewaysQueryKey', $q$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
  FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;
$q$),
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId;
$q$),
-- Fallback the provider uses only when CleanupDefunctSiloEntryKey is absent: dead rows quiet since the cutoff.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND status = 6
   AND i_am_alive_time < @IAmAliveTime AND start_time < @IAmAliveTime
   AND COALESCE(suspect_times, '') = '';
$q$),
-- The provider decides which dead rows are defunct and names each one with the values it read, so a row
-- that changed since (a newer heartbeat or suspicion) stays.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND status = 6
   AND address = @Address AND port = @Port AND generation = @Generation
   AND start_time = @StartTime AND i_am_alive_time = @IAmAliveTime
   AND COALESCE(suspect_times, '') = COALESCE(@SuspectTimes, '');
$q$);
