#!/usr/bin/env python3
"""Reads every CSV file of a bundle into DuckDB tables, and nothing else.

    python3 bench/duckdb/read_only.py [--typed] BUNDLE_DIR

The baseline for import speed: DuckDB's plain read_csv (types detected by
DuckDB, `CREATE TABLE … AS SELECT * FROM read_csv(…)`), one table per file, in
memory, default settings (all cores). With --typed, the files are read the way
run.py reads them (bundle.py: the types of schema.sql, header order free).
Prints the rows and seconds of each file and the total.
"""

import os
import sys
import time

import duckdb

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bundle  # noqa: E402


def main(argv):
    args = argv[1:]
    typed = "--typed" in args
    args = [a for a in args if a != "--typed"]
    if len(args) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    src = args[0]
    con = duckdb.connect()
    started = time.perf_counter()
    if typed:
        counts = bundle.load(con, src)
        for table, n in counts.items():
            print(f"{table:20} {n:>10} rows")
    else:
        for table in bundle.FILES:
            path = os.path.join(src, table + ".csv")
            if not os.path.exists(path):
                continue
            t0 = time.perf_counter()
            con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv({bundle.quote_str(path)})")
            n = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            print(f"{table:20} {n:>10} rows {time.perf_counter() - t0:8.3f}s")
    total = time.perf_counter() - started
    rows = sum(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
               for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall())
    size = sum(os.path.getsize(os.path.join(src, f)) for f in os.listdir(src) if f.endswith(".csv"))
    print(f"duckdb {duckdb.__version__} read_csv{' (typed)' if typed else ''}: "
          f"{rows} rows, {size / 1e6:.1f} MB in {total:.3f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
