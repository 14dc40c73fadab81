#!/usr/bin/env bash
# The evidence pack: every council from the national bundle's files against
# DuckDB computing the same metrics from the same files (run national.sh
# first), and a middling and the largest council from the national SQLite
# database.
source "$(dirname "$0")/common.sh"
build
cd "$WORK"
test -d national || { echo "run bench/national.sh first" >&2; exit 1; }
hyperfine --warmup 1 --runs 5 --export-json "$WORK/report-all.json" \
  -n continuum "$BIN --log warn report --la ALL --bundle national --format json --out $WORK/all.json" \
  -n duckdb "python3 $ROOT/bench/duckdb/run.py national $WORK/all.duckdb.csv"
read -r c_s c_kb < <(measure "$BIN" --log warn report --la ALL --bundle national --format json --out "$WORK/all.json")
read -r d_s d_kb < <(measure python3 "$ROOT/bench/duckdb/run.py" national "$WORK/all.duckdb.csv")
echo "peak memory: continuum ${c_kb} KB, duckdb ${d_kb} KB"

# Every council, one at a time: bench/councils.sh.
test -f nat.db || { echo "run bench/national.sh first" >&2; exit 1; }
hyperfine --warmup 2 --runs 10 --export-json "$WORK/report-one.json" \
  "$BIN --database sqlite://$WORK/nat.db --log warn report --la Medway --format json --out $WORK/one.json" \
  "$BIN --database sqlite://$WORK/nat.db --log warn report --la Kent --format json --out $WORK/one.json"
