-- Grain state for Orleans' ADO.NET grain storage provider.
--
-- A row is identified by the service id, the state name (`[PersistentState("name")]`, which the provider passes as
-- @GrainTypeString) and the grain key as the provider splits it: N0/N1 (GUID halves, or 0 and an integer key; string
-- keys that parse as hex or GUIDs land here too) plus the extension string (the key of string-keyed grains, the
-- "+extension" of compound keys, or NULL). Two grain types with the same state name and key share one row: use
-- unique state names.
--
-- Unlike Orleans' own scripts (a non-unique index only), that identity is a UNIQUE key with NULLS NOT DISTINCT
-- (PostgreSQL 15), so a NULL extension counts as one value. A first write is `INSERT ... ON CONFLICT DO NOTHING`:
-- over an existing row it inserts nothing, and of two concurrent first writes exactly one wins.
--
-- The hashes (.NET hashes of the key and of the state name) only narrow the lookup through an index; every query
-- also matches the full identity. Changing the provider's hash picker therefore needs a data migration.
--
-- version is the ETag: 1 after the first write, +1 on every write or clear. payload is bytea because the provider
-- passes PayloadBinary as bytes; with the System.Text.Json storage serializer those bytes are UTF-8 JSON
-- (`convert_from(payload, 'UTF8')::jsonb` reads them in SQL). Clear keeps the row (payload NULL, version bumped) so
-- a later first write with a stale NULL ETag still fails.
CREATE TABLE grain_state (
    service_id      text        NOT NULL,
    state_name      text        NOT NULL,
    grain_id_n0     bigint      NOT NULL,
    grain_id_n1     bigint      NOT NULL,
    grain_id_ext    text,
    grain_id_hash   integer     NOT NULL,
    state_name_hash integer     NOT NULL,
    payload         bytea,
    version         integer     NOT NULL,
    modified_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT grain_state_identity UNIQUE NULLS NOT DISTINCT (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_ext)
);

CREATE INDEX grain_state_by_hash ON grain_state (grain_id_hash, state_name_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- 0 or 1 row: PayloadBinary (NULL after a clear) and Version.
('ReadFromStorageKey', $q$
SELECT payload AS "PayloadBinary", version AS "Version"
FROM grain_state
WHERE grain_id_hash = @GrainIdHash AND state_name_hash = @GrainTypeHash
  AND service_id = @ServiceId AND state_name = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
$q$),

-- @GrainStateVersion NULL: first write, inserts version 1 unless the row exists. Otherwise: updates the row only if
-- its version equals @GrainStateVersion, returning version + 1. Always exactly one row; NewGrainStateVersion is NULL
-- when nothing was written, which the provider turns into InconsistentStateException (zero rows would not be
-- detected for a first write).
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE grain_state
    SET payload = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
      AND grain_id_hash = @GrainIdHash AND state_name_hash = @GrainTypeHash
      AND service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
    RETURNING version
), inserted AS (
    INSERT INTO grain_state (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_ext,
                             grain_id_hash, state_name_hash, payload, version, modified_at)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString,
           @GrainIdHash, @GrainTypeHash, @PayloadBinary, 1, now()
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT grain_state_identity DO NOTHING
    RETURNING version
)
SELECT (SELECT version FROM updated UNION ALL SELECT version FROM inserted) AS "NewGrainStateVersion"
$q$),

-- Empties the payload and bumps the version if it equals @GrainStateVersion. One row; column 0 is the new version,
-- or NULL on a version conflict (InconsistentStateException).
('ClearStorageKey', $q$
WITH cleared AS (
    UPDATE grain_state
    SET payload = NULL, version = version + 1, modified_at = now()
    WHERE version = @GrainStateVersion
      AND grain_id_hash = @GrainIdHash AND state_name_hash = @GrainTypeHash
      AND service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
    RETURNING version
)
SELECT (SELECT version FROM cleared) AS "NewGrainStateVersion"
$q$),

-- Only used with DeleteStateOnClear = true: deletes the row if its version equals @GrainStateVersion. Column 0 is
-- version + 1 of the deleted row (what the provider checks), or NULL on a version conflict. After a delete, a
-- first write with a NULL ETag succeeds again.
('DeleteStorageKey', $q$
WITH deleted AS (
    DELETE FROM grain_state
    WHERE version = @GrainStateVersion
      AND grain_id_hash = @GrainIdHash AND state_name_hash = @GrainTypeHash
      AND service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
    RETURNING version
)
SELECT (SELECT version + 1 FROM deleted) AS "NewGrainStateVersion"
$q$);
