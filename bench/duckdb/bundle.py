"""Loads a Continuum bundle (a folder of CSV files, spec/bundle.md) into DuckDB.

The tables and their column types are those of schema.sql. Each file is read
with read_csv and explicit column types: the header decides the column order
(it is free in a bundle), a column the file lacks is NULL, an unknown column is
ignored, and an empty cell is NULL. A missing file leaves its table empty;
only authority.csv is required.
"""

import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# The files of a bundle, in the spec's order; each fills the table of its name.
FILES = [
    "authority", "localities", "population", "prevalence",
    "locations", "contracts", "capacity",
    "people", "requests", "placements", "reviews",
    "quality_assessments", "visits", "concerns", "sanctions",
    "handbacks", "workforce", "fees",
    "indicators", "gaps",
]


def sql_text(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return f.read()


def quote_ident(s):
    return '"' + s.replace('"', '""') + '"'


def quote_str(s):
    return "'" + s.replace("'", "''") + "'"


def header(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        row = next(csv.reader(f), [])
    return [c.strip() for c in row]


def load(con, bundle_dir):
    """Creates the bundle's tables in `con` and fills them from `bundle_dir`.
    Returns {table: rows}."""
    if not os.path.exists(os.path.join(bundle_dir, "authority.csv")):
        raise SystemExit(f"{bundle_dir}: no authority.csv; it is the one required file")
    con.execute(sql_text("schema.sql"))
    counts = {}
    for table in FILES:
        path = os.path.join(bundle_dir, table + ".csv")
        if not os.path.exists(path):
            counts[table] = 0
            continue
        types = dict(con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = ? ORDER BY ordinal_position", [table]).fetchall())
        cols = header(path)
        # Every column of the file gets a type (unknown ones are read as text
        # and dropped); only the known ones are inserted, by name.
        spec = ", ".join(
            f"{quote_str(c)}: {quote_str(types.get(c, 'VARCHAR'))}" for c in cols)
        known = [c for c in cols if c in types]
        select = ", ".join(quote_ident(c) for c in known)
        con.execute(
            f"INSERT INTO {table} BY NAME SELECT {select} FROM read_csv({quote_str(path)}, "
            f"header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', "
            f"nullstr = '', dateformat = '%Y-%m-%d', columns = {{{spec}}})")
        counts[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return counts
