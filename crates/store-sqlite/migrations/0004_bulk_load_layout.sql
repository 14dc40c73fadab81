-- Keyed tables become WITHOUT ROWID: the key is the table, so a bulk import
-- updates one b-tree fewer per row and a council's rows sit together on disk.
-- Each table is rebuilt (new table, copy, drop, rename) as SQLite requires;
-- its indexes are recreated. Provider workforce returns get an index by
-- location, for reading the returns of locations outside a council's area.

create table authorities__new (
    la text primary key,
    ons_code text not null unique,
    as_at text,
    neighbours text not null default ''
) strict, without rowid;
insert into authorities__new select * from authorities;
drop table authorities;
alter table authorities__new rename to authorities;

create table localities__new (
    la text not null,
    locality_id text not null,
    name text not null,
    rural integer not null,
    primary key (la, locality_id)
) strict, without rowid;
insert into localities__new select * from localities;
drop table localities;
alter table localities__new rename to localities;

create table population__new (
    la text not null,
    locality_id text not null default '',
    year integer not null,
    sex text not null,
    age_band text not null,
    kind text not null,
    people integer not null,
    primary key (la, locality_id, year, sex, age_band, kind)
) strict, without rowid;
insert into population__new select * from population;
drop table population;
alter table population__new rename to population;

create table prevalence__new (
    measure text not null,
    sex text not null,
    age_band text not null,
    rate real not null,
    primary key (measure, sex, age_band)
) strict, without rowid;
insert into prevalence__new select * from prevalence;
drop table prevalence;
alter table prevalence__new rename to prevalence;

create table locations__new (
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
) strict, without rowid;
insert into locations__new select * from locations;
drop table locations;
alter table locations__new rename to locations;
create index locations_by_la on locations (local_authority, service_type);
create index locations_by_provider on locations (provider_id);

create table location_ratings__new (
    local_authority text not null,
    location_id text not null,
    service_group text not null,
    key_question text not null,
    published_on text not null,
    rating text not null,
    primary key (location_id, service_group, key_question, published_on)
) strict, without rowid;
insert into location_ratings__new select * from location_ratings;
drop table location_ratings;
alter table location_ratings__new rename to location_ratings;

create table quality_statement_scores__new (
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
) strict, without rowid;
insert into quality_statement_scores__new select * from quality_statement_scores;
drop table quality_statement_scores;
alter table quality_statement_scores__new rename to quality_statement_scores;

create table contracts__new (
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
) strict, without rowid;
insert into contracts__new select * from contracts;
drop table contracts;
alter table contracts__new rename to contracts;
create index contracts_by_location on contracts (location_id);

create table capacity_returns__new (
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
) strict, without rowid;
insert into capacity_returns__new select * from capacity_returns;
drop table capacity_returns;
alter table capacity_returns__new rename to capacity_returns;
create index capacity_by_location on capacity_returns (location_id, date);

create table people__new (
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
) strict, without rowid;
insert into people__new select * from people;
drop table people;
alter table people__new rename to people;

create table requests__new (
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
) strict, without rowid;
insert into requests__new select * from requests;
drop table requests;
alter table requests__new rename to requests;
create index requests_by_person on requests (la, person_id);

create table placements__new (
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
) strict, without rowid;
insert into placements__new select * from placements;
drop table placements;
alter table placements__new rename to placements;
create index placements_by_person on placements (la, person_id);
create index placements_by_location on placements (location_id);

create table reviews__new (
    la text not null,
    review_id text not null,
    person_id text not null,
    placement_id text,
    date text not null,
    kind text not null,
    primary key (la, review_id)
) strict, without rowid;
insert into reviews__new select * from reviews;
drop table reviews;
alter table reviews__new rename to reviews;
create index reviews_by_person on reviews (la, person_id);

create table quality_assessments__new (
    la text not null,
    assessment_id text not null,
    domain text not null,
    standard text not null,
    location_id text not null,
    date text not null,
    framework text not null,
    rating text not null,
    primary key (la, assessment_id, domain, standard)
) strict, without rowid;
insert into quality_assessments__new select * from quality_assessments;
drop table quality_assessments;
alter table quality_assessments__new rename to quality_assessments;
create index quality_assessments_by_location on quality_assessments (location_id);

create table visits__new (
    la text not null,
    visit_id text not null,
    location_id text not null,
    date text not null,
    kind text not null,
    primary key (la, visit_id)
) strict, without rowid;
insert into visits__new select * from visits;
drop table visits;
alter table visits__new rename to visits;
create index visits_by_location on visits (location_id);

create table concerns__new (
    la text not null,
    concern_id text not null,
    location_id text not null,
    raised_on text not null,
    kind text not null,
    closed_on text,
    substantiated integer,
    primary key (la, concern_id)
) strict, without rowid;
insert into concerns__new select * from concerns;
drop table concerns;
alter table concerns__new rename to concerns;
create index concerns_by_location on concerns (location_id);

create table sanctions__new (
    la text not null,
    sanction_id text not null,
    location_id text not null,
    kind text not null,
    start_date text not null,
    end_date text,
    reason text not null,
    primary key (la, sanction_id)
) strict, without rowid;
insert into sanctions__new select * from sanctions;
drop table sanctions;
alter table sanctions__new rename to sanctions;
create index sanctions_by_location on sanctions (location_id);

create table handbacks__new (
    la text not null,
    handback_id text not null,
    location_id text not null,
    date text not null,
    service_type text not null,
    people_affected integer not null,
    reason text not null,
    primary key (la, handback_id)
) strict, without rowid;
insert into handbacks__new select * from handbacks;
drop table handbacks;
alter table handbacks__new rename to handbacks;

create table workforce_returns__new (
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
) strict, without rowid;
insert into workforce_returns__new select * from workforce_returns;
drop table workforce_returns;
alter table workforce_returns__new rename to workforce_returns;

create table fee_rates__new (
    la text not null,
    service_type text not null,
    effective_from text not null,
    rate real not null,
    unit text not null,
    fair_cost_median real,
    primary key (la, service_type, effective_from)
) strict, without rowid;
insert into fee_rates__new select * from fee_rates;
drop table fee_rates;
alter table fee_rates__new rename to fee_rates;

create table indicators__new (
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
) strict, without rowid;
insert into indicators__new select * from indicators;
drop table indicators;
alter table indicators__new rename to indicators;

create table gaps__new (
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
) strict, without rowid;
insert into gaps__new select * from gaps;
drop table gaps;
alter table gaps__new rename to gaps;

create table ascof_values__new (
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
) strict, without rowid;
insert into ascof_values__new select * from ascof_values;
drop table ascof_values;
alter table ascof_values__new rename to ascof_values;

create index workforce_by_location on workforce_returns (location_id, date);
