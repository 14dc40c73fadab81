#!/usr/bin/env python3
"""Writes a small hand-made bundle that sits on the edges of spec/metrics.md.

    python3 bench/duckdb/edge_bundle.py OUT_DIR

The generated bundles rarely land on a boundary; this one does, on purpose:
window ends (T − 365 out, T in), returns exactly 90 and 30 days old, waits of
−1, 0, 1, 2, 3, 7, 8, 28, 29, 90 and 91 days, contracts ending on T and on
T + 548, two assessments on one date, a 25% threshold, a
cluster exactly 90 days wide, whole-council and locality population rows in
the same year, every period format of indicators.csv, z exactly 1, a margin of
0, another council's sanction, interim placements by request and by person,
and continuity gaps of 0 and 8 days. check.sh compares the two
implementations on it as well as on the generated bundles.

Edgeshire is assessed at T = 2025-03-31, Nextdoor at 2025-06-30; Farshire has
no date (a neighbour only).
"""

import csv
import datetime as dt
import os
import sys

T = dt.date(2025, 3, 31)


def d(days):
    """T + days, as the bundle writes dates."""
    return (T + dt.timedelta(days=days)).isoformat()


FILES = {}


def table(name, header, rows):
    FILES[name] = (header.split(","), rows)


E, N, F = "Edgeshire", "Nextdoor", "Farshire"

table("authority", "la,ons_code,as_at,neighbours", [
    [E, "E06000901", T.isoformat(), "Nextdoor; ;Farshire"],
    [N, "E06000902", "2025-06-30", E],
    [F, "E06000903", "", E],
])
table("localities", "la,locality_id,name,rural", [
    [E, "ED-L1", "North", "N"], [E, "ED-L2", "South", "Y"], [N, "NX-L1", "All", "N"],
])

BANDS = ["18-64", "65-74", "75-84", "85+"]
pop = []


def pop_rows(la, loc, year, kind, base):
    for i, band in enumerate(BANDS):
        for j, sex in enumerate(["f", "m"]):
            pop.append([la, loc, year, sex, band, base + 100 * i + 10 * j, kind])


# Edgeshire: whole-council and locality rows for T.year (whole ones count);
# estimates and projections for T.year (estimates preferred); 2030 missing
# (2028 used); 2040 in projections by locality only.
pop_rows(E, "", 2025, "estimate", 5000)
pop_rows(E, "ED-L1", 2025, "estimate", 2000)
pop_rows(E, "ED-L2", 2025, "estimate", 2500)
pop_rows(E, "", 2025, "projection", 5100)
pop_rows(E, "ED-L1", 2028, "projection", 2600)
pop_rows(E, "ED-L2", 2028, "projection", 2700)
pop_rows(E, "ED-L1", 2040, "projection", 3000)
pop_rows(E, "ED-L2", 2040, "projection", 3100)
pop_rows(E, "", 2041, "projection", 9999)
# Nextdoor: T.year is missing altogether; the nearest earlier estimate is 2022.
pop_rows(N, "", 2022, "estimate", 800)
pop_rows(N, "", 2023, "projection", 850)
pop_rows(N, "", 2031, "projection", 900)
table("population", "la,locality_id,year,sex,age_band,people,kind", pop)

table("prevalence", "measure,sex,age_band,rate", [
    ["dementia", "f", "65-74", "0.03"], ["dementia", "m", "65-74", "0.025"],
    ["dementia", "f", "75-84", "0.09"], ["dementia", "m", "75-84", "0.08"],
    ["dementia", "f", "85+", "0.3"], ["dementia", "m", "85+", "0.25"],
    ["selfcare_help", "f", "18-64", "0.05"], ["selfcare_help", "m", "85+", "0.4"],
])

LOC_HEADER = ("location_id,provider_id,provider_name,name,local_authority,locality_id,"
              "postcode,latitude,longitude,service_type,beds,specialisms,registered_manager,"
              "in_house,rating,rating_date,status,registered_on,deregistered_on,sponsor_licence")


def loc(lid, la, st, beds, rating, rating_date="", rm="Y", reg="2010-01-01", dereg="",
        sponsor="none", status="registered", locality=""):
    return [lid, "P-" + lid, "Provider " + lid, "Home " + lid, la, locality, "ED1 1AA", "", "",
            st, beds, "", rm, "N", rating, rating_date, status, reg, dereg, sponsor]


table("locations", LOC_HEADER, [
    loc("E-NH1", E, "nursing_home", 40, "good", "2024-01-01", locality="ED-L1"),
    loc("E-NH2", E, "nursing_home", 30, "requires_improvement", d(1), rm="N"),
    loc("E-RH1", E, "residential_home", 20, "inadequate", "2023-05-05", reg=d(0)),
    loc("E-RH2", E, "residential_home", 25, "good", "2023-05-05", reg=d(1)),
    loc("E-RH3", E, "residential_home", 15, "good", "2023-05-05", dereg=d(0),
        status="deregistered"),
    loc("E-RH4", E, "residential_home", 12, "good", "2020-05-05", dereg=d(-365),
        status="deregistered"),
    loc("E-HC1", E, "homecare", 0, "outstanding", "2022-02-02", sponsor="revoked"),
    loc("E-HC2", E, "homecare", 0, "requires_improvement", "2022-02-02", rm="",
        status="deregistered"),
    loc("E-SL1", E, "supported_living", 0, "not_rated", "", reg=""),
    loc("N-NH1", N, "nursing_home", 50, "good", "2023-01-01"),
    loc("Z-RH1", "Zedland", "residential_home", 10, "good", "2023-01-01"),
])

table("contracts", "contract_id,la,location_id,kind,service_type,start_date,end_date,rate,rate_unit,zone", [
    ["C1", E, "E-NH1", "block", "nursing_home", "2020-01-01", d(0), "900", "week", ""],
    ["C2", E, "E-NH2", "spot", "nursing_home", "2020-01-01", d(1), "950", "week", ""],
    ["C3", E, "E-HC1", "framework", "homecare", d(1), d(548), "22.5", "hour", "North"],
    ["C4", E, "E-HC2", "dps", "homecare", "2019-01-01", d(549), "21", "hour", ""],
    ["C5", E, "E-RH1", "outcome", "residential_home", d(0), "", "700", "week", ""],
    ["C6", N, "N-NH1", "block", "nursing_home", "2020-01-01", "", "800", "week", ""],
])

table("capacity", "location_id,date,beds_max,beds_occupied,beds_vacant_reserved,beds_vacant_accepting,homecare_people,homecare_hours_week,homecare_extra_hours", [
    ["E-NH1", d(-90), "40", "10", "0", "30", "", "", ""],   # 90 days old: out
    ["E-NH1", d(-89), "40", "35", "0", "5", "", "", ""],
    ["E-NH1", d(-1), "40", "36", "1", "3", "", "", ""],
    ["E-NH1", d(0), "40", "38", "0", "2", "", "", ""],      # on T: the latest
    ["E-NH2", d(-60), "30", "", "", "4", "", "", ""],       # empty occupied counts as 0
    ["E-HC1", d(-30), "", "", "", "", "40", "300.5", "20"],  # 30 days old: missed
    ["E-HC2", d(-29), "", "", "", "", "12", "80", "0"],
    ["N-NH1", "2025-06-01", "50", "45", "0", "5", "", "", ""],
])

people = []
for i in range(1, 31):
    people.append([f"EP{i:02}", E, "1940", "f", "", "ED-L1", "service_user", "", "N", ""])
people += [
    ["EC01", E, "1960", "m", "", "", "unpaid_carer", "", "", "EP01"],
    ["EC02", E, "1965", "", "", "", "unpaid_carer", "", "", "EP02;EP03"],
    ["NP01", N, "1945", "m", "", "", "service_user", "", "N", ""],
    ["NP02", N, "1946", "f", "", "", "service_user", "", "N", ""],
]
table("people", "person_id,la,birth_year,sex,ethnicity,locality_id,client_type,primary_support_reason,has_unpaid_carer,cares_for", people)

REQ_HEADER = ("request_id,person_id,service_type,needs,hours_per_week,route,discharge_pathway,"
              "received_on,medically_fit_on,closed_on,outcome,delay_reasons,preferred_locations")
PL_HEADER = ("placement_id,person_id,request_id,location_id,service_type,start_date,end_date,"
             "end_reason,weekly_cost,hours_per_week,delivery,interim,ooa_reason")
reqs, pls = [], []


def req(rid, pid, st, received, closed="", outcome="", reasons="", route="community", fit=""):
    reqs.append([rid, pid, st, "", "", route, "", received, fit, closed, outcome, reasons, ""])


def pl(plid, pid, rid, lid, st, start, end="", reason="", hours="", delivery="commissioned",
       interim="N", ooa=""):
    pls.append([plid, pid, rid, lid, st, start, end, reason, "500", hours, delivery, interim, ooa])


# Waits of −1 … 91 days, each placement starting inside the window.
for n, wait in enumerate([-1, 0, 1, 2, 3, 7, 8, 28, 29, 90, 91]):
    pid, rid = f"EP{n + 1:02}", f"RW{n:02}"
    st = "homecare" if n % 2 else "nursing_home"
    req(rid, pid, st, d(-100 - wait), d(-100), "placed")
    pl(f"PW{n:02}", pid, rid, "E-HC2" if st == "homecare" else "E-NH1", st, d(-100),
       hours="7.5" if st == "homecare" else "", delivery="direct_payment" if n == 3 else "commissioned")
# Linked placement on the window's edges: T − 365 (out) and T (in).
req("RW20", "EP12", "residential_home", d(-400), d(-365), "placed")
pl("PW20", "EP12", "RW20", "E-RH3", "residential_home", d(-365), d(-200), "planned")
req("RW21", "EP13", "residential_home", d(-10), d(0), "placed")
pl("PW21", "EP13", "RW21", "E-RH1", "residential_home", d(0))
# Two placements for one request: the earliest starts the wait (a tie goes to the smaller ID).
req("RW22", "EP14", "homecare", d(-50), d(-40), "placed")
pl("PW22b", "EP14", "RW22", "E-HC2", "homecare", d(-40), d(-20), "planned", hours="10")
pl("PW22a", "EP14", "RW22", "E-HC2", "homecare", d(-40), "", "", hours="12.25")

# Waiting now.
req("RN1", "EP15", "residential_home", d(-91), reasons="sourcing;sourcing; housing")
req("RN2", "EP16", "nursing_home", d(-183), closed=d(1), reasons="funding")
pl("PN2i", "EP16", "RN2", "E-NH2", "nursing_home", d(-30), interim="Y")
pl("PN2", "EP16", "RN2", "E-NH2", "nursing_home", d(1))
req("RN3", "EP17", "homecare", d(0), closed=d(0), outcome="declined")
req("RN4", "EP18", "homecare", d(-90), reasons="assessment")
pl("PN4i", "EP18", "", "E-HC2", "homecare", d(-5), interim="y", hours="4")
req("RN5", "EP19", "homecare", d(1))
req("RN6", "EP20", "supported_living", d(-182), reasons="housing;declined")

# Hospital discharges.
req("RD1", "EP21", "nursing_home", d(-190), d(-180), "placed", "transport;medication",
    route="hospital_discharge", fit=d(-184))
pl("PD1", "EP21", "RD1", "E-NH1", "nursing_home", d(-180))
req("RD2", "EP22", "nursing_home", d(-170), d(-160), "placed", "", route="hospital_discharge",
    fit=d(-158))
pl("PD2", "EP22", "RD2", "E-NH1", "nursing_home", d(-160))
req("RD3", "EP23", "nursing_home", d(-170), d(-160), "placed", "transport",
    route="hospital_discharge")
pl("PD3", "EP23", "RD3", "E-NH1", "nursing_home", d(-160))

# Out of area, long-term care a year ago, sanctions elsewhere.
pl("PO1", "EP24", "", "N-NH1", "nursing_home", "2023-01-01", ooa="family")
pl("PO2", "EP25", "", "Z-RH1", "residential_home", "2023-01-01", ooa="no_vacancy")
pl("PO3", "EP26", "", "Z-RH1", "respite", d(-365), ooa="no_vacancy")
pl("PO4", "EP27", "", "N-NH1", "nursing_home", "2023-01-01", d(-365), "died", ooa="family")
pl("PN1", "NP01", "", "N-NH1", "nursing_home", "2024-01-01")
pl("PN2x", "NP02", "", "E-NH1", "nursing_home", "2024-01-01", ooa="personal_choice")

# Continuity: endings in the window by hand-back, failure and sanction.
pl("PC1", "EP28", "", "E-HC1", "homecare", "2022-01-01", d(-50), "handback", hours="9")
pl("PC1n", "EP28", "", "E-HC2", "homecare", d(-50), "", "", hours="9")
pl("PC2", "EP29", "", "E-NH2", "nursing_home", "2022-01-01", d(-100), "provider_failure")
pl("PC2o", "EP29", "", "E-NH1", "nursing_home", d(-101), d(-95), "other")
pl("PC2n", "EP29", "", "E-NH1", "nursing_home", d(-92), "", "")
pl("PC3", "EP30", "", "E-RH1", "residential_home", "2022-01-01", d(-364), "sanction")
pl("PC4", "EP30", "", "E-RH1", "residential_home", "2021-01-01", d(-365), "sanction")
table("requests", REQ_HEADER, reqs)
table("placements", PL_HEADER, pls)

table("reviews", "review_id,person_id,placement_id,date,kind", [
    ["V1", "EP24", "PO1", d(-365), "planned"],
    ["V2", "EP25", "PO2", d(0), "planned"],
    ["V3", "EP26", "", d(-10), "unplanned"],
])

QA = "assessment_id,location_id,la,date,framework,domain,standard,rating"
qa = []


def assess(aid, lid, date, ratings, la=E):
    for i, r in enumerate(ratings):
        qa.append([aid, lid, la, date, "pamms", "Domain", f"Standard {i}", r])


assess("A1", "E-NH1", "2024-05-01", ["requires_improvement", "good", "good", "good"])
assess("A2", "E-NH1", "2024-05-01", ["good", "good", "excellent", "good"])  # same date, larger ID
assess("A3", "E-NH2", "2024-06-01", ["requires_improvement", "good", "good", "excellent"])
assess("A4", "E-NH2", d(1), ["poor"])                                        # after T
assess("A5", "E-HC1", "2024-07-01", ["requires_improvement", "good", "good", "good", "good"])
assess("A6", "E-HC2", "2024-08-01", ["poor", "excellent", "excellent", "excellent", "excellent"])
assess("A7", "N-NH1", "2024-08-01", ["poor"], la=N)
table("quality_assessments", QA, qa)

table("visits", "visit_id,location_id,la,date,kind", [
    ["VI1", "E-NH1", E, d(-365), "annual"],
    ["VI2", "E-NH2", E, d(0), "risk"],
    ["VI3", "E-HC2", E, d(-100), "contract"],
    ["VI4", "E-HC1", N, d(-10), "annual"],
])

table("concerns", "concern_id,location_id,la,raised_on,kind,closed_on,substantiated", [
    ["K1", "E-NH1", E, "2024-04-01", "safeguarding", "2024-05-01", "Y"],
    ["K2", "E-NH1", E, "2024-06-30", "safeguarding", "2024-07-01", ""],
    ["K3", "E-NH1", E, "2024-05-01", "safeguarding", "2024-06-01", "N"],
    ["K4", "E-NH2", E, "2024-04-01", "safeguarding", "2024-05-01", ""],
    ["K5", "E-NH2", E, "2024-05-01", "safeguarding", "2024-06-01", ""],
    ["K6", "E-NH2", E, "2024-07-01", "safeguarding", "2024-08-01", ""],
    ["K7", "E-NH2", E, d(-365), "safeguarding", "", ""],
    ["K8", "E-HC1", E, d(-20), "complaint", "", ""],
    ["K9", "E-HC1", E, d(-19), "complaint", "", ""],
    ["K10", "E-HC1", E, d(-18), "medication", d(1), ""],
    ["K11", "E-HC1", E, d(-17), "whistleblowing", "", ""],
    ["K12", "E-HC2", E, d(-17), "other", d(0), ""],
    ["K13", "E-HC2", N, d(-17), "other", "", ""],
])

table("sanctions", "sanction_id,location_id,la,kind,start_date,end_date,reason", [
    ["S1", "E-NH1", N, "embargo", "2025-01-01", "", "Nextdoor's embargo"],
    ["S2", "E-NH2", E, "suspension", d(-365), d(0), "ended on T"],
    ["S3", "E-RH1", E, "restriction", d(0), "", "started on T"],
    ["S4", "N-NH1", E, "termination", "2024-06-01", "2024-07-01", ""],
])

table("handbacks", "handback_id,location_id,la,date,service_type,people_affected,reason", [
    ["H1", "E-HC1", E, d(0), "homecare", "4", "Viability"],
    ["H2", "E-NH1", E, d(-365), "nursing_home", "2", "Staffing"],
    ["H3", "E-HC2", E, d(-100), "homecare", "1", ""],
])

table("workforce", "location_id,date,posts,vacancies,starters,leavers,sickness_days,care_cert_eligible,care_cert_done", [
    ["E-NH1", d(-365), "50", "20", "1", "1", "10", "10", "1"],   # out of the window
    ["E-NH1", d(-364), "50", "5", "1", "3", "10", "10", "5"],
    ["E-NH1", d(-61), "52", "6", "2", "4", "11", "12", "6"],
    ["E-NH1", d(-60), "53", "7", "2", "5", "11", "12", "7"],     # the latest in the window
    ["E-RH3", d(-200), "20", "2", "0", "1", "3", "4", "4"],      # deregistered, still in area
    ["E-HC1", d(0), "30", "0", "3", "2", "2.5", "0", "0"],
    ["N-NH1", d(-10), "60", "6", "1", "1", "1", "6", "3"],
])

table("fees", "la,service_type,effective_from,rate,unit,fair_cost_median", [
    [E, "residential_home", "2024-04-01", "700", "week", "800"],
    [E, "residential_home", d(1), "750", "week", "820"],
    [E, "nursing_home", "2024-04-01", "900", "week", "1000"],
    [E, "supported_living", "2024-04-01", "950", "week", "0"],      # no ratio to a fair cost of 0
    [E, "nursing_home", "2023-04-01", "850", "week", "950"],
    [E, "homecare", "2024-04-01", "22.5", "hour", ""],
])

table("indicators", "la,measure,period,value,england_value,margin_of_error,respondents,source,polarity", [
    [E, "m1", "2023 to 2024", "10", "12", "1.02", "300", "ASCS", "higher_better"],
    [E, "m1", "2024-25", "11", "10", "1.96", "310", "ASCS", "higher_better"],
    [E, "m2", "2024", "5", "7", "0", "", "SALT", "lower_better"],
    [E, "m2", "2023", "6", "7", "1", "", "SALT", "lower_better"],
    [E, "m3", "2025-03-31", "3.5", "", "", "", "sitrep", "lower_better"],
    [E, "m4", "2025", "1", "1", "1", "", "x", "higher_better"],
    [E, "m5", "2023/24", "", "40", "2", "100", "SACE", "higher_better"],
    [E, "with, a comma", "2022-23", "50", "45", "2.5", "200", "SACE", "lower_better"],
    [E, "m6", "2024-25", "20", "10", "4", "", "SACE", "lower_better"],
    [N, "m1", "2024-25", "9", "10", "0.5", "80", "ASCS", "higher_better"],
])

table("gaps", "gap_id,la,raised_on,raised_by_role,category,service_type,locality_id,description,status,owner,resolved_on", [
    ["G1", E, d(-10), "broker", "bariatric", "nursing_home", "ED-L1", "No beds", "open", "", ""],
    ["G2", E, d(1), "broker", "other", "", "", "Not yet", "open", "", ""],
    ["G3", E, d(-30), "social_worker", "other", "", "", "Resolved on T", "resolved", "", d(0)],
    ["G4", E, d(-400), "social_worker", "other", "", "", "Old", "resolved", "", d(-365)],
    ["G5", E, d(-41), "social_worker", "other", "", "", "Open", "in_progress", "", d(1)],
    ["G6", E, d(-3), "broker", "other", "", "", "Open", "open", "", ""],
    ["G7", E, d(-20), "broker", "other", "", "", "Open", "open", "", ""],
])


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    out = argv[1]
    os.makedirs(out, exist_ok=True)
    for name, (header, rows) in FILES.items():
        with open(os.path.join(out, name + ".csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            for r in rows:
                assert len(r) == len(header), (name, r)
                w.writerow(r)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
