#!/usr/bin/env bash
# Browser tests in real Chromium. CI runs this script; it exits non-zero on
# any failure.
#
# 1. Builds the release test server (crates/web/examples/web_demo.rs) if needed.
# 2. Starts it on a free loopback port over a fresh SQLite database holding the
#    generated demo council and the real ASCOF and CQC files in data/.
# 3. Runs browser.mjs (playwright-core driving /usr/bin/chromium; no browser
#    is ever downloaded), with axe-core on every page.
# Screenshots and axe results land in tests/browser/screenshots/.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

# Debian's Chromium; installed from Debian's packages when missing and this
# runs as root (as on CI machines).
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian's chromium" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "Chromium is missing: apt-get install -y chromium" >&2
  exit 1
fi

cargo build --release -p continuum-web --example web_demo
cargo build --release -p continuum
server="$root/target/release/examples/web_demo"
continuum="$root/target/release/continuum"

(cd "$here" && [ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] || PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)

work="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$server" --database "$work/demo.db" --listen 127.0.0.1:0 >"$work/server.json" 2>"$work/server.log" &
pid=$!
for _ in $(seq 1 600); do
  [ -s "$work/server.json" ] && break
  if ! kill -0 "$pid" 2>/dev/null; then cat "$work/server.log" >&2; exit 1; fi
  sleep 0.5
done
[ -s "$work/server.json" ] || { echo "the server did not start" >&2; cat "$work/server.log" >&2; exit 1; }

url="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).url)' "$work/server.json")"
logins="$(node -e 'console.log(JSON.stringify(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).logins))' "$work/server.json")"
echo "server at $url"

rm -rf "$here/screenshots"
BASE_URL="$url" LOGINS="$logins" SCREENSHOTS="$here/screenshots" node "$here/browser.mjs"

# The evidence pack as a standalone page: the demo council's, opened from a file.
"$continuum" --database "sqlite::memory:" generate --profile demo --seed 42 --out "$work/bundle" >/dev/null
"$continuum" --database "sqlite::memory:" report --la Anyshire --bundle "$work/bundle" --format html --out "$work/pack.html"
node "$here/report.mjs" "$work/pack.html" "$here/screenshots"
