-- Provider workforce returns get an index by location, for reading the
-- returns of locations outside a council's area.
create index workforce_by_location on workforce_returns (location_id, date);
