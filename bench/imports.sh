#!/usr/bin/env bash
# Time to import each real published file into a fresh SQLite and PostgreSQL
# database, and a national-size CQC register (30,000 locations synthesised from
# the real Lincolnshire rows). hyperfine runs each import several times, each
# into a database emptied by --prepare.
source "$(dirname "$0")/common.sh"
build
cd "$WORK"
python3 "$ROOT/bench/cqc_national.py" "$WORK/cqc30k.csv" 30000

declare -A FILES=(
  [cqc-api]="$DATA/cqc/api_oldham"
  [cqc-ratings]="$DATA/cqc/cqc_latest_ratings_lincolnshire_2026.csv"
  [cqc-directory]="$DATA/cqc/cqc_directory_sample_20.csv"
  [ascof]="$DATA/ascof/ascof_2024_25.ods"
  [national-cqc-ratings]="$WORK/cqc30k.csv"
)
for kind in cqc-api cqc-ratings cqc-directory ascof national-cqc-ratings; do
  real_kind="${kind#national-}"
  path="${FILES[$kind]}"
  hyperfine --warmup 1 --runs 5 --export-json "$WORK/import-$kind-sqlite.json" \
    --prepare "rm -f $WORK/imp.db $WORK/imp.db-wal $WORK/imp.db-shm; $BIN --database sqlite://$WORK/imp.db migrate" \
    "$BIN --database sqlite://$WORK/imp.db --log warn import $real_kind $path"
  url=$(fresh_pg bench_imp)
  hyperfine --warmup 1 --runs 5 --export-json "$WORK/import-$kind-postgres.json" \
    --prepare "psql $PG/postgres -qc 'drop database if exists bench_imp with (force)'; psql $PG/postgres -qc 'create database bench_imp'; $BIN --database $url migrate" \
    "$BIN --database $url --log warn import $real_kind $path"
done

# ONS mid-year estimates need the councils they map to: each run starts from a
# database holding the national profile at scale 0.01 (153 councils).
rm -rf "$WORK/nat001"
"$BIN" generate --profile national --seed 1 --scale 0.01 --out "$WORK/nat001" >/dev/null
pop="$DATA/population/ons_mye_2024_lincolnshire.csv"
hyperfine --warmup 1 --runs 5 --export-json "$WORK/import-population-sqlite.json" \
  --prepare "rm -f $WORK/imp.db $WORK/imp.db-wal $WORK/imp.db-shm; $BIN --database sqlite://$WORK/imp.db --log warn import bundle $WORK/nat001" \
  "$BIN --database sqlite://$WORK/imp.db --log warn import population $pop"
url=$(fresh_pg bench_imp)
hyperfine --warmup 1 --runs 5 --export-json "$WORK/import-population-postgres.json" \
  --prepare "psql $PG/postgres -qc 'drop database if exists bench_imp with (force)'; psql $PG/postgres -qc 'create database bench_imp'; $BIN --database $url --log warn import bundle $WORK/nat001" \
  "$BIN --database $url --log warn import population $pop"
