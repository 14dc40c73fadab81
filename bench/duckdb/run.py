#!/usr/bin/env python3
"""Computes the evidence metrics of a bundle with DuckDB: the second implementation.

    python3 bench/duckdb/run.py BUNDLE_DIR OUT.csv

Loads the bundle (bundle.py, schema.sql), runs metrics.sql and writes the long
table: la, metric_id, value, numerator, denominator, england_value, variation,
one row per figure of every council of authority.csv that has an as_at date,
sorted by council and metric ID. Timings go to stderr.
"""

import os
import sys
import time

import duckdb

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bundle  # noqa: E402


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    src, out = argv[1], argv[2]
    started = time.perf_counter()
    con = duckdb.connect()  # in memory, default settings (all cores)
    counts = bundle.load(con, src)
    loaded = time.perf_counter()
    con.execute(bundle.sql_text("metrics.sql"))
    computed = time.perf_counter()
    tmp = out + ".tmp"
    con.execute(
        "COPY (SELECT la, metric_id, value, numerator, denominator, england_value, variation "
        "FROM m ORDER BY la, metric_id) TO " + bundle.quote_str(tmp)
        + " (FORMAT csv, HEADER true)")
    os.replace(tmp, out)
    rows = con.execute("SELECT count(*), count(DISTINCT la) FROM m").fetchone()
    done = time.perf_counter()
    print(
        f"duckdb {duckdb.__version__}: {sum(counts.values())} bundle rows, "
        f"{rows[1]} councils, {rows[0]} metric rows; "
        f"load {loaded - started:.3f}s, metrics {computed - loaded:.3f}s, "
        f"write {done - computed:.3f}s, total {done - started:.3f}s",
        file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
