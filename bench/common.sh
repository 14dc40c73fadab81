# Shared by the benchmark scripts: paths, the release binary, a scratch folder,
# and fresh PostgreSQL databases.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# BENCH_BIN runs another build (an earlier commit's, say) instead.
BIN="${BENCH_BIN:-$ROOT/target/release/continuum}"
DATA="${CONTINUUM_SHARED_DATA:-$ROOT/data}"
WORK="${BENCH_DIR:-$ROOT/bench/out}"
PG="${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}"
mkdir -p "$WORK"

build() {
  test -n "${BENCH_BIN:-}" || (cd "$ROOT" && cargo build --release -p continuum >&2)
}

# A fresh, empty PostgreSQL database named $1; prints its URL.
fresh_pg() {
  psql "$PG/postgres" -qc "drop database if exists $1 with (force)" >/dev/null 2>&1 || true
  psql "$PG/postgres" -qc "create database $1" >/dev/null
  echo "$PG/$1"
}

# Peak memory (KB) and wall seconds of a command: "wall_s peak_kb".
measure() {
  /usr/bin/time -f "%e %M" -o "$WORK/.time" "$@" >/dev/null 2>&1
  cat "$WORK/.time"
}
