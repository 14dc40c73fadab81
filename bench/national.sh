#!/usr/bin/env bash
# The national profile: generation, then import into SQLite and PostgreSQL
# (rows/s and peak memory), beside DuckDB reading the same CSV files.
source "$(dirname "$0")/common.sh"
build
cd "$WORK"
rm -rf national
read -r gen_s gen_kb < <(measure "$BIN" generate --profile national --seed 1 --scale 1 --out national)
rows=$(( $(cat national/*.csv | wc -l) - $(ls national/*.csv | wc -l) ))
echo "generate national --scale 1: $rows rows in ${gen_s}s ($(python3 -c "print(round($rows/$gen_s))") rows/s), peak ${gen_kb} KB"

rm -f nat.db nat.db-wal nat.db-shm
read -r sq_s sq_kb < <(measure "$BIN" --database sqlite://nat.db --log warn import bundle national)
echo "import into SQLite: ${sq_s}s ($(python3 -c "print(round($rows/$sq_s))") rows/s), peak ${sq_kb} KB"
# A council's database holds NHS England's ASCOF figures too (the real file,
# some 25,000 figures for every council): each pack compares with England
# and ranks among all councils on them.
"$BIN" --database sqlite://nat.db --log error import ascof "$DATA/ascof/ascof_2024_25.ods" >/dev/null 2>&1

url=$(fresh_pg bench_nat)
read -r pg_s pg_kb < <(measure "$BIN" --database "$url" --log warn import bundle national)
echo "import into PostgreSQL: ${pg_s}s ($(python3 -c "print(round($rows/$pg_s))") rows/s), peak ${pg_kb} KB"

read -r dk_s dk_kb < <(measure python3 "$ROOT/bench/duckdb/read_only.py" --typed national)
echo "DuckDB read_csv of the same files: ${dk_s}s ($(python3 -c "print(round($rows/$dk_s))") rows/s), peak ${dk_kb} KB"
