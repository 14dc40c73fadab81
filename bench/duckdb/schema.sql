-- The bundle's tables, one per CSV file of spec/bundle.md, with their types.
--
-- run.py creates these empty tables, then fills each one from its file with
-- read_csv (explicit column types taken from here, header order free, empty
-- cell = NULL). A file that is missing leaves its table empty; a column that is
-- missing is NULL. Lists (`a;b`) stay text here and are split with
-- string_split where a metric needs them (see split_list in metrics.sql).

CREATE TABLE authority (
    la VARCHAR, ons_code VARCHAR, as_at DATE, neighbours VARCHAR
);
CREATE TABLE localities (
    la VARCHAR, locality_id VARCHAR, name VARCHAR, rural VARCHAR
);
CREATE TABLE population (
    la VARCHAR, locality_id VARCHAR, year INTEGER, sex VARCHAR, age_band VARCHAR,
    people BIGINT, kind VARCHAR
);
CREATE TABLE prevalence (
    measure VARCHAR, sex VARCHAR, age_band VARCHAR, rate DOUBLE
);
CREATE TABLE locations (
    location_id VARCHAR, provider_id VARCHAR, provider_name VARCHAR, name VARCHAR,
    local_authority VARCHAR, locality_id VARCHAR, postcode VARCHAR, latitude DOUBLE,
    longitude DOUBLE, service_type VARCHAR, beds BIGINT, specialisms VARCHAR,
    registered_manager VARCHAR, in_house VARCHAR, rating VARCHAR, rating_date DATE,
    status VARCHAR, registered_on DATE, deregistered_on DATE, sponsor_licence VARCHAR
);
CREATE TABLE contracts (
    contract_id VARCHAR, la VARCHAR, location_id VARCHAR, kind VARCHAR,
    service_type VARCHAR, start_date DATE, end_date DATE, rate DOUBLE,
    rate_unit VARCHAR, zone VARCHAR
);
CREATE TABLE capacity (
    location_id VARCHAR, date DATE, beds_max BIGINT, beds_occupied BIGINT,
    beds_vacant_reserved BIGINT, beds_vacant_accepting BIGINT, homecare_people BIGINT,
    homecare_hours_week DOUBLE, homecare_extra_hours DOUBLE
);
CREATE TABLE people (
    person_id VARCHAR, la VARCHAR, birth_year INTEGER, sex VARCHAR, ethnicity VARCHAR,
    locality_id VARCHAR, client_type VARCHAR, primary_support_reason VARCHAR,
    has_unpaid_carer VARCHAR, cares_for VARCHAR
);
CREATE TABLE requests (
    request_id VARCHAR, person_id VARCHAR, service_type VARCHAR, needs VARCHAR,
    hours_per_week DOUBLE, route VARCHAR, discharge_pathway INTEGER, received_on DATE,
    medically_fit_on DATE, closed_on DATE, outcome VARCHAR, delay_reasons VARCHAR,
    preferred_locations VARCHAR
);
CREATE TABLE placements (
    placement_id VARCHAR, person_id VARCHAR, request_id VARCHAR, location_id VARCHAR,
    service_type VARCHAR, start_date DATE, end_date DATE, end_reason VARCHAR,
    weekly_cost DOUBLE, hours_per_week DOUBLE, delivery VARCHAR, interim VARCHAR,
    ooa_reason VARCHAR
);
CREATE TABLE reviews (
    review_id VARCHAR, person_id VARCHAR, placement_id VARCHAR, date DATE, kind VARCHAR
);
CREATE TABLE quality_assessments (
    assessment_id VARCHAR, location_id VARCHAR, la VARCHAR, date DATE,
    framework VARCHAR, domain VARCHAR, standard VARCHAR, rating VARCHAR
);
CREATE TABLE visits (
    visit_id VARCHAR, location_id VARCHAR, la VARCHAR, date DATE, kind VARCHAR
);
CREATE TABLE concerns (
    concern_id VARCHAR, location_id VARCHAR, la VARCHAR, raised_on DATE, kind VARCHAR,
    closed_on DATE, substantiated VARCHAR
);
CREATE TABLE sanctions (
    sanction_id VARCHAR, location_id VARCHAR, la VARCHAR, kind VARCHAR,
    start_date DATE, end_date DATE, reason VARCHAR
);
CREATE TABLE handbacks (
    handback_id VARCHAR, location_id VARCHAR, la VARCHAR, date DATE,
    service_type VARCHAR, people_affected BIGINT, reason VARCHAR
);
CREATE TABLE workforce (
    location_id VARCHAR, date DATE, posts BIGINT, vacancies BIGINT, starters BIGINT,
    leavers BIGINT, sickness_days DOUBLE, care_cert_eligible BIGINT, care_cert_done BIGINT
);
CREATE TABLE fees (
    la VARCHAR, service_type VARCHAR, effective_from DATE, rate DOUBLE, unit VARCHAR,
    fair_cost_median DOUBLE
);
CREATE TABLE indicators (
    la VARCHAR, measure VARCHAR, period VARCHAR, value DOUBLE, england_value DOUBLE,
    margin_of_error DOUBLE, respondents BIGINT, source VARCHAR, polarity VARCHAR
);
CREATE TABLE gaps (
    gap_id VARCHAR, la VARCHAR, raised_on DATE, raised_by_role VARCHAR, category VARCHAR,
    service_type VARCHAR, locality_id VARCHAR, description VARCHAR, status VARCHAR,
    owner VARCHAR, resolved_on DATE
);
