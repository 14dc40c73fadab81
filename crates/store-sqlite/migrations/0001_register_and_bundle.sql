-- Continuum schema, SQLite. Append-only: never edit a migration that has landed.
-- Dates are ISO text (YYYY-MM-DD), flags are 0/1, lists are ';'-separated text.
-- Every table holding council data carries the council: `la`, or for the
-- location register `local_authority` (where the location is).

create table authorities (
    la text primary key,
    ons_code text not null unique,
    as_at text,
    neighbours text not null default ''
) strict;

create table localities (
    la text not null,
    locality_id text not null,
    name text not null,
    rural integer not null,
    primary key (la, locality_id)
) strict;

-- locality_id '' means the whole council.
create table population (
    la text not null,
    locality_id text not null default '',
    year integer not null,
    sex text not null,
    age_band text not null,
    kind text not null,
    people integer not null,
    primary key (la, locality_id, year, sex, age_band, kind)
) strict;

-- National reference rates (POPPI/PANSI style): not council data.
create table prevalence (
    measure text not null,
    sex text not null,
    age_band text not null,
    rate real not null,
    primary key (measure, sex, age_band)
) strict;

create table locations (
    location_id text primary key,
    provider_id text not null,
    provider_name text not null,
    name text not null,
    local_authority text not null,
    locality_id text,
    postcode text not null,
    latitude real,
    longitude real,
    service_type text not null,
    beds integer not null,
    specialisms text not null,
    registered_manager integer,
    in_house integer not null,
    rating text not null,
    rating_date text,
    status text not null,
    registered_on text,
    deregistered_on text,
    sponsor_licence text not null
) strict;
create index locations_by_la on locations (local_authority, service_type);
create index locations_by_provider on locations (provider_id);

-- Every published CQC rating of a location: the history trends are drawn from.
create table location_ratings (
    local_authority text not null,
    location_id text not null,
    service_group text not null,
    key_question text not null,
    published_on text not null,
    rating text not null,
    primary key (location_id, service_group, key_question, published_on)
) strict;

create table quality_statement_scores (
    local_authority text not null,
    location_id text not null,
    assessed_on text not null,
    statement_id integer not null,
    key_question text not null,
    statement text not null,
    score integer,
    score_text text not null,
    assessed integer not null,
    primary key (location_id, assessed_on, statement_id)
) strict;

-- Field-level changes CQC data made to the register, never deleted.
create table location_changes (
    id integer primary key,
    local_authority text not null,
    location_id text not null,
    at text not null,
    source text not null,
    field text not null,
    old_value text not null,
    new_value text not null
) strict;
create index location_changes_by_location on location_changes (location_id);

create table contracts (
    la text not null,
    contract_id text not null,
    location_id text not null,
    kind text not null,
    service_type text not null,
    start_date text not null,
    end_date text,
    rate real not null,
    rate_unit text not null,
    zone text,
    primary key (la, contract_id)
) strict;
create index contracts_by_location on contracts (location_id);

create table capacity_returns (
    la text not null,
    location_id text not null,
    date text not null,
    beds_max integer,
    beds_occupied integer,
    beds_vacant_reserved integer,
    beds_vacant_accepting integer,
    homecare_people integer,
    homecare_hours_week real,
    homecare_extra_hours real,
    primary key (la, location_id, date)
) strict;
create index capacity_by_location on capacity_returns (location_id, date);

create table people (
    la text not null,
    person_id text not null,
    birth_year integer,
    sex text not null,
    ethnicity text,
    locality_id text,
    client_type text not null,
    primary_support_reason text,
    has_unpaid_carer integer,
    cares_for text not null,
    primary key (la, person_id)
) strict;

create table requests (
    la text not null,
    request_id text not null,
    person_id text not null,
    service_type text not null,
    needs text not null,
    hours_per_week real,
    route text not null,
    discharge_pathway integer,
    received_on text not null,
    medically_fit_on text,
    closed_on text,
    outcome text,
    delay_reasons text not null,
    preferred_locations text not null,
    -- Kept by the app as brokers work the request; not part of the bundle.
    stage text,
    primary key (la, request_id)
) strict;
create index requests_by_person on requests (la, person_id);

create table placements (
    la text not null,
    placement_id text not null,
    person_id text not null,
    request_id text,
    location_id text not null,
    service_type text not null,
    start_date text not null,
    end_date text,
    end_reason text,
    weekly_cost real,
    hours_per_week real,
    delivery text not null,
    interim integer not null,
    ooa_reason text,
    primary key (la, placement_id)
) strict;
create index placements_by_person on placements (la, person_id);
create index placements_by_location on placements (location_id);

create table reviews (
    la text not null,
    review_id text not null,
    person_id text not null,
    placement_id text,
    date text not null,
    kind text not null,
    primary key (la, review_id)
) strict;

create table quality_assessments (
    la text not null,
    assessment_id text not null,
    domain text not null,
    standard text not null,
    location_id text not null,
    date text not null,
    framework text not null,
    rating text not null,
    primary key (la, assessment_id, domain, standard)
) strict;
create index quality_assessments_by_location on quality_assessments (location_id);

create table visits (
    la text not null,
    visit_id text not null,
    location_id text not null,
    date text not null,
    kind text not null,
    primary key (la, visit_id)
) strict;
create index visits_by_location on visits (location_id);

create table concerns (
    la text not null,
    concern_id text not null,
    location_id text not null,
    raised_on text not null,
    kind text not null,
    closed_on text,
    substantiated integer,
    primary key (la, concern_id)
) strict;
create index concerns_by_location on concerns (location_id);

create table sanctions (
    la text not null,
    sanction_id text not null,
    location_id text not null,
    kind text not null,
    start_date text not null,
    end_date text,
    reason text not null,
    primary key (la, sanction_id)
) strict;
create index sanctions_by_location on sanctions (location_id);

create table handbacks (
    la text not null,
    handback_id text not null,
    location_id text not null,
    date text not null,
    service_type text not null,
    people_affected integer not null,
    reason text not null,
    primary key (la, handback_id)
) strict;

create table workforce_returns (
    la text not null,
    location_id text not null,
    date text not null,
    posts integer not null,
    vacancies integer not null,
    starters integer not null,
    leavers integer not null,
    sickness_days real not null,
    care_cert_eligible integer not null,
    care_cert_done integer not null,
    primary key (la, location_id, date)
) strict;

create table fee_rates (
    la text not null,
    service_type text not null,
    effective_from text not null,
    rate real not null,
    unit text not null,
    fair_cost_median real,
    primary key (la, service_type, effective_from)
) strict;

create table indicators (
    la text not null,
    measure text not null,
    period text not null,
    value real,
    england_value real,
    margin_of_error real,
    respondents integer,
    source text not null,
    polarity text not null,
    primary key (la, measure, period)
) strict;

create table gaps (
    la text not null,
    gap_id text not null,
    raised_on text not null,
    raised_by_role text not null,
    category text not null,
    service_type text,
    locality_id text,
    description text not null,
    status text not null,
    owner text,
    resolved_on text,
    primary key (la, gap_id)
) strict;

-- ASCOF figures as NHS England publishes them: national reference data, keyed by
-- the area (its ONS code, or its name for rows published without one).
-- A *_code column holds the suppression code when the figure has no value.
create table ascof_values (
    area_key text not null,
    ons_code text,
    area_name text not null,
    measure text not null,
    year integer not null,
    outcome real,
    outcome_code text,
    margin_of_error real,
    margin_of_error_code text,
    respondents real,
    respondents_code text,
    numerator real,
    numerator_code text,
    denominator real,
    denominator_code text,
    primary key (area_key, measure, year)
) strict;

create table imports (
    id integer primary key,
    kind text not null,
    name text not null,
    digest text,
    at text not null,
    rows_read integer not null,
    rows_written integer not null
) strict;
