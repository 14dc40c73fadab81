-- A council's read model: the rows of its evidence pack encoded in one value
-- (`continuum_store::read_model`). A copy, never the record: it is read only
-- while the import log is as it was when the model was built (`imports`,
-- `newest_import`) and the build that reads it writes the same encoding and
-- loads the same rows (`fingerprint`). Applying any migration deletes them.
create table read_models (
    la text primary key,
    since date not null,
    imports bigint not null,
    newest_import bigint not null,
    fingerprint text not null,
    built_at timestamptz not null,
    rows bigint not null,
    body bytea not null
);
-- Kept out of line and not compressed again: the body is already compressed
-- (LZ4, table by table), and it is read whole.
alter table read_models alter column body set storage external;
