import Dispatch

/// `work(i)` for i in 0..<count on `jobs` threads, results in index order. Each index is computed by
/// exactly one thread and written to its own slot, so the result does not depend on the number of
/// threads as long as `work(i)` depends on i only (bootstrap draws take their random stream from i).
public enum ParallelMap {
    /// `progress`, when given, is called from the first thread with the index just finished plus one.
    public static func run<T: Sendable>(count: Int, jobs: Int, progress: (@Sendable (Int) -> Void)? = nil,
                                        _ work: @Sendable (Int) -> T?) -> [T?] {
        var results = [T?](repeating: nil, count: count)
        let threads = max(1, min(jobs, count))
        results.withUnsafeMutableBufferPointer { buffer in
            let sink = DisjointWrites(buffer)
            DispatchQueue.concurrentPerform(iterations: threads) { job in
                for i in stride(from: job, to: count, by: threads) {
                    sink.buffer[i] = work(i)
                    if job == 0 { progress?(i + 1) }
                }
            }
        }
        return results
    }
}

/// Lets disjoint writes into one buffer cross `concurrentPerform`'s closure.
private struct DisjointWrites<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
    init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }
}
