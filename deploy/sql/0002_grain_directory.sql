-- The fenced grain directory: at most one entry per grain and cluster. Each registration or takeover draws
-- a new fencing token from one sequence, so a newer owner always holds a larger token. An entry may be taken
-- over only when its silo is Dead or its lease (membership_silos, database clock) has expired.
CREATE SEQUENCE grain_directory_fence_seq AS bigint START WITH 1 NO CYCLE;

CREATE TABLE grain_directory (
    cluster_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    host          text        NOT NULL,
    port          integer     NOT NULL,
    generation    bigint      NOT NULL,
    activation_id uuid        NOT NULL,
    fence         bigint      NOT NULL,
    registered_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (cluster_id, grain_id)
);

-- Finding a silo's entries (for example to clean up after it is declared Dead).
CREATE INDEX grain_directory_by_silo ON grain_directory (cluster_id, host, port, generation);
