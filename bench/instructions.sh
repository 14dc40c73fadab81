#!/usr/bin/env bash
# Instructions executed for one council's evidence pack from the national
# SQLite database (run national.sh first), counted by valgrind's callgrind.
# Unlike wall time, the count is the same on a quiet or a busy machine, so
# changes can be compared across days and machines. It leaves out the
# kernel's work (page faults, reads). Usage: bench/instructions.sh [COUNCIL]
# The pack reads the council's read model when it has a current one (run the
# council's pack once first to keep one); BENCH_DB names another database
# file in the scratch folder.
source "$(dirname "$0")/common.sh"
build
cd "$WORK"
DB="${BENCH_DB:-nat.db}"
test -f "$DB" || { echo "run bench/national.sh first" >&2; exit 1; }
la="${1:-Kent}"
out="$WORK/callgrind.out"
valgrind --tool=callgrind --callgrind-out-file="$out" \
  "$BIN" --database "sqlite://$WORK/$DB" --log warn report --la "$la" --format json --out "$WORK/one.json" \
  2>&1 | grep -oE "Collected : [0-9]+" | sed "s/Collected :/$la: instructions in all:/"
callgrind_annotate --inclusive=yes "$out" 2>/dev/null \
  | grep -E "Store>::load_dataset::|Store>::load_pack_rows::|codec::decode |continuum_engine::evidence_pack |sqlite3_step |Cells>::text " \
  | sed -E 's/\?\?\?://; s/ \[.*//'
