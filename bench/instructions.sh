#!/usr/bin/env bash
# Instructions executed for one council's evidence pack from the national
# SQLite database (run national.sh first), counted by valgrind's callgrind.
# Unlike wall time, the count is the same on a quiet or a busy machine, so
# changes can be compared across days and machines. It leaves out the
# kernel's work (page faults, reads). Usage: bench/instructions.sh [COUNCIL]
source "$(dirname "$0")/common.sh"
build
cd "$WORK"
test -f nat.db || { echo "run bench/national.sh first" >&2; exit 1; }
la="${1:-Kent}"
out="$WORK/callgrind.out"
valgrind --tool=callgrind --callgrind-out-file="$out" \
  "$BIN" --database "sqlite://$WORK/nat.db" --log warn report --la "$la" --format json --out "$WORK/one.json" \
  2>&1 | grep -oE "Collected : [0-9]+" | sed "s/Collected :/$la: instructions in all:/"
callgrind_annotate --inclusive=yes "$out" 2>/dev/null \
  | grep -E "Store>::load_dataset::|continuum_engine::evidence_pack |sqlite3_step |Cells>::text " \
  | sed -E 's/\?\?\?://; s/ \[.*//'
