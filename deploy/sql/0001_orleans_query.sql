-- The table the Orleans ADO.NET providers read once at start-up: `SELECT QueryKey, QueryText FROM OrleansQuery`.
-- Each provider then runs only those texts, with named @Parameters, and reads result columns by name.
-- The name must stay OrleansQuery (unquoted, so PostgreSQL folds it to orleansquery, as the providers' own
-- unquoted SELECT does). Query texts are read once per provider start: a later migration that changes a
-- text (UPDATE OrleansQuery ...) takes effect when the silos restart.
CREATE TABLE OrleansQuery (
    QueryKey  text PRIMARY KEY,
    QueryText text NOT NULL
);
