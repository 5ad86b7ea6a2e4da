-- Membership: one row per silo generation, with a lease on the database clock, and one version row per
-- cluster that is bumped in the same statement as every insert and status change (lease renewals do not
-- bump it). Dead (status 4) is final; a restarted silo joins as a new generation.
CREATE TABLE membership_version (
    cluster_id text        PRIMARY KEY,
    version    bigint      NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE membership_silos (
    cluster_id       text        NOT NULL,
    host             text        NOT NULL,
    port             integer     NOT NULL CHECK (port BETWEEN 0 AND 65535),
    generation       bigint      NOT NULL,
    silo_name        text        NOT NULL,
    -- 1 Joining, 2 Active, 3 ShuttingDown, 4 Dead (SiloLifecycleStatus)
    status           smallint    NOT NULL CHECK (status BETWEEN 1 AND 4),
    gateway_port     integer     NOT NULL DEFAULT 0 CHECK (gateway_port BETWEEN 0 AND 65535),
    roles            text[]      NOT NULL DEFAULT '{}',
    joined_at        timestamptz NOT NULL,
    lease_expires_at timestamptz NOT NULL,
    PRIMARY KEY (cluster_id, host, port, generation)
);

-- DeclareExpiredDead scans the live rows of one cluster by lease.
CREATE INDEX membership_silos_live_by_lease ON membership_silos (cluster_id, lease_expires_at) WHERE status <> 4;
