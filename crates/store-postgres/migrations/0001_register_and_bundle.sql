-- Continuum schema, PostgreSQL. Append-only: never edit a migration that has landed.
-- Dates are `date`, flags are boolean, lists are ';'-separated text.
-- Every table holding council data carries the council: `la`, or for the
-- location register `local_authority` (where the location is).

create table authorities (
    la text primary key,
    ons_code text not null unique,
    as_at date,
    neighbours text not null default ''
);

create table localities (
    la text not null,
    locality_id text not null,
    name text not null,
    rural boolean not null,
    primary key (la, locality_id)
);

-- locality_id '' means the whole council.
create table population (
    la text not null,
    locality_id text not null default '',
    year bigint not null,
    sex text not null,
    age_band text not null,
    kind text not null,
    people bigint not null,
    primary key (la, locality_id, year, sex, age_band, kind)
);

-- National reference rates (POPPI/PANSI style): not council data.
create table prevalence (
    measure text not null,
    sex text not null,
    age_band text not null,
    rate double precision not null,
    primary key (measure, sex, age_band)
);

create table locations (
    location_id text primary key,
    provider_id text not null,
    provider_name text not null,
    name text not null,
    local_authority text not null,
    locality_id text,
    postcode text not null,
    latitude double precision,
    longitude double precision,
    service_type text not null,
    beds bigint not null,
    specialisms text not null,
    registered_manager boolean,
    in_house boolean not null,
    rating text not null,
    rating_date date,
    status text not null,
    registered_on date,
    deregistered_on date,
    sponsor_licence text not null
);
create index locations_by_la on locations (local_authority, service_type);
create index locations_by_provider on locations (provider_id);

-- Every published CQC rating of a location: the history trends are drawn from.
create table location_ratings (
    local_authority text not null,
    location_id text not null,
    service_group text not null,
    key_question text not null,
    published_on date not null,
    rating text not null,
    primary key (location_id, service_group, key_question, published_on)
);

create table quality_statement_scores (
    local_authority text not null,
    location_id text not null,
    assessed_on date not null,
    statement_id bigint not null,
    key_question text not null,
    statement text not null,
    score bigint,
    score_text text not null,
    assessed boolean not null,
    primary key (location_id, assessed_on, statement_id)
);

-- Field-level changes CQC data made to the register, never deleted.
create table location_changes (
    id bigint generated always as identity primary key,
    local_authority text not null,
    location_id text not null,
    at timestamptz not null,
    source text not null,
    field text not null,
    old_value text not null,
    new_value text not null
);
create index location_changes_by_location on location_changes (location_id);

create table contracts (
    la text not null,
    contract_id text not null,
    location_id text not null,
    kind text not null,
    service_type text not null,
    start_date date not null,
    end_date date,
    rate double precision not null,
    rate_unit text not null,
    zone text,
    primary key (la, contract_id)
);
create index contracts_by_location on contracts (location_id);

create table capacity_returns (
    la text not null,
    location_id text not null,
    date date not null,
    beds_max bigint,
    beds_occupied bigint,
    beds_vacant_reserved bigint,
    beds_vacant_accepting bigint,
    homecare_people bigint,
    homecare_hours_week double precision,
    homecare_extra_hours double precision,
    primary key (la, location_id, date)
);
create index capacity_by_location on capacity_returns (location_id, date);

create table people (
    la text not null,
    person_id text not null,
    birth_year bigint,
    sex text not null,
    ethnicity text,
    locality_id text,
    client_type text not null,
    primary_support_reason text,
    has_unpaid_carer boolean,
    cares_for text not null,
    primary key (la, person_id)
);

create table requests (
    la text not null,
    request_id text not null,
    person_id text not null,
    service_type text not null,
    needs text not null,
    hours_per_week double precision,
    route text not null,
    discharge_pathway bigint,
    received_on date not null,
    medically_fit_on date,
    closed_on date,
    outcome text,
    delay_reasons text not null,
    preferred_locations text not null,
    -- Kept by the app as brokers work the request; not part of the bundle.
    stage text,
    primary key (la, request_id)
);
create index requests_by_person on requests (la, person_id);

create table placements (
    la text not null,
    placement_id text not null,
    person_id text not null,
    request_id text,
    location_id text not null,
    service_type text not null,
    start_date date not null,
    end_date date,
    end_reason text,
    weekly_cost double precision,
    hours_per_week double precision,
    delivery text not null,
    interim boolean not null,
    ooa_reason text,
    primary key (la, placement_id)
);
create index placements_by_person on placements (la, person_id);
create index placements_by_location on placements (location_id);

create table reviews (
    la text not null,
    review_id text not null,
    person_id text not null,
    placement_id text,
    date date not null,
    kind text not null,
    primary key (la, review_id)
);

create table quality_assessments (
    la text not null,
    assessment_id text not null,
    domain text not null,
    standard text not null,
    location_id text not null,
    date date not null,
    framework text not null,
    rating text not null,
    primary key (la, assessment_id, domain, standard)
);
create index quality_assessments_by_location on quality_assessments (location_id);

create table visits (
    la text not null,
    visit_id text not null,
    location_id text not null,
    date date not null,
    kind text not null,
    primary key (la, visit_id)
);
create index visits_by_location on visits (location_id);

create table concerns (
    la text not null,
    concern_id text not null,
    location_id text not null,
    raised_on date not null,
    kind text not null,
    closed_on date,
    substantiated boolean,
    primary key (la, concern_id)
);
create index concerns_by_location on concerns (location_id);

create table sanctions (
    la text not null,
    sanction_id text not null,
    location_id text not null,
    kind text not null,
    start_date date not null,
    end_date date,
    reason text not null,
    primary key (la, sanction_id)
);
create index sanctions_by_location on sanctions (location_id);

create table handbacks (
    la text not null,
    handback_id text not null,
    location_id text not null,
    date date not null,
    service_type text not null,
    people_affected bigint not null,
    reason text not null,
    primary key (la, handback_id)
);

create table workforce_returns (
    la text not null,
    location_id text not null,
    date date not null,
    posts bigint not null,
    vacancies bigint not null,
    starters bigint not null,
    leavers bigint not null,
    sickness_days double precision not null,
    care_cert_eligible bigint not null,
    care_cert_done bigint not null,
    primary key (la, location_id, date)
);

create table fee_rates (
    la text not null,
    service_type text not null,
    effective_from date not null,
    rate double precision not null,
    unit text not null,
    fair_cost_median double precision,
    primary key (la, service_type, effective_from)
);

create table indicators (
    la text not null,
    measure text not null,
    period text not null,
    value double precision,
    england_value double precision,
    margin_of_error double precision,
    respondents bigint,
    source text not null,
    polarity text not null,
    primary key (la, measure, period)
);

create table gaps (
    la text not null,
    gap_id text not null,
    raised_on date not null,
    raised_by_role text not null,
    category text not null,
    service_type text,
    locality_id text,
    description text not null,
    status text not null,
    owner text,
    resolved_on date,
    primary key (la, gap_id)
);

-- ASCOF figures as NHS England publishes them: national reference data, keyed by
-- the area (its ONS code, or its name for rows published without one).
-- A *_code column holds the suppression code when the figure has no value.
create table ascof_values (
    area_key text not null,
    ons_code text,
    area_name text not null,
    measure text not null,
    year bigint not null,
    outcome double precision,
    outcome_code text,
    margin_of_error double precision,
    margin_of_error_code text,
    respondents double precision,
    respondents_code text,
    numerator double precision,
    numerator_code text,
    denominator double precision,
    denominator_code text,
    primary key (area_key, measure, year)
);

create table imports (
    id bigint generated always as identity primary key,
    kind text not null,
    name text not null,
    digest text,
    at timestamptz not null,
    rows_read bigint not null,
    rows_written bigint not null
);
