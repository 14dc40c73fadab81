#!/usr/bin/env python3
"""A national-size CQC "care directory with ratings" CSV, synthesised from the
real Lincolnshire file.

Every adult social care location of the real file is copied, with all its rows
(one per service group and domain), under new location and provider IDs and the
name of another council, until there are TARGET locations spread over the 153
councils of crates/synth/data/councils.csv. Everything else in each row is the
published text, quirks and all.

usage: cqc_national.py OUT.csv [TARGET_LOCATIONS]   (default 30000)
"""
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data/cqc/cqc_latest_ratings_lincolnshire_2026.csv"
COUNCILS = ROOT / "crates/synth/data/councils.csv"
ASC = {"Residential social care", "Community based adult social care services"}


def main():
    out = Path(sys.argv[1])
    target = int(sys.argv[2]) if len(sys.argv) > 2 else 30000
    with open(SOURCE, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [r for r in reader]
    col = {name: i for i, name in enumerate(header)}
    by_location = {}
    for r in rows:
        if r[col["Location Primary Inspection Category"]] in ASC:
            by_location.setdefault(r[col["Location ID"]], []).append(r)
    locations = sorted(by_location)
    with open(COUNCILS, newline="", encoding="utf-8") as f:
        councils = [c["name"] for c in csv.DictReader(f)]
    written = 0
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        n = 0
        while n < target:
            loc = locations[n % len(locations)]
            council = councils[n % len(councils)]
            new_id = f"1-7{n:010d}"
            for r in by_location[loc]:
                r = list(r)
                r[col["Location ID"]] = new_id
                r[col["Provider ID"]] = f"1-6{n // 3:010d}"
                r[col["Location Local Authority"]] = council
                r[col["URL"]] = f"http://www.cqc.org.uk/location/{new_id}"
                w.writerow(r)
                written += 1
            n += 1
    print(f"{target} locations, {written} rows -> {out}")


if __name__ == "__main__":
    main()
