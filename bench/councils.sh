#!/usr/bin/env bash
# One council's evidence pack from the national SQLite database (run
# national.sh first), for every council in turn: the time to load the
# council's data from the store and to compute its pack, as the report command
# logs them, where the rows came from (the tables or the council's read
# model), and the whole command's wall time. Prints the distribution.
#
# The first run over a database without read models reads every council from
# the tables and keeps each as its read model; a second run reads the models.
# BENCH_DB names another database file in the scratch folder (a copy, say).
source "$(dirname "$0")/common.sh"
build
cd "$WORK"
DB="${BENCH_DB:-nat.db}"
test -f "$DB" || { echo "run bench/national.sh first" >&2; exit 1; }
out="$WORK/councils-${DB%.db}.tsv"
printf 'la\tpeople\tload_ms\tcompute_ms\twall_ms\tsource\n' > "$out"
python3 - "$WORK/national/authority.csv" "$WORK/national/people.csv" > "$WORK/.councils" <<'PY'
import csv, sys, collections
people = collections.Counter(r["person_id"].split("-")[0] for r in csv.DictReader(open(sys.argv[2])))
for r in csv.DictReader(open(sys.argv[1])):
    print(f'{r["la"]}\t{people.get(r["ons_code"], 0)}')
PY
while IFS=$'\t' read -r la people; do
  start=$(date +%s%N)
  line=$("$BIN" --database "sqlite://$WORK/$DB" --log info report --la "$la" --format json --out "$WORK/one.json" 2>&1 \
    | sed 's/\x1b\[[0-9;]*m//g' | grep -oE "load_ms=[0-9]+ compute_ms=[0-9]+( source=\"[a-z ]+\")?")
  wall=$(( ($(date +%s%N) - start) / 1000000 ))
  load=${line#load_ms=}; load=${load%% *}; compute=${line##*compute_ms=}; compute=${compute%% *}
  source=$(echo "$line" | grep -oE 'source="[a-z ]+"' | cut -d'"' -f2 || true)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$la" "$people" "$load" "$compute" "$wall" "${source:-tables}" >> "$out"
done < "$WORK/.councils"
python3 - "$out" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
pack = sorted(int(r["load_ms"]) + int(r["compute_ms"]) for r in rows)
wall = sorted(int(r["wall_ms"]) for r in rows)
q = lambda v, p: v[min(len(v) - 1, int(p * len(v)))]
print(f"{len(rows)} councils; load + compute ms: median {statistics.median(pack)}, "
      f"p90 {q(pack, .9)}, max {pack[-1]}; under 200 ms: {sum(v < 200 for v in pack)}")
print(f"whole command ms: median {statistics.median(wall)}, p90 {q(wall, .9)}, max {wall[-1]}; "
      f"under 200 ms: {sum(v < 200 for v in wall)}")
sources = {}
for r in rows:
    sources[r["source"]] = sources.get(r["source"], 0) + 1
print("rows from: " + ", ".join(f"{k} {v}" for k, v in sorted(sources.items())))
for r in sorted(rows, key=lambda r: -int(r["people"]))[:5]:
    print(f'  {r["la"]}: {r["people"]} people, load {r["load_ms"]} ms, compute {r["compute_ms"]} ms, command {r["wall_ms"]} ms ({r["source"]})')
PY
