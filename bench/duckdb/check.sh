#!/usr/bin/env bash
# The proof that the Rust engine and the DuckDB implementation agree.
#
#   bench/duckdb/check.sh [CONTINUUM_BINARY]
#
# Builds nothing. With the given binary (default: target/release/continuum of
# this repository, or $CONTINUUM_BIN), it generates the demo bundle (seed 42),
# the national bundle at --scale 0.01 (seed 1) and the hand-made edge bundle
# (edge_bundle.py) into a temporary folder, writes each one's long table twice
# (the engine's with `report --la ALL --format csv`, DuckDB's with run.py) and
# compares them with compare.py. Exits non-zero on any mismatch or failure.
#
# Environment: PYTHON (default python3, which needs the duckdb module),
# KEEP=1 keeps the temporary folder and prints where it is.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bin="${1:-${CONTINUUM_BIN:-$repo/target/release/continuum}}"
py="${PYTHON:-python3}"

if [[ ! -x "$bin" ]]; then
    echo "check.sh: no continuum binary at $bin; build it (cargo build --release -p continuum) or pass its path" >&2
    exit 2
fi
if ! "$py" -c "import duckdb" 2>/dev/null; then
    echo "check.sh: $py cannot import duckdb; pip install duckdb" >&2
    exit 2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/continuum-duckdb.XXXXXX")"
if [[ "${KEEP:-}" == 1 ]]; then
    echo "check.sh: files kept in $work"
else
    trap 'rm -rf "$work"' EXIT
fi

continuum() {
    CONTINUUM_LOG=warn "$bin" --database sqlite::memory: "$@"
}

"$py" "$here/edge_bundle.py" "$work/edge"
continuum generate --profile demo --seed 42 --out "$work/demo" >/dev/null
continuum generate --profile national --seed 1 --scale 0.01 --out "$work/national-0.01" >/dev/null

failed=0
for name in demo national-0.01 edge; do
    continuum report --la ALL --bundle "$work/$name" --format csv --out "$work/$name.engine.csv"
    "$py" "$here/run.py" "$work/$name" "$work/$name.duckdb.csv"
    if ! "$py" "$here/compare.py" "$work/$name.engine.csv" "$work/$name.duckdb.csv"; then
        failed=1
    fi
    echo
done

if [[ "$failed" == 1 ]]; then
    echo "check.sh: MISMATCH between the engine and DuckDB" >&2
    exit 1
fi
echo "check.sh: the engine and DuckDB agree on demo, national-0.01 and edge"
