import Foundation

/// Finds `spark-submit`: `$SPARK_HOME/bin/spark-submit`, else `spark-submit` on PATH, else the
/// one beside a `spark-sql` on PATH. pip's `pyspark` installs both into its environment's
/// `bin`; a Spark distribution has them in its `bin`.
enum SparkLocator {
    struct Found: Equatable {
        var sparkSubmit: String
        /// The Python beside it (a virtual environment's), used for the driver unless
        /// PYSPARK_PYTHON says otherwise: the one that has pyspark.
        var python: String?
    }

    /// With `connect`, only a Python that has pyspark is needed: PYSPARK_PYTHON, or the one
    /// beside spark-submit, or python3 on PATH.
    static func find(connect: Bool = false, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Found {
        if connect {
            if let python = environment["PYSPARK_PYTHON"] { return Found(sparkSubmit: "", python: python) }
            if let found = try? find(environment: environment), found.python != nil { return found }
            let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
            for dir in path where !dir.isEmpty {
                let p = (dir as NSString).appendingPathComponent("python3")
                if FileManager.default.isExecutableFile(atPath: p) { return Found(sparkSubmit: "", python: p) }
            }
            throw EngineError(engine: "spark", "no Python found for the Spark Connect client",
                              engineMessage: "set PYSPARK_PYTHON to a Python with `pip install pyspark[connect]`", category: .usage)
        }
        let fm = FileManager.default
        if let home = environment["SPARK_HOME"], !home.isEmpty {
            let submit = (home as NSString).appendingPathComponent("bin/spark-submit")
            guard fm.isExecutableFile(atPath: submit) else {
                throw EngineError(engine: "spark", "SPARK_HOME is \(home) but \(submit) is not there",
                                  engineMessage: "point SPARK_HOME at a Spark installation, or unset it to use spark-submit from PATH", category: .usage)
            }
            return Found(sparkSubmit: submit, python: pythonBeside(submit))
        }
        let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["spark-submit", "spark-sql"] {
            for dir in path where !dir.isEmpty {
                let candidate = (dir as NSString).appendingPathComponent(name)
                guard fm.isExecutableFile(atPath: candidate) else { continue }
                let submit = (dir as NSString).appendingPathComponent("spark-submit")
                if fm.isExecutableFile(atPath: submit) { return Found(sparkSubmit: submit, python: pythonBeside(submit)) }
            }
        }
        throw EngineError(engine: "spark", "no Spark found",
                          engineMessage: "set SPARK_HOME to a Spark installation, or put spark-submit (or spark-sql) on PATH — `pip install pyspark` gives both; Spark needs Java 17 or later",
                          category: .usage)
    }

    private static func pythonBeside(_ submit: String) -> String? {
        let dir = (submit as NSString).deletingLastPathComponent
        for name in ["python3", "python"] {
            let p = (dir as NSString).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }
}
