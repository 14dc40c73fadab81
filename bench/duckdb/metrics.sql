-- The evidence metrics of spec/metrics.md, a second time, in DuckDB SQL.
--
-- Input: the bundle's tables (schema.sql, filled by bundle.py).
-- Output: the table `m`, the long table of the Rust engine
-- (crates/engine/src/flatten.rs): one row per figure, named by the same dotted
-- path (`capacity.waits.by_service_type.homecare.median`), with value,
-- numerator and denominator, and for published indicators the England value
-- and the variation class.
--
-- Every council of authority.csv with an `as_at` is computed at T = its as_at.
-- Where metrics.md leaves a choice, the reading is the one docs/METRICS.md
-- lists. The queries are written from those two texts; the engine's code was
-- read only for its IDs and its risk rule (the product's own, in risk.rs).
-- Where the engine reads the spec otherwise, this file follows the spec and
-- compare.py names the IDs (see needs.population below).
--
-- Conventions:
--   * W, the window, is T − 365 < d ≤ T (in_year); "the last n days" is
--     T − n < d ≤ T (in_last).
--   * Active at T: start ≤ T and (no end or end > T).
--   * A figure with no value (a mean of nothing, a fee with no fair cost) has
--     no row, as in the engine's table; a share over nothing keeps its row with
--     an empty value and its 0 / 0.
--   * Keys that exist only when something is counted (a contract kind, a
--     service type, a delay reason) have rows only for what was counted.
--   * Lists of IDs and text (clusters, below-threshold locations, titles) are
--     not figures and are left out; the risk entries' score and points are in.

-- Helpers ----------------------------------------------------------------------

CREATE OR REPLACE TEMP MACRO in_last(d, t, n) AS (d > t - n AND d <= t);
CREATE OR REPLACE TEMP MACRO in_year(d, t) AS in_last(d, t, 365);
CREATE OR REPLACE TEMP MACRO active_at(s, e, t) AS (s <= t AND (e IS NULL OR e > t));
CREATE OR REPLACE TEMP MACRO registered_at(r, d, t) AS ((r IS NULL OR r <= t) AND (d IS NULL OR d > t));
CREATE OR REPLACE TEMP MACRO days(a, b) AS date_diff('day', a, b);
CREATE OR REPLACE TEMP MACRO share(n, d) AS CASE WHEN d > 0 THEN n::DOUBLE / d::DOUBLE END;
CREATE OR REPLACE TEMP MACRO is_care_home(st) AS st IN ('nursing_home', 'residential_home');
CREATE OR REPLACE TEMP MACRO yes(s) AS coalesce(upper(s) = 'Y', false);
CREATE OR REPLACE TEMP MACRO no(s) AS coalesce(upper(s) = 'N', false);
-- A `;` list: items trimmed, empty items dropped.
CREATE OR REPLACE TEMP MACRO split_list(s) AS
    list_filter(list_transform(string_split(coalesce(s, ''), ';'), lambda x: trim(x)), lambda x: x <> '');
-- Day buckets; 0, 1 and negative days share the first.
CREATE OR REPLACE TEMP MACRO bucket(d) AS CASE
    WHEN d <= 1 THEN '0-1' WHEN d = 2 THEN '2' WHEN d <= 7 THEN '3-7'
    WHEN d <= 28 THEN '8-28' WHEN d <= 90 THEN '29-90' ELSE '>90' END;
-- The last day of an indicator's period: a date as given, 31 December of a
-- calendar year, 31 March at the end of a financial year (2023-24, 2023/24,
-- 2023 to 2024).
CREATE OR REPLACE TEMP MACRO period_end(p) AS CASE
    WHEN regexp_full_match(trim(p), '\d{4}-\d{2}-\d{2}') THEN try_strptime(trim(p), '%Y-%m-%d')::DATE
    WHEN regexp_full_match(trim(p), '\d{4}') THEN make_date(trim(p)::INTEGER, 12, 31)
    WHEN regexp_full_match(trim(p), '\d{4}\s*( to |-|/)\s*(\d{2}|\d{4})')
        THEN make_date(left(trim(p), 4)::INTEGER + 1, 3, 31)
    END;
-- Statistical variation: se = margin / 1.96, z = (value − England) / se.
CREATE OR REPLACE TEMP MACRO z_class(z, better) AS CASE
    WHEN abs(z) >= 1.96::DOUBLE THEN CASE WHEN better THEN 'positive' ELSE 'negative' END
    WHEN abs(z) >= 1.0::DOUBLE THEN CASE WHEN better THEN 'tending_positive' ELSE 'tending_negative' END
    ELSE 'no_variation' END;
CREATE OR REPLACE TEMP MACRO variation(v, e, moe, polarity) AS CASE
    WHEN v IS NULL OR e IS NULL THEN NULL
    WHEN moe IS NULL OR NOT (moe > 0) THEN 'no_test'
    ELSE z_class((v - e) / (moe / 1.96::DOUBLE),
        CASE WHEN polarity = 'lower_better' THEN (v - e) / (moe / 1.96::DOUBLE) < 0
             ELSE (v - e) / (moe / 1.96::DOUBLE) > 0 END)
    END;

CREATE OR REPLACE TEMP TABLE bucket_names AS
    SELECT * FROM (VALUES ('0-1'), ('2'), ('3-7'), ('8-28'), ('29-90'), ('>90')) b(b);
CREATE OR REPLACE TEMP TABLE ratings AS
    SELECT * FROM (VALUES ('outstanding'), ('good'), ('requires_improvement'),
        ('inadequate'), ('not_rated')) r(r);

-- The long table.
CREATE OR REPLACE TEMP TABLE m (
    la VARCHAR, metric_id VARCHAR, value DOUBLE, numerator DOUBLE, denominator DOUBLE,
    england_value DOUBLE, variation VARCHAR
);

-- Councils and their rows ---------------------------------------------------------

CREATE OR REPLACE TEMP TABLE council AS
    SELECT la, as_at AS t, split_list(neighbours) AS neighbours
    FROM authority WHERE as_at IS NOT NULL;

-- L's placements, requests and reviews: those of L's people.
CREATE OR REPLACE TEMP TABLE pl AS
    SELECT p.*, c.la, c.t, yes(p.interim) AS is_interim,
        active_at(p.start_date, p.end_date, c.t) AS active
    FROM placements p
    JOIN people pe ON pe.person_id = p.person_id
    JOIN council c ON c.la = pe.la;

-- The linked placement of a request: the earliest non-interim placement naming it.
CREATE OR REPLACE TEMP TABLE linked AS
    SELECT la, request_id, start_date FROM pl
    WHERE NOT is_interim AND request_id IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY la, request_id ORDER BY start_date, placement_id) = 1;

CREATE OR REPLACE TEMP TABLE rq AS
    SELECT r.*, c.la, c.t, l.start_date AS link_start
    FROM requests r
    JOIN people pe ON pe.person_id = r.person_id
    JOIN council c ON c.la = pe.la
    LEFT JOIN linked l ON l.la = c.la AND l.request_id = r.request_id;

CREATE OR REPLACE TEMP TABLE rv AS
    SELECT v.placement_id, v.date, c.la, c.t
    FROM reviews v
    JOIN people pe ON pe.person_id = v.person_id
    JOIN council c ON c.la = pe.la;

-- In-area locations, with their registration and rating at T.
CREATE OR REPLACE TEMP TABLE loc_in AS
    SELECT l.*, c.la, c.t,
        registered_at(l.registered_on, l.deregistered_on, c.t) AS registered,
        CASE WHEN l.rating_date > c.t THEN 'not_rated' ELSE l.rating END AS rating_t
    FROM locations l JOIN council c ON c.la = l.local_authority;

-- 1 Needs ---------------------------------------------------------------------------

-- The three years: T.year (estimates preferred) and T.year + 5, + 15 (projections).
CREATE OR REPLACE TEMP TABLE horizon AS
    SELECT c.la, h.i, year(c.t) + h.off AS year,
        CASE WHEN h.i = 0 THEN 'estimate' ELSE 'projection' END AS prefer
    FROM council c, (VALUES (0, 0), (1, 5), (2, 15)) h(i, off);

-- The year whose figures are used: the year itself when the bundle has it (in
-- either kind); a missing year uses the nearest earlier year of the preferred
-- kind, then of any kind (metrics.md: "When a year is missing, use the nearest
-- earlier …"; docs/METRICS.md). Within that year the preferred kind is used if
-- it is there, else the other one (never both).
--
-- The engine differs here: it takes the nearest year of the preferred kind even
-- when the year itself is in the bundle in the other kind, so with 2024
-- estimates and 2025 projections it reports 2024 as the base year 2025
-- (compare.py excludes the IDs this moves; see its EXCLUDED list).
CREATE OR REPLACE TEMP TABLE hsrc AS
    SELECT h.la, h.i, h.year, h.prefer,
        CASE WHEN bool_or(p.year = h.year) THEN h.year
             ELSE coalesce(max(p.year) FILTER (WHERE p.kind = h.prefer), max(p.year)) END AS src
    FROM horizon h LEFT JOIN population p ON p.la = h.la AND p.year <= h.year
    GROUP BY h.la, h.i, h.year, h.prefer;

CREATE OR REPLACE TEMP TABLE hkind AS
    SELECT s.la, s.i, s.src,
        CASE WHEN EXISTS (SELECT 1 FROM population p
                          WHERE p.la = s.la AND p.year = s.src AND p.kind = s.prefer)
             THEN s.prefer
             WHEN s.prefer = 'estimate' THEN 'projection' ELSE 'estimate' END AS kind
    FROM hsrc s;

-- The rows used: that year, that kind; whole-council rows if any, else localities.
CREATE OR REPLACE TEMP TABLE hrows AS
    SELECT la, i, locality_id, sex, age_band, people FROM (
        SELECT s.la, s.i, p.locality_id, p.sex, p.age_band, p.people,
            count(*) FILTER (WHERE p.locality_id IS NULL) OVER (PARTITION BY s.la, s.i) AS n_whole
        FROM hkind s JOIN population p ON p.la = s.la AND p.year = s.src AND p.kind = s.kind)
    WHERE n_whole = 0 OR locality_id IS NULL;

CREATE OR REPLACE TEMP TABLE popy AS
    SELECT s.la, s.i, s.year, s.src,
        coalesce(sum(r.people) FILTER (WHERE r.age_band <> '18-64'), 0) AS p65,
        coalesce(sum(r.people) FILTER (WHERE r.age_band = '85+'), 0) AS p85
    FROM hsrc s LEFT JOIN hrows r ON r.la = s.la AND r.i = s.i
    GROUP BY s.la, s.i, s.year, s.src;

INSERT INTO m (la, metric_id, value)
    SELECT la, 'needs.population.base_year', year FROM popy WHERE i = 0;

INSERT INTO m (la, metric_id, value)
    SELECT la, 'needs.population.years.' || i || '.' || k, v FROM (
        UNPIVOT (
            SELECT y.la, y.i, y.year::DOUBLE AS "year", y.src::DOUBLE AS source_year,
                y.p65::DOUBLE AS people_65_plus, y.p85::DOUBLE AS people_85_plus,
                share(y.p65 - b.p65, b.p65) AS change_65_plus,
                share(y.p85 - b.p85, b.p85) AS change_85_plus
            FROM popy y JOIN popy b ON b.la = y.la AND b.i = 0)
        ON "year", source_year, people_65_plus, people_85_plus, change_65_plus, change_85_plus
        INTO NAME k VALUE v);

-- Prevalence: the first rate given for a measure, sex and band.
CREATE OR REPLACE TEMP TABLE prev1 AS
    SELECT measure, sex, age_band, rate FROM (SELECT rowid AS rid, * FROM prevalence)
    QUALIFY row_number() OVER (PARTITION BY measure, sex, age_band ORDER BY rid) = 1;

CREATE OR REPLACE TEMP TABLE needy AS
    SELECT s.la, ms.measure, s.i, s.year, s.src,
        coalesce(sum(r.people * coalesce(pv.rate, 0.0)), 0.0) AS people
    FROM hsrc s
    CROSS JOIN (SELECT DISTINCT measure FROM prevalence) ms
    LEFT JOIN hrows r ON r.la = s.la AND r.i = s.i
    LEFT JOIN prev1 pv ON pv.measure = ms.measure AND pv.sex = r.sex AND pv.age_band = r.age_band
    GROUP BY s.la, ms.measure, s.i, s.year, s.src;

INSERT INTO m (la, metric_id, value)
    SELECT la, 'needs.projected_need.measures.' || measure || '.' || i || '.' || k, v FROM (
        UNPIVOT (
            SELECT y.la, y.measure, y.i, y.year::DOUBLE AS "year", y.src::DOUBLE AS source_year,
                y.people, share(y.people - b.people, b.people) AS change
            FROM needy y JOIN needy b ON b.la = y.la AND b.measure = y.measure AND b.i = 0)
        ON "year", source_year, people, change
        INTO NAME k VALUE v);

INSERT INTO m (la, metric_id, value)
    SELECT c.la, 'needs.carers_known', count(p.person_id)
    FROM council c LEFT JOIN people p ON p.la = c.la AND p.client_type = 'unpaid_carer'
    GROUP BY c.la;

INSERT INTO m (la, metric_id, value)
    SELECT la, 'needs.gaps.' || k, v FROM (
        UNPIVOT (
            SELECT c.la,
                count(g.gap_id) FILTER (WHERE g.raised_on <= c.t
                    AND (g.resolved_on IS NULL OR g.resolved_on > c.t))::DOUBLE AS "open",
                quantile_cont(days(g.raised_on, c.t), 0.5) FILTER (WHERE g.raised_on <= c.t
                    AND (g.resolved_on IS NULL OR g.resolved_on > c.t))::DOUBLE AS open_median_age_days,
                count(g.gap_id) FILTER (WHERE in_year(g.resolved_on, c.t))::DOUBLE AS resolved_in_year
            FROM council c LEFT JOIN gaps g ON g.la = c.la
            GROUP BY c.la)
        ON "open", open_median_age_days, resolved_in_year
        INTO NAME k VALUE v);

-- 2 Market ----------------------------------------------------------------------------

INSERT INTO m (la, metric_id, value)
    SELECT la, 'market.locations.total.' || k, v FROM (
        UNPIVOT (
            SELECT c.la, count(l.location_id)::DOUBLE AS locations,
                coalesce(sum(l.beds), 0)::DOUBLE AS beds
            FROM council c LEFT JOIN loc_in l ON l.la = c.la AND l.registered
            GROUP BY c.la)
        ON locations, beds INTO NAME k VALUE v);

INSERT INTO m (la, metric_id, value)
    SELECT la, 'market.locations.by_service_type.' || service_type || '.' || k, v FROM (
        UNPIVOT (
            SELECT la, service_type, count(*)::DOUBLE AS locations, sum(beds)::DOUBLE AS beds
            FROM loc_in WHERE registered GROUP BY la, service_type)
        ON locations, beds INTO NAME k VALUE v);

CREATE OR REPLACE TEMP TABLE ct AS
    SELECT k.*, c.t, active_at(k.start_date, k.end_date, c.t) AS active,
        coalesce(k.end_date > c.t AND k.end_date <= c.t + 548, false) AS expiring
    FROM contracts k JOIN council c ON c.la = k.la;

INSERT INTO m (la, metric_id, value)
    SELECT la, 'market.contracts.' || k, v FROM (
        UNPIVOT (
            SELECT c.la, count(k.contract_id) FILTER (WHERE k.active)::DOUBLE AS active,
                count(k.contract_id) FILTER (WHERE k.expiring)::DOUBLE AS expiring_18_months
            FROM council c LEFT JOIN ct k ON k.la = c.la GROUP BY c.la)
        ON active, expiring_18_months INTO NAME k VALUE v);

INSERT INTO m (la, metric_id, value)
    SELECT la, 'market.contracts.active_by_kind.' || kind, count(*) FROM ct WHERE active GROUP BY la, kind
    UNION ALL
    SELECT la, 'market.contracts.expiring_by_kind.' || kind, count(*) FROM ct WHERE expiring GROUP BY la, kind;

INSERT INTO m (la, metric_id, value, numerator, denominator)
    SELECT la, 'market.direct_payments', share(dp, n), dp, n FROM (
        SELECT c.la, count(p.placement_id) FILTER (WHERE p.delivery = 'direct_payment') AS dp,
            count(p.placement_id) AS n
        FROM council c LEFT JOIN pl p ON p.la = c.la AND p.active GROUP BY c.la);

-- Published indicators: for each measure, the latest period ending on or before T.
CREATE OR REPLACE TEMP TABLE ind AS
    SELECT * FROM (
        SELECT i.*, c.t, period_end(i.period) AS pend
        FROM (SELECT rowid AS rid, * FROM indicators) i JOIN council c ON c.la = i.la)
    WHERE pend <= t
    QUALIFY row_number() OVER (PARTITION BY la, measure ORDER BY pend DESC, period DESC, rid DESC) = 1;

INSERT INTO m
    SELECT la, 'market.indicators.entries.' || measure, value, NULL, NULL, england_value,
        variation(value, england_value, margin_of_error, polarity)
    FROM ind;

INSERT INTO m (la, metric_id, value)
    SELECT la, 'market.indicators.entries.' || measure || '.margin_of_error', margin_of_error
    FROM ind WHERE margin_of_error IS NOT NULL
    UNION ALL
    SELECT la, 'market.indicators.entries.' || measure || '.respondents', respondents
    FROM ind WHERE respondents IS NOT NULL;

-- 3 Capacity ----------------------------------------------------------------------------

-- Care homes in area registered at T, with their latest return in (T − 90, T].
CREATE OR REPLACE TEMP TABLE homes AS
    SELECT l.la, l.location_id, r.rid IS NOT NULL AS has_return,
        r.beds_occupied, r.beds_max, r.beds_vacant_accepting
    FROM loc_in l
    LEFT JOIN (SELECT rowid AS rid, * FROM capacity) r
        ON r.location_id = l.location_id AND in_last(r.date, l.t, 90)
    WHERE l.registered AND is_care_home(l.service_type)
    QUALIFY row_number() OVER (PARTITION BY l.la, l.location_id
        ORDER BY r.date DESC NULLS LAST, r.rid DESC NULLS LAST) = 1;

CREATE OR REPLACE TEMP TABLE occ AS
    SELECT c.la, count(h.location_id) AS homes,
        count(h.location_id) FILTER (WHERE h.has_return) AS with_return,
        coalesce(sum(coalesce(h.beds_occupied, 0)), 0) AS occupied,
        coalesce(sum(coalesce(h.beds_max, 0)), 0) AS beds,
        coalesce(sum(coalesce(h.beds_vacant_accepting, 0)), 0) AS vacant
    FROM council c LEFT JOIN homes h ON h.la = c.la GROUP BY c.la;

INSERT INTO m (la, metric_id, value, numerator, denominator)
    SELECT la, 'capacity.care_home_occupancy', share(occupied, beds), occupied, beds FROM occ;

INSERT INTO m (la, metric_id, value)
    SELECT la, 'capacity.care_home_occupancy.' || k, v FROM (
        UNPIVOT (
            SELECT la, vacant::DOUBLE AS beds_vacant_accepting, homes::DOUBLE AS homes,
                with_return::DOUBLE AS homes_with_return, share(with_return, homes) AS coverage
            FROM occ)
        ON beds_vacant_accepting, homes, homes_with_return, coverage INTO NAME k VALUE v);

INSERT INTO m (la, metric_id, value)
    SELECT la, 'capacity.homecare.' || k, v FROM (
        UNPIVOT (
            SELECT c.la, count(DISTINCT p.person_id)::DOUBLE AS people,
                coalesce(sum(coalesce(p.hours_per_week, 0.0)), 0.0) AS hours_per_week
            FROM council c
            LEFT JOIN pl p ON p.la = c.la AND p.active AND p.service_type = 'homecare'
            GROUP BY c.la)
        ON people, hours_per_week INTO NAME k VALUE v);

-- Day figures summarised (count, mean, median, min, max) and bucketed, by group.
-- sv: the values to summarise; sg: the groups, including empty ones that
-- still have a count of 0; bv / bg: the same for buckets.
CREATE OR REPLACE TEMP TABLE sv (la VARCHAR, g VARCHAR, d BIGINT);
CREATE OR REPLACE TEMP TABLE sg (la VARCHAR, g VARCHAR);
CREATE OR REPLACE TEMP TABLE bv (la VARCHAR, g VARCHAR, d BIGINT);
CREATE OR REPLACE TEMP TABLE bg (la VARCHAR, g VARCHAR);

-- Waits: L's requests whose linked placement starts in W, by the request's type.
CREATE OR REPLACE TEMP TABLE waits AS
    SELECT la, service_type, days(received_on, link_start) AS d
    FROM rq WHERE in_year(link_start, t);

INSERT INTO sv
    SELECT la, 'capacity.waits.all', d FROM waits
    UNION ALL
    SELECT la, 'capacity.waits.by_service_type.' || service_type, d FROM waits;
INSERT INTO sg
    SELECT la, 'capacity.waits.all' FROM council
    UNION
    SELECT DISTINCT la, 'capacity.waits.by_service_type.' || service_type FROM waits;
INSERT INTO bv SELECT * FROM sv;
INSERT INTO bg SELECT * FROM sg;

-- Waiting now: received by T, not closed by T, linked placement not started by T.
CREATE OR REPLACE TEMP TABLE wn AS
    SELECT la, t, request_id, person_id, service_type, days(received_on, t) AS d,
        list_distinct(split_list(delay_reasons)) AS reasons
    FROM rq
    WHERE received_on <= t AND (closed_on IS NULL OR closed_on > t)
        AND (link_start IS NULL OR link_start > t);

INSERT INTO bv SELECT la, 'capacity.waiting_now', d FROM wn;
INSERT INTO bg SELECT la, 'capacity.waiting_now' FROM council;

-- An interim placement active at T naming the request, or naming no request
-- and of the same person.
CREATE OR REPLACE TEMP TABLE interim_now AS
    SELECT la, request_id, person_id FROM pl WHERE is_interim AND active;
CREATE OR REPLACE TEMP TABLE wn_interim AS
    SELECT w.la, w.request_id FROM wn w
        JOIN interim_now i ON i.la = w.la AND i.request_id = w.request_id
    UNION
    SELECT w.la, w.request_id FROM wn w
        JOIN interim_now i ON i.la = w.la AND i.request_id IS NULL AND i.person_id = w.person_id;

INSERT INTO m (la, metric_id, value)
    SELECT la, 'capacity.waiting_now.' || k, v FROM (
        UNPIVOT (
            SELECT c.la, count(w.request_id)::DOUBLE AS count,
                count(w.request_id) FILTER (WHERE w.d > 90)::DOUBLE AS over_90,
                count(w.request_id) FILTER (WHERE w.d > 182)::DOUBLE AS over_182,
                (SELECT count(*) FROM wn_interim x WHERE x.la = c.la)::DOUBLE AS with_interim
            FROM council c LEFT JOIN wn w ON w.la = c.la GROUP BY c.la)
        ON count, over_90, over_182, with_interim INTO NAME k VALUE v);

INSERT INTO m (la, metric_id, value)
    SELECT la, 'capacity.waiting_now.by_service_type.' || service_type, count(*)
    FROM wn GROUP BY la, service_type
    UNION ALL
    SELECT la, 'capacity.waiting_now.over_90_delay_reasons.' || reason, count(*)
    FROM (SELECT la, unnest(reasons) AS reason FROM wn WHERE d > 90)
    GROUP BY la, reason;

-- Discharge delays: hospital discharges with a medically-fit date whose linked
-- placement starts in W; delay = max(0, start − medically fit).
CREATE OR REPLACE TEMP TABLE dd AS
    SELECT la, request_id, greatest(0, days(medically_fit_on, link_start)) AS d,
        list_distinct(split_list(delay_reasons)) AS reasons
    FROM rq
    WHERE route = 'hospital_discharge' AND medically_fit_on IS NOT NULL AND in_year(link_start, t);

INSERT INTO sv SELECT la, 'capacity.discharge_delays', d FROM dd;
INSERT INTO sg SELECT la, 'capacity.discharge_delays' FROM council;

INSERT INTO m (la, metric_id, value)
    SELECT c.la, 'capacity.discharge_delays.delayed', count(d.request_id) FILTER (WHERE d.d > 0)
    FROM council c LEFT JOIN dd d ON d.la = c.la GROUP BY c.la
    UNION ALL
    SELECT la, 'capacity.discharge_delays.delay_reasons.' || reason, count(*)
    FROM (SELECT la, unnest(reasons) AS reason FROM dd) GROUP BY la, reason;

-- The summaries and buckets of sv / bv.
INSERT INTO m (la, metric_id, value)
    SELECT la, g || '.' || k, v FROM (
        UNPIVOT (
            SELECT s.la, s.g, count(v.d)::DOUBLE AS count, avg(v.d)::DOUBLE AS mean,
                quantile_cont(v.d, 0.5)::DOUBLE AS median, min(v.d)::DOUBLE AS min,
                max(v.d)::DOUBLE AS max
            FROM sg s LEFT JOIN sv v ON v.la = s.la AND v.g = s.g GROUP BY s.la, s.g)
        ON count, mean, median, min, max INTO NAME k VALUE v);

INSERT INTO m (la, metric_id, value)
    SELECT g.la, g.g || '.buckets.' || b.b, count(v.d)
    FROM bg g CROSS JOIN bucket_names b
    LEFT JOIN bv v ON v.la = g.la AND v.g = g.g AND bucket(v.d) = b.b
    GROUP BY g.la, g.g, b.b;

-- Out of area: L's placements active at T at locations outside L.
CREATE OR REPLACE TEMP TABLE ooa AS
    SELECT p.la, p.placement_id, p.service_type,
        coalesce(p.ooa_reason, 'not_recorded') AS reason,
        list_contains(c.neighbours, l.local_authority) AS near,
        EXISTS (SELECT 1 FROM rv WHERE rv.la = p.la AND rv.placement_id = p.placement_id
            AND in_year(rv.date, p.t)) AS reviewed
    FROM pl p
    JOIN locations l ON l.location_id = p.location_id
    JOIN council c ON c.la = p.la
    WHERE p.active AND l.local_authority <> p.la;

CREATE OR REPLACE TEMP TABLE ooa_n AS
    SELECT c.la, count(o.placement_id) AS n,
        count(o.placement_id) FILTER (WHERE o.near) AS near,
        count(o.placement_id) FILTER (WHERE o.reviewed) AS reviewed
    FROM council c LEFT JOIN ooa o ON o.la = c.la GROUP BY c.la;

INSERT INTO m (la, metric_id, value)
    SELECT la, 'capacity.out_of_area.count', n FROM ooa_n;

INSERT INTO m (la, metric_id, value, numerator, denominator)
    SELECT la, 'capacity.out_of_area.in_neighbouring_council', share(near, n), near, n FROM ooa_n
    UNION ALL
    SELECT la, 'capacity.out_of_area.reviewed_in_year', share(reviewed, n), reviewed, n FROM ooa_n
    UNION ALL
    SELECT o.la, 'capacity.out_of_area.by_reason.' || o.reason, share(count(*), any_value(n.n)),
        count(*), any_value(n.n)
    FROM ooa o JOIN ooa_n n ON n.la = o.la GROUP BY o.la, o.reason
    UNION ALL
    SELECT o.la, 'capacity.out_of_area.by_service_type.' || o.service_type,
        share(count(*), any_value(n.n)), count(*), any_value(n.n)
    FROM ooa o JOIN ooa_n n ON n.la = o.la GROUP BY o.la, o.service_type;

-- Long-term care: L's placements at care homes (by the location's type), now and a year ago.
INSERT INTO m (la, metric_id, value)
    SELECT la, 'capacity.long_term_care.' || k, v FROM (
        UNPIVOT (
            SELECT c.la,
                count(p.placement_id) FILTER (WHERE active_at(p.start_date, p.end_date, c.t))::DOUBLE AS now,
                count(p.placement_id) FILTER (WHERE active_at(p.start_date, p.end_date, c.t - 365))::DOUBLE AS a_year_ago
            FROM council c
            LEFT JOIN (SELECT p.* FROM pl p JOIN locations l ON l.location_id = p.location_id
                       WHERE is_care_home(l.service_type)) p ON p.la = c.la
            GROUP BY c.la)
        ON now, a_year_ago INTO NAME k VALUE v);

-- 4 Quality -----------------------------------------------------------------------------

-- Rating mix over the in-area locations registered at T, all together and by type.
CREATE OR REPLACE TEMP TABLE rmg AS
    SELECT la, 'quality.rating_mix.all' AS g, rating_t FROM loc_in WHERE registered
    UNION ALL
    SELECT la, 'quality.rating_mix.by_service_type.' || service_type, rating_t
    FROM loc_in WHERE registered;
CREATE OR REPLACE TEMP TABLE rm_tot AS
    SELECT s.la, s.g, count(x.g) AS n,
        count(x.g) FILTER (WHERE x.rating_t IN ('outstanding', 'good')) AS good,
        count(x.g) FILTER (WHERE x.rating_t <> 'not_rated') AS rated
    FROM (SELECT la, 'quality.rating_mix.all' AS g FROM council
          UNION SELECT DISTINCT la, g FROM rmg) s
    LEFT JOIN rmg x ON x.la = s.la AND x.g = s.g
    GROUP BY s.la, s.g;

INSERT INTO m (la, metric_id, value)
    SELECT la, g || '.locations', n FROM rm_tot;

INSERT INTO m (la, metric_id, value, numerator, denominator)
    SELECT t.la, t.g || '.shares.' || r.r, share(coalesce(k.k, 0), t.n), coalesce(k.k, 0), t.n
    FROM rm_tot t CROSS JOIN ratings r
    LEFT JOIN (SELECT la, g, rating_t, count(*) AS k FROM rmg GROUP BY la, g, rating_t) k
        ON k.la = t.la AND k.g = t.g AND k.rating_t = r.r
    UNION ALL
    SELECT la, 'quality.rating_mix.good_or_outstanding', share(good, n), good, n
    FROM rm_tot WHERE g = 'quality.rating_mix.all'
    UNION ALL
    SELECT la, 'quality.rating_mix.rated_good_or_outstanding', share(good, rated), good, rated
    FROM rm_tot WHERE g = 'quality.rating_mix.all';

-- Sanctions of L.
CREATE OR REPLACE TEMP TABLE sa AS
    SELECT s.*, active_at(s.start_date, s.end_date, c.t) AS active, in_year(s.start_date, c.t) AS started
    FROM sanctions s JOIN council c ON c.la = s.la;

-- Locations under a sanction (of any council) active at each council's T.
CREATE OR REPLACE TEMP TABLE sanctioned AS
    SELECT DISTINCT c.la, s.location_id
    FROM council c JOIN sanctions s ON active_at(s.start_date, s.end_date, c.t);

INSERT INTO m (la, metric_id, value)
    SELECT la, 'quality.sanctions.' || k, v FROM (
        UNPIVOT (
            SELECT c.la,
                (SELECT count(*) FROM sa WHERE sa.la = c.la AND sa.active)::DOUBLE AS active,
                (SELECT count(*) FROM sa WHERE sa.la = c.la AND sa.started)::DOUBLE AS started_in_year,
                (SELECT count(DISTINCT p.person_id) FROM pl p
                    JOIN sanctioned x ON x.la = p.la AND x.location_id = p.location_id
                    WHERE p.la = c.la AND p.active)::DOUBLE AS people_affected
            FROM council c)
        ON active, started_in_year, people_affected INTO NAME k VALUE v);

INSERT INTO m (la, metric_id, value)
    SELECT la, 'quality.sanctions.active_by_kind.' || kind, count(*) FROM sa WHERE active GROUP BY la, kind
    UNION ALL
    SELECT la, 'quality.sanctions.started_by_kind.' || kind, count(*) FROM sa WHERE started GROUP BY la, kind;

-- Commissioned locations: a contract of L active at T, or one of L's placements active at T.
CREATE OR REPLACE TEMP TABLE com AS
    SELECT la, location_id FROM ct WHERE active
    UNION
    SELECT la, location_id FROM pl WHERE active;

CREATE OR REPLACE TEMP TABLE visited AS
    SELECT DISTINCT v.la, v.location_id FROM visits v JOIN council c ON c.la = v.la
    WHERE in_year(v.date, c.t);

INSERT INTO m (la, metric_id, value, numerator, denominator)
    SELECT la, 'quality.visit_coverage', share(k, n), k, n FROM (
        SELECT c.la, count(o.location_id) AS n, count(v.location_id) AS k
        FROM council c
        LEFT JOIN com o ON o.la = c.la
        LEFT JOIN visited v ON v.la = o.la AND v.location_id = o.location_id
        GROUP BY c.la);

-- Assessments: each location's latest assessment for L on or before T (by date,
-- then ID); below threshold when any standard is poor or 4 × weak ≥ standards.
CREATE OR REPLACE TEMP TABLE qa AS
    SELECT q.* FROM quality_assessments q JOIN council c ON c.la = q.la WHERE q.date <= c.t;
CREATE OR REPLACE TEMP TABLE qa_latest AS
    SELECT q.la, q.location_id,
        bool_or(q.rating = 'poor')
            OR 4 * count(*) FILTER (WHERE q.rating IN ('poor', 'requires_improvement')) >= count(*) AS below
    FROM qa q
    JOIN (SELECT la, location_id, date, assessment_id FROM qa
          QUALIFY row_number() OVER (PARTITION BY la, location_id
              ORDER BY date DESC, assessment_id DESC) = 1) l
        ON l.la = q.la AND l.location_id = q.location_id AND l.date = q.date
            AND l.assessment_id = q.assessment_id
    GROUP BY q.la, q.location_id;

INSERT INTO m (la, metric_id, value, numerator, denominator)
    SELECT la, 'quality.assessments', share(k, n), k, n FROM (
        SELECT c.la, count(q.location_id) AS n, count(q.location_id) FILTER (WHERE q.below) AS k
        FROM council c LEFT JOIN qa_latest q ON q.la = c.la GROUP BY c.la);

-- Concerns for L raised in W.
CREATE OR REPLACE TEMP TABLE co AS
    SELECT k.*, c.t FROM concerns k JOIN council c ON c.la = k.la;

INSERT INTO m (la, metric_id, value)
    SELECT c.la, 'quality.concerns.raised_in_year', count(k.concern_id)
    FROM council c LEFT JOIN co k ON k.la = c.la AND in_year(k.raised_on, k.t) GROUP BY c.la
    UNION ALL
    SELECT la, 'quality.concerns.by_kind.' || kind, count(*)
    FROM co WHERE in_year(raised_on, t) GROUP BY la, kind;

-- Clusters: 3 safeguarding concerns raised in W at most 90 days apart.
CREATE OR REPLACE TEMP TABLE clusters AS
    SELECT DISTINCT la, location_id FROM (
        SELECT la, location_id, raised_on,
            lead(raised_on, 2) OVER (PARTITION BY la, location_id ORDER BY raised_on) AS third
        FROM co WHERE kind = 'safeguarding' AND in_year(raised_on, t))
    WHERE days(raised_on, third) <= 90;

-- Risk of each commissioned location (crates/engine/src/risk.rs, the product's
-- rule): the reasons in the rule's order, with their points.
CREATE OR REPLACE TEMP TABLE rk_loc AS
    SELECT o.la, c.t, l.location_id, l.service_type, l.registered_manager, l.sponsor_licence,
        CASE WHEN l.rating_date > c.t THEN 'not_rated' ELSE l.rating END AS rating_t
    FROM com o JOIN council c ON c.la = o.la JOIN locations l ON l.location_id = o.location_id;

CREATE OR REPLACE TEMP TABLE rk_reason AS
    SELECT la, location_id, 1 AS ord, 0 AS points, true AS always_red
        FROM rk_loc WHERE rating_t = 'inadequate'
    UNION ALL
    SELECT la, location_id, 1, 2, false FROM rk_loc WHERE rating_t = 'requires_improvement'
    UNION ALL
    SELECT la, location_id, 2, 0, true FROM rk_loc WHERE sponsor_licence = 'revoked'
    UNION ALL
    SELECT la, location_id, 3, 2, false FROM rk_loc WHERE no(registered_manager)
    UNION ALL
    SELECT r.la, r.location_id, 4, 3, false FROM rk_loc r
        SEMI JOIN sanctioned s ON s.la = r.la AND s.location_id = r.location_id
    UNION ALL
    SELECT r.la, r.location_id, 5, 3, false FROM rk_loc r
        SEMI JOIN clusters s ON s.la = r.la AND s.location_id = r.location_id
    UNION ALL
    SELECT r.la, r.location_id, 6, least(count(*), 3), false FROM rk_loc r
        JOIN co k ON k.la = r.la AND k.location_id = r.location_id
            AND k.raised_on <= r.t AND (k.closed_on IS NULL OR k.closed_on > r.t)
        GROUP BY r.la, r.location_id
    UNION ALL
    SELECT r.la, r.location_id, 7, 2, false FROM rk_loc r
        JOIN qa_latest q ON q.la = r.la AND q.location_id = r.location_id AND q.below
    UNION ALL
    SELECT r.la, r.location_id, 8, 1, false FROM rk_loc r
        SEMI JOIN handbacks h ON h.la = r.la AND h.location_id = r.location_id AND in_year(h.date, r.t)
    UNION ALL
    SELECT r.la, r.location_id, 9, 1, false FROM rk_loc r
        WHERE (is_care_home(r.service_type) OR r.service_type = 'homecare')
        AND NOT EXISTS (SELECT 1 FROM capacity x WHERE x.location_id = r.location_id
            AND in_last(x.date, r.t, 30));

CREATE OR REPLACE TEMP TABLE rk AS
    SELECT l.la, l.location_id, coalesce(sum(r.points), 0) AS score,
        coalesce(bool_or(r.always_red), false) AS always_red
    FROM rk_loc l LEFT JOIN rk_reason r ON r.la = l.la AND r.location_id = l.location_id
    GROUP BY l.la, l.location_id;

INSERT INTO m (la, metric_id, value)
    SELECT la, 'quality.risk.' || k, v FROM (
        UNPIVOT (
            SELECT c.la,
                count(r.location_id) FILTER (WHERE r.always_red OR r.score >= 5)::DOUBLE AS red,
                count(r.location_id) FILTER (WHERE NOT r.always_red AND r.score >= 2 AND r.score < 5)::DOUBLE AS amber,
                count(r.location_id) FILTER (WHERE NOT r.always_red AND r.score < 2)::DOUBLE AS green
            FROM council c LEFT JOIN rk r ON r.la = c.la GROUP BY c.la)
        ON red, amber, green INTO NAME k VALUE v);

INSERT INTO m (la, metric_id, value)
    SELECT la, 'quality.risk.locations.' || location_id || '.score', score FROM rk
    UNION ALL
    SELECT la, 'quality.risk.locations.' || location_id || '.reasons.'
        || (row_number() OVER (PARTITION BY la, location_id ORDER BY ord) - 1) || '.points', points
    FROM rk_reason;

-- 5 Sustainability ---------------------------------------------------------------------

CREATE OR REPLACE TEMP TABLE hb AS
    SELECT h.* FROM handbacks h JOIN council c ON c.la = h.la WHERE in_year(h.date, c.t);

INSERT INTO m (la, metric_id, value)
    SELECT la, 'sustainability.handbacks.total.' || k, v FROM (
        UNPIVOT (
            SELECT c.la, count(h.handback_id)::DOUBLE AS count,
                coalesce(sum(h.people_affected), 0)::DOUBLE AS people_affected
            FROM council c LEFT JOIN hb h ON h.la = c.la GROUP BY c.la)
        ON count, people_affected INTO NAME k VALUE v);

INSERT INTO m (la, metric_id, value)
    SELECT la, 'sustainability.handbacks.by_service_type.' || service_type || '.' || k, v FROM (
        UNPIVOT (
            SELECT la, service_type, count(*)::DOUBLE AS count, sum(people_affected)::DOUBLE AS people_affected
            FROM hb GROUP BY la, service_type)
        ON count, people_affected INTO NAME k VALUE v);

-- Market exits: in-area locations deregistered in W.
INSERT INTO m (la, metric_id, value)
    SELECT c.la, 'sustainability.market_exits.count', count(l.location_id)
    FROM council c LEFT JOIN loc_in l ON l.la = c.la AND in_year(l.deregistered_on, l.t)
    GROUP BY c.la
    UNION ALL
    SELECT la, 'sustainability.market_exits.by_service_type.' || service_type, count(*)
    FROM loc_in WHERE in_year(deregistered_on, t) GROUP BY la, service_type;

-- Fees: the latest rate for each type with effective_from ≤ T (the first given, on a tie).
CREATE OR REPLACE TEMP TABLE fee AS
    SELECT f.* FROM (SELECT rowid AS rid, * FROM fees) f JOIN council c ON c.la = f.la
    WHERE f.effective_from <= c.t
    QUALIFY row_number() OVER (PARTITION BY f.la, f.service_type
        ORDER BY f.effective_from DESC, f.rid) = 1;

INSERT INTO m (la, metric_id, value)
    SELECT la, 'sustainability.fees.by_service_type.' || service_type || '.' || k, v FROM (
        UNPIVOT (
            SELECT la, service_type, rate, fair_cost_median,
                CASE WHEN fair_cost_median > 0 THEN rate / fair_cost_median END AS ratio_to_fair_cost
            FROM fee)
        ON rate, fair_cost_median, ratio_to_fair_cost INTO NAME k VALUE v);

-- Workforce: each in-area location's latest return in W (the last given, on a tie).
CREATE OR REPLACE TEMP TABLE wf AS
    SELECT l.la, w.* FROM loc_in l
    JOIN (SELECT rowid AS rid, * FROM workforce) w
        ON w.location_id = l.location_id AND in_year(w.date, l.t)
    QUALIFY row_number() OVER (PARTITION BY l.la, l.location_id ORDER BY w.date DESC, w.rid DESC) = 1;

CREATE OR REPLACE TEMP TABLE wf_sum AS
    SELECT c.la, count(w.location_id) AS n,
        coalesce(sum(w.posts), 0) AS posts, coalesce(sum(w.vacancies), 0) AS vacancies,
        coalesce(sum(w.leavers), 0) AS leavers,
        coalesce(sum(w.care_cert_eligible), 0) AS eligible,
        coalesce(sum(w.care_cert_done), 0) AS done
    FROM council c LEFT JOIN wf w ON w.la = c.la GROUP BY c.la;

INSERT INTO m (la, metric_id, value)
    SELECT la, 'sustainability.workforce.locations_reporting', n FROM wf_sum;

INSERT INTO m (la, metric_id, value, numerator, denominator)
    SELECT la, 'sustainability.workforce.vacancy_rate', share(vacancies, posts), vacancies, posts FROM wf_sum
    UNION ALL
    SELECT la, 'sustainability.workforce.turnover', share(leavers, posts), leavers, posts FROM wf_sum
    UNION ALL
    SELECT la, 'sustainability.workforce.care_certificate', share(done, eligible), done, eligible FROM wf_sum;

-- Continuity: L's placements ended in W by a hand-back, a provider failure or a
-- sanction; the next placement is the person's earliest other placement
-- starting on or after the end.
CREATE OR REPLACE TEMP TABLE ended AS
    SELECT p.la, p.t, p.placement_id, p.person_id, p.end_date,
        (SELECT min(days(p.end_date, q.start_date)) FROM pl q
         WHERE q.la = p.la AND q.person_id = p.person_id
            AND q.placement_id <> p.placement_id AND q.start_date >= p.end_date) AS gap
    FROM pl p
    WHERE p.end_reason IN ('handback', 'provider_failure', 'sanction') AND in_year(p.end_date, p.t);

CREATE OR REPLACE TEMP TABLE cont AS
    SELECT c.la, count(e.placement_id) AS n, count(DISTINCT e.person_id) AS people,
        count(e.placement_id) FILTER (WHERE e.gap <= 7) AS quick,
        max(coalesce(e.gap, days(e.end_date, e.t))) AS longest
    FROM council c LEFT JOIN ended e ON e.la = c.la GROUP BY c.la;

INSERT INTO m (la, metric_id, value)
    SELECT la, 'sustainability.continuity.' || k, v FROM (
        UNPIVOT (
            SELECT la, n::DOUBLE AS placements_ended, people::DOUBLE AS people_affected,
                longest::DOUBLE AS longest_gap_days
            FROM cont)
        ON placements_ended, people_affected, longest_gap_days INTO NAME k VALUE v);

INSERT INTO m (la, metric_id, value, numerator, denominator)
    SELECT la, 'sustainability.continuity.replaced_within_7_days', share(quick, n), quick, n FROM cont;
