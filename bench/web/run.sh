#!/usr/bin/env bash
# Load test of the web app with wrk, on loopback, over a national-size
# SQLite database: the evidence pack page, a register search and a location
# page, each at 64 connections. Prints requests/s and p50/p99/max latency, and
# the exact commands used, as Markdown for docs/PERFORMANCE.md.
#
#   bench/web/run.sh [DB] [COUNCIL]
#
# DB defaults to bench/out/web-national.db; it is made on first use with
# the test server's national profile (the synthetic national bundle, seed 1,
# scale 1: about 30,000 locations and 1.5 million people, plus the real ASCOF
# file). COUNCIL defaults to Kent, the largest.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
db="${1:-$root/bench/out/web-national.db}"
la="${2:-Kent}"
duration="${DURATION:-30s}"
conns="${CONNECTIONS:-64}"
threads="${THREADS:-2}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

cd "$root"
cargo build --release -p continuum-web --example web_demo
server="$root/target/release/examples/web_demo"
mkdir -p "$(dirname "$db")"
out="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$out"
}
trap cleanup EXIT

"$server" --profile national --scale 1 --database "$db" --la "$la" --listen 127.0.0.1:0 >"$out/server.json" 2>"$out/server.log" &
pid=$!
until [ -s "$out/server.json" ]; do
  kill -0 "$pid" 2>/dev/null || { cat "$out/server.log" >&2; exit 1; }
  sleep 1
done
base="$(sed -E 's/.*"url":"([^"]+)".*/\1/' "$out/server.json")"

# Signs in as a demo user; prints the session cookie.
sign_in() {
  local jar="$out/jar-$1"
  curl -s -c "$jar" -b "$jar" "$base/sign-in" -o "$out/form.html"
  local tok
  tok="$(grep -o 'name="csrf_token" value="[^"]*"' "$out/form.html" | sed 's/.*value="//;s/"//')"
  curl -s -c "$jar" -b "$jar" -o /dev/null -d "csrf_token=$tok&username=$1&password=demo-$1&next=/" "$base/sign-in"
  awk '$6 == "continuum_session" { print "continuum_session=" $7 }' "$jar"
}
leader="$(sign_in leader)"
commissioner="$(sign_in commissioner)"

# Warm up: the first evidence request computes the pack (timed here).
warm="$(curl -s -o /dev/null -w '%{time_total}' -b "$leader" "$base/evidence")"

# A commissioned location of the council with placements: the heaviest page.
location="$(curl -s -b "$leader" "$base/locations?risk=red" | grep -o 'href="/locations/[^"?]*"' | head -1 | sed 's/href="//;s/"//')"
[ -n "$location" ] || location="$(curl -s -b "$leader" "$base/locations" | grep -o 'href="/locations/[^"?]*"' | head -1 | sed 's/href="//;s/"//')"
search="/locations?q=care&service_type=residential_home&rating=good"

run() { # name cookie path
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $2" "$base$3")"
  [ "$code" = 200 ] || { echo "$base$3 answered $code, not 200: is the sign-in right?" >&2; exit 1; }
  local cmd="wrk -t$threads -c$conns -d$duration --latency -H 'Cookie: <session>' $base$3"
  wrk -t"$threads" -c"$conns" -d"$duration" --latency -H "Cookie: $2" "$base$3" >"$out/$1.txt"
  local rps p50 p99 max non2xx
  rps="$(awk '/Requests\/sec/ {print $2}' "$out/$1.txt")"
  p50="$(awk '$1 == "50%" {print $2}' "$out/$1.txt")"
  p99="$(awk '$1 == "99%" {print $2}' "$out/$1.txt")"
  max="$(awk '$1 == "Latency" {print $4; exit}' "$out/$1.txt")"
  non2xx="$(awk '/Non-2xx/ {print $5}' "$out/$1.txt")"
  echo "| $1 | \`$3\` | $rps | $p50 | $p99 | $max | ${non2xx:-0} |"
  echo "$cmd" >>"$out/commands"
}

# First views: 50 locations never opened before, one at a time (each reads
# the store; later views of the same location come from the cache).
for page in 1 2 3 4; do
  curl -s -b "$leader" "$base/api/v1/locations?status=all&page=$page" | grep -o '"location_id":"[^"]*"' | sed 's/.*:"//;s/"//' >>"$out/ids"
done
head -50 "$out/ids" | while read -r id; do
  curl -s -o /dev/null -w '%{time_total}\n' -b "$commissioner" "$base/locations/$id"
done | sort -n >"$out/cold"
cold_p50="$(awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]*1000}' "$out/cold")"
cold_max="$(awk '{m=$1} END {printf "%.1f", m*1000}' "$out/cold")"

echo "Council: $la; the first evidence page (loading the council and computing its pack) took ${warm}s; $(nproc) cores shared by wrk and the server."
echo
echo "| page | path | requests/s | p50 | p99 | max | non-2xx |"
echo "|---|---|---|---|---|---|---|"
run "evidence pack (leader)" "$leader" "/evidence"
run "register search (leader)" "$leader" "$search"
run "location page (leader, counts only)" "$leader" "$location"
run "location page (commissioner, placements listed and audited)" "$commissioner" "$location"
echo
echo "First views of 50 locations (commissioner, one at a time, nothing cached): p50 ${cold_p50}ms, max ${cold_max}ms."
echo
echo '```'
cat "$out/commands"
echo '```'
