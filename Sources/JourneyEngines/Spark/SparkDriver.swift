/// The PySpark program `spark-submit` runs for `--engine spark` (or Python runs, as a Spark
/// Connect client, for `--spark-master sc://…`): registers the input files as a temporary view
/// (`jm_input`) with a `rowid` column in file row order (the tie order of local mining), runs the statements of the query (settings first, the SELECT last), and
/// writes the result rows as CSV with a header while iterating them (`toLocalIterator`: one
/// partition at a time in the driver's memory). It reports its phases as `JM-PHASE …` lines on
/// standard output and a failure as one `JM-ERROR …` line, then exits 3.
///
/// Its one argument is a JSON file: `{"files": [...], "format": "csv|parquet|json",
/// "delimiter": ",", "view": "jm_input", "seq": "rowid", "statements": [...], "out": PATH,
/// "remote": "sc://host:15002" or null}`.
enum SparkDriver {
    static let source = #"""
import json, os, signal, sys

def phase(text):
    print("JM-PHASE " + text, flush=True)

def fail(text):
    line = " ".join(str(text).split())
    print("JM-ERROR " + line[:4000], flush=True)
    sys.exit(3)

def field(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = str(value)
    if text == "" or text[0] == " " or text[-1] == " " or any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text

connect = []

def stop(signum, frame):
    # Ctrl-C or SIGTERM from journeymap: a Connect server would go on running the query for
    # a detached client, so it is asked to interrupt it first.
    for spark in connect:
        try:
            spark.interruptAll()
        except BaseException:
            pass
    os._exit(128 + signum)

def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        job = json.load(f)
    signal.signal(signal.SIGTERM, stop)
    from pyspark.sql import SparkSession, functions as F
    if job.get("remote"):
        phase("connecting to " + job["remote"])
        spark = SparkSession.builder.remote(job["remote"]).getOrCreate()
        connect.append(spark)
        where = job["remote"]
    else:
        phase("starting Spark")
        spark = SparkSession.builder.appName("journeymap").getOrCreate()
        spark.sparkContext.setLogLevel("ERROR")
        where = spark.sparkContext.master
    phase("reading %d file(s) on %s" % (len(job["files"]), where))
    frames = []
    for path in job["files"]:
        if job["format"] == "parquet":
            frames.append(spark.read.parquet(path))
        elif job["format"] == "json":
            frames.append(spark.read.json(path))
        else:
            frames.append(spark.read.options(header="true", multiLine="true", escape='"', quote='"',
                                             sep=job["delimiter"], mode="FAILFAST", inferSchema="false",
                                             ).csv(path))
    events = frames[0]
    for more in frames[1:]:
        events = events.unionByName(more, allowMissingColumns=True)
    # Union keeps each input's partitions in order, and an unsplit file is one partition:
    # the id grows in file row order, so it orders ties as local mining does.
    events = events.withColumn(job["seq"], F.monotonically_increasing_id())
    events.createOrReplaceTempView(job["view"])
    statements = job["statements"]
    for statement in statements[:-1]:
        spark.sql(statement)
    phase("running the query")
    result = spark.sql(statements[-1])
    rows = 0
    with open(job["out"], "w", encoding="utf-8", newline="") as out:
        out.write(",".join(field(c) for c in result.columns) + "\n")
        for row in result.toLocalIterator():
            out.write(",".join(field(v) for v in row) + "\n")
            rows += 1
    phase("%d rows received" % rows)
    spark.stop()  # with Connect: releases this session on the server

try:
    main()
except SystemExit:
    raise
except BaseException as e:
    message = getattr(e, "desc", None) or str(e)
    fail(type(e).__name__ + ": " + message)
"""#
}
