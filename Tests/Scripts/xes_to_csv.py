#!/usr/bin/env python3
"""An XES log (optionally gzipped) as CSV, for the engine tests: engines read tables and CSV,
not XES, so the shared XES logs are converted and loaded like the CSV ones.

One row per event, traces and events in file order (the tie order local mining keeps):
`case:concept:name` (the trace's concept:name), then every event attribute in the order first
seen (`concept:name`, `time:timestamp`, `org:resource`, ...), then every other trace attribute
as `case:KEY`. Values are written as the file has them (entities decoded); a missing attribute
is an empty field. Nested attributes and `<global>` defaults are ignored, as journeymap's
XESReader ignores them. The tests check the conversion: local mining of the CSV equals local
mining of the XES file, apart from `source`.

  xes_to_csv.py LOG.xes[.gz] OUT.csv
"""
import csv, gzip, sys
import xml.etree.ElementTree as ET


def local(tag):
    return tag.rsplit("}", 1)[-1]


def attributes(element):
    """The element's direct key/value children (string, date, int, float, boolean, id)."""
    out = {}
    for child in element:
        if local(child.tag) == "global":
            continue
        key, value = child.get("key"), child.get("value")
        if key is not None and value is not None and key not in out:
            out[key] = value
    return out


def main():
    source, target = sys.argv[1], sys.argv[2]
    opener = gzip.open if source.endswith(".gz") else open
    rows, event_keys, trace_keys = [], [], []
    with opener(source, "rb") as f:
        for _, element in ET.iterparse(f, events=("end",)):
            if local(element.tag) != "trace":
                continue
            trace = attributes(element)
            for k in trace:
                if k != "concept:name" and k not in trace_keys:
                    trace_keys.append(k)
            for event in element:
                if local(event.tag) != "event":
                    continue
                values = attributes(event)
                for k in values:
                    if k not in event_keys:
                        event_keys.append(k)
                rows.append((trace, values))
            element.clear()
    header = ["case:concept:name"] + event_keys + ["case:" + k for k in trace_keys]
    with open(target, "w", newline="", encoding="utf-8") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(header)
        for trace, values in rows:
            w.writerow([trace.get("concept:name", "")] + [values.get(k, "") for k in event_keys]
                       + [trace.get(k, "") for k in trace_keys])


if __name__ == "__main__":
    main()
