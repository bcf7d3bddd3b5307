@_spi(JourneyIO) import JourneyCore

extension DirectCSVMiner {
    /// Where a CSV file comes from for the direct path: a plain file, or a decompressing stream.
    public enum Input {
        case file(String)
        /// `expectedBytes`: a guess at the decompressed size (as `mine(stream:)`).
        case stream(any ByteSource, expectedBytes: Int)
    }

    /// The template for several CSV files read as one log (a comparison's sides): the one
    /// `StageInference.resolve` gives for the general reader's table of all of them, in the
    /// order given (`miners[0]`'s template, stage mode and options decide), without loading
    /// them into an event table. Nil when any file must be read the general way.
    public static func sharedStages(_ miners: [DirectCSVMiner], inputs: [Input]) throws -> JourneyTemplate? {
        guard var first = miners.first, miners.count == inputs.count, miners.allSatisfy(\.applies) else { return nil }
        guard first.stageMode != .template else { return first.template }
        // One set of partitions for all files, so a case in two files lands in one partition.
        var bytes = 0
        for input in inputs {
            switch input {
            case .file(let path): bytes += try FileByteSource(path: path).size ?? 0
            case .stream(_, let expected): bytes += expected
            }
        }
        let bits = first.partitionBits ?? partitionBits(forBytes: bytes)
        var ranges: [RangeRead] = []
        for (miner, input) in zip(miners, inputs) {
            var m = miner
            m.partitionBits = bits
            let read: FileRead?
            switch input {
            case .file(let path): read = try m.readFile(path: path, progress: nil)
            case .stream(let source, let expected): read = try m.readStream(source, expectedBytes: expected, blockSize: DirectCSVMiner.streamBlockBytes, progress: nil)
            }
            guard var read else { return nil }
            ranges += read.takeRanges()
        }
        guard ranges.contains(where: { $0.events > 0 }) else { return nil }
        first.partitionBits = bits
        return try first.touchpoints(of: ranges).template
    }
}
