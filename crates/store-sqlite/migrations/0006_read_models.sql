-- A council's read model: the rows of its evidence pack encoded in one value
-- (`continuum_store::read_model`). A copy, never the record: it is read only
-- while the import log is as it was when the model was built (`imports`,
-- `newest_import`) and the build that reads it writes the same encoding and
-- loads the same rows (`fingerprint`). Applying any migration deletes them.
create table read_models (
    la text primary key,
    since text not null,
    imports integer not null,
    newest_import integer not null,
    fingerprint text not null,
    built_at text not null,
    rows integer not null,
    body blob not null
) strict;
