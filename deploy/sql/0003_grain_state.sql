-- Grain state, scoped by service id. The version is the ETag; the primary key on the identity makes two
-- concurrent first writes collide (INSERT ... ON CONFLICT DO NOTHING) instead of both succeeding.
-- The payload is the runtime's JSON exactly as written: type json validates it and keeps its text
-- byte for byte (jsonb would reorder keys and move System.Text.Json's type discriminators; cast to
-- jsonb in queries and indexes when needed).
CREATE TABLE grain_state (
    service_id  text        NOT NULL,
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    state_name  text        NOT NULL,
    payload     json        NOT NULL,
    version     bigint      NOT NULL,
    modified_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_type, grain_key, state_name)
);
