-- Reminders for Orleans' ADO.NET reminder table, keyed by service id, grain id (its string form) and reminder name.
--
-- grain_hash is the grain's uniform hash as the provider sends it: a uint cast to int, so it is stored and compared
-- as a signed int4. The provider picks ReadRangeRows1Key when (int)begin < (int)end (`hash > begin AND hash <=
-- end`) and ReadRangeRows2Key otherwise (`hash > begin OR hash <= end`); with signed comparisons that covers the
-- ring range (begin, end] whether or not it wraps around. period is milliseconds (bigint: read with GetInt64).
-- version is the ETag: 0 on insert, +1 on every upsert of an existing reminder.
CREATE TABLE reminders (
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

-- The reminder service of each silo reads its ring range by hash.
CREATE INDEX reminders_by_hash ON reminders (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

('ReadReminderRowsKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
FROM reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId
$q$),

('ReadReminderRowKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
FROM reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$q$),

-- A range that does not wrap (as signed ints): begin < hash <= end.
('ReadRangeRows1Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
FROM reminders
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$q$),

-- A range that wraps (as signed ints, begin >= end): hash > begin or hash <= end.
('ReadRangeRows2Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
FROM reminders
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$),

-- Inserts (version 0) or replaces (version + 1) a reminder; returns the new version.
('UpsertReminderRowKey', $q$
INSERT INTO reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = EXCLUDED.start_time, period = EXCLUDED.period, grain_hash = EXCLUDED.grain_hash,
    version = reminders.version + 1
RETURNING version AS "Version"
$q$),

-- Deletes a reminder only if its version equals @Version; column 0 is true when it did.
('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM reminders
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
      AND version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM deleted)
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM reminders WHERE service_id = @ServiceId
$q$);
