-- Durable reminders for Microsoft.Orleans.Reminders.AdoNet (10.4.x).
-- grain_hash is the grain's uniform hash as a signed int: each silo reads the reminders whose hash falls in
-- its slice of the ring. version is the reminder's ETag: it starts at 0 and grows on every re-registration.
CREATE TABLE orleans_reminder
(
    service_id    varchar(150) NOT NULL,
    grain_id      varchar(512) NOT NULL,
    reminder_name varchar(150) NOT NULL,
    start_time    timestamptz  NOT NULL,
    -- Milliseconds; Orleans sends an int for periods up to ~24 days and a bigint beyond.
    period_ms     bigint       NOT NULL,
    grain_hash    integer      NOT NULL,
    version       integer      NOT NULL,
    CONSTRAINT pk_orleans_reminder PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX ix_orleans_reminder_ring ON orleans_reminder (service_id, grain_hash);

-- Query keys and parameter names below are the ones Orleans.Reminders.AdoNet 10.4 binds; result column
-- names are the ones it reads back by name (GrainId, ReminderName, StartTime, Period, Version).
INSERT INTO orleansquery (querykey, querytext) VALUES
('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminder (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT ON CONSTRAINT pk_orleans_reminder DO UPDATE
   SET start_time = EXCLUDED.start_time,
       period_ms = EXCLUDED.period_ms,
       grain_hash = EXCLUDED.grain_hash,
       version = orleans_reminder.version + 1
RETURNING version AS "Version";
$q$),
('ReadReminderRowKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
  FROM orleans_reminder
 WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;
$q$),
('ReadReminderRowsKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
  FROM orleans_reminder
 WHERE service_id = @ServiceId AND grain_id = @GrainId;
$q$),
-- A ring slice (begin, end] that does not wrap when the hashes are read as signed ints.
('ReadRangeRows1Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
  FROM orleans_reminder
 WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;
$q$),
-- A slice that wraps past the largest signed hash back to the smallest (begin = end is the whole ring).
('ReadRangeRows2Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
  FROM orleans_reminder
 WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
$q$),
-- Removes the reminder only at the ETag the caller holds; answers whether it did.
('DeleteReminderRowKey', $q$
WITH removed AS (
    DELETE FROM orleans_reminder
     WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
       AND version = @Version
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM removed);
$q$),
('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminder WHERE service_id = @ServiceId;
$q$);
