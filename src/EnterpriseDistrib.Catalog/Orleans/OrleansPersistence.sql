-- Grain state for Microsoft.Orleans.Persistence.AdoNet (10.4.x), binary payloads (the provider's default
-- serializer). A grain's state is keyed by service, grain type and grain id; the provider hashes the type
-- and the id to ints so that the index stays narrow, and sends the natural key alongside to rule out
-- hash collisions. version is the state's ETag: 1 on first write, +1 on every write or clear.
CREATE TABLE orleans_grain_state
(
    service_id         varchar(150)  NOT NULL,
    grain_type_hash    integer       NOT NULL,
    grain_id_hash      integer       NOT NULL,
    grain_id_n0        bigint        NOT NULL,
    grain_id_n1        bigint        NOT NULL,
    grain_type         varchar(512)  NOT NULL,
    grain_id_extension varchar(1024) NULL,
    payload            bytea         NULL,
    version            integer       NOT NULL,
    modified_at        timestamptz   NOT NULL DEFAULT now()
);

-- At most one state per grain, also when the id has no string part (NULL extension): two silos that both
-- believe they host a grain (split brain) cannot both create its first state.
CREATE UNIQUE INDEX ux_orleans_grain_state_key ON orleans_grain_state
    (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, grain_type, grain_id_extension)
    NULLS NOT DISTINCT;

-- Query keys and parameter names below are the ones Orleans.Persistence.AdoNet 10.4 binds; result column
-- names are the ones it reads back (PayloadBinary, Version, NewGrainStateVersion; clear/delete: column 0).
-- Orleans compares the version a statement returns with the ETag it sent: the same value, an empty one
-- (NULL), or no row at all means "someone else wrote first" and becomes an InconsistentStateException.
INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', $q$
SELECT payload AS "PayloadBinary", version AS "Version"
  FROM orleans_grain_state
 WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
   AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
   AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString;
$q$),
-- Without an ETag the state must not exist yet (insert); with one it must still be at that version (update).
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans_grain_state
       SET payload = @PayloadBinary, version = version + 1, modified_at = now()
     WHERE @GrainStateVersion IS NOT NULL
       AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
       AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
       AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
       AND version = @GrainStateVersion
    RETURNING version),
inserted AS (
    INSERT INTO orleans_grain_state (service_id, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1,
                                     grain_type, grain_id_extension, payload, version)
    SELECT @ServiceId, @GrainTypeHash, @GrainIdHash, @GrainIdN0, @GrainIdN1,
           @GrainTypeString, @GrainIdExtensionString, @PayloadBinary, 1
     WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version)
SELECT COALESCE((SELECT version FROM updated), (SELECT version FROM inserted), @GrainStateVersion)
       AS "NewGrainStateVersion";
$q$),
-- Keeps the row (and its version) but drops the payload, so a later write continues the version line.
('ClearStorageKey', $q$
UPDATE orleans_grain_state
   SET payload = NULL, version = version + 1, modified_at = now()
 WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
   AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
   AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
   AND version = @GrainStateVersion
RETURNING version AS "NewGrainStateVersion";
$q$),
-- For DeleteStateOnClear = true: removes the row. It answers the version the row would have had next,
-- which differs from the caller's ETag, so Orleans reads it as success.
('DeleteStorageKey', $q$
DELETE FROM orleans_grain_state
 WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
   AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
   AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
   AND version = @GrainStateVersion
RETURNING version + 1 AS "NewGrainStateVersion";
$q$);
