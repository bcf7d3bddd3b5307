#!/usr/bin/env python3
"""Runs `journeymap mine --engine sql --dialect clickhouse --table ev` queries in ClickHouse
(chDB, the ClickHouse engine embedded in a Python module: PyPI chdb-core), for the engine tests.

Loads LOG.csv into the table `ev`: every column Nullable(String) (an empty field is NULL, as
PostgreSQL's COPY reads it), named as in the header (an empty name is `_`), plus `seq`, the
row number from 1 in file order (the tie order local mining uses; mine with --tiebreak seq).
Then runs each QUERY.sql and writes its rows as CSV with a header (ClickHouse's CSVWithNames),
which `journeymap mine --aggregates ROWS.csv` reads. Prints chDB's version. Exit 2 when chdb
cannot be imported.

  chdb_mine.py LOG.csv QUERY.sql ROWS.csv [QUERY.sql ROWS.csv ...]
"""
import csv, sys

try:
    import chdb
    from chdb import session
except ImportError as e:
    print(f"chdb is not installed: {e} (pip install chdb-core)", file=sys.stderr)
    sys.exit(2)


def quote_identifier(name):
    return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`"


def quote_literal(text):
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def main():
    log, jobs = sys.argv[1], sys.argv[2:]
    if not jobs or len(jobs) % 2:
        sys.exit("usage: chdb_mine.py LOG.csv QUERY.sql ROWS.csv [QUERY.sql ROWS.csv ...]")
    with open(log, encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    structure = ", ".join(f"{quote_identifier(h or '_')} Nullable(String)" for h in header)
    s = session.Session()
    print(s.query("SELECT version()", "TabSeparated").bytes().decode().strip())
    s.query("CREATE TABLE ev ENGINE = MergeTree ORDER BY seq AS "
            "SELECT *, toInt64(rowNumberInAllBlocks()) + 1 AS seq "
            f"FROM file({quote_literal(log)}, 'CSVWithNames', {quote_literal(structure)}) "
            "SETTINGS max_threads = 1, input_format_csv_empty_as_default = 1, input_format_with_names_use_header = 0")
    for query, rows in zip(jobs[0::2], jobs[1::2]):
        with open(query, encoding="utf-8") as f:
            result = s.query(f.read(), "CSVWithNames")
        with open(rows, "wb") as out:
            out.write(result.bytes())


if __name__ == "__main__":
    main()
