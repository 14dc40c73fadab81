#!/usr/bin/env bash
# Time to import each real published file into a fresh SQLite and PostgreSQL
# database, and a national-size CQC register (30,000 locations synthesised from
# the real Lincolnshire rows). hyperfine runs each import several times, each
# into a database emptied by --prepare.
source "$(dirname "$0")/common.sh"
build
cd "$WORK"
python3 "$ROOT/bench/cqc_national.py" "$WORK/cqc30k.csv" 30000

# time_import NAME KIND PATH [BUNDLE]: `import KIND PATH` into a fresh SQLite
# and a fresh PostgreSQL database, each first loaded with BUNDLE when given.
time_import() {
  local name="$1" kind="$2" path="$3" seed="${4:-}"
  local sq="sqlite://$WORK/imp.db" pg
  pg=$(fresh_pg bench_imp)
  local setup_sq="$BIN --database $sq migrate" setup_pg="$BIN --database $pg migrate"
  if [ -n "$seed" ]; then
    setup_sq="$BIN --database $sq --log warn import bundle $seed"
    setup_pg="$BIN --database $pg --log warn import bundle $seed"
  fi
  hyperfine --warmup 1 --runs 5 --export-json "$WORK/import-$name-sqlite.json" \
    --prepare "rm -f $WORK/imp.db $WORK/imp.db-wal $WORK/imp.db-shm; $setup_sq" \
    "$BIN --database $sq --log warn import $kind $path"
  hyperfine --warmup 1 --runs 5 --export-json "$WORK/import-$name-postgres.json" \
    --prepare "psql $PG/postgres -qc 'drop database if exists bench_imp with (force)'; psql $PG/postgres -qc 'create database bench_imp'; $setup_pg" \
    "$BIN --database $pg --log warn import $kind $path"
}

time_import cqc-api cqc-api "$DATA/cqc/api_oldham"
time_import cqc-ratings cqc-ratings "$DATA/cqc/cqc_latest_ratings_lincolnshire_2026.csv"
time_import cqc-directory cqc-directory "$DATA/cqc/cqc_directory_sample_20.csv"
time_import ascof ascof "$DATA/ascof/ascof_2024_25.ods"
time_import national-cqc-ratings cqc-ratings "$WORK/cqc30k.csv"

# ONS mid-year estimates need the councils they map to: each run starts from a
# database holding the national profile at scale 0.01 (153 councils).
rm -rf "$WORK/nat001"
"$BIN" generate --profile national --seed 1 --scale 0.01 --out "$WORK/nat001" >/dev/null
time_import population population "$DATA/population/ons_mye_2024_lincolnshire.csv" "$WORK/nat001"
