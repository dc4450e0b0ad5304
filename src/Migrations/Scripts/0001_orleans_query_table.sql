-- ArScale migration 0001: the Orleans query catalogue.
--
-- The Orleans ADO.NET providers (clustering, grain persistence, reminders; 10.4.2) do not carry SQL.
-- At start-up each provider loads named statements with the fixed, unqualified text
--
--     SELECT QueryKey, QueryText FROM OrleansQuery          (persistence adds a WHERE on its keys)
--
-- and from then on executes only those statements, binding its own named parameters.
-- PostgreSQL folds the unquoted identifiers to lower case, so this table is "orleansquery" with
-- columns "querykey" / "querytext", and it must be reachable through the connection's search_path.
-- Every other table name in ArScale's Orleans schema is our own choice (see docs/orleans-schema.md).
--
-- Runs once, inside the migration runner's transaction. No DROP, no data outside this table.

CREATE TABLE orleansquery
(
    querykey  text NOT NULL,
    querytext text NOT NULL,

    CONSTRAINT orleansquery_pk PRIMARY KEY (querykey),
    -- Orleans looks keys up by exact, case-sensitive name; all of them end in "Key".
    CONSTRAINT orleansquery_key_is_a_key_name CHECK (querykey ~ '^[A-Z][A-Za-z0-9]*Key$'),
    CONSTRAINT orleansquery_text_not_blank CHECK (btrim(querytext) <> '')
);

COMMENT ON TABLE orleansquery IS
    'Named SQL statements executed by the Orleans ADO.NET providers. Loaded once per provider start; '
    'changing a row takes effect after the silos/clients restart. Written by ArScale migrations 0002-0004.';
COMMENT ON COLUMN orleansquery.querykey IS 'Key name the provider asks for, e.g. WriteToStorageKey.';
COMMENT ON COLUMN orleansquery.querytext IS 'Statement text with @Name placeholders bound by Npgsql.';
