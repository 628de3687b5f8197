import Foundation

/// A one-line progress bar on standard error, redrawn in place; for terminals only.
final class ProgressBar: @unchecked Sendable {
    private let total: Int
    private let label: String
    private let console: Console
    private let lock = NSLock()
    private var shownPercent = -1

    init(total: Int, label: String, console: Console) {
        self.total = max(1, total)
        self.label = label
        self.console = console
    }

    /// `done` of `total` finished; redraws when the percentage changes.
    func update(_ done: Int) {
        let percent = min(100, done * 100 / total)
        lock.lock()
        defer { lock.unlock() }
        guard percent != shownPercent else { return }
        shownPercent = percent
        let width = 30, filled = percent * width / 100
        console.writeError("\r\(label) [" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] \(percent)%")
    }

    func finish() {
        update(total)
        console.writeError("\n")
    }
}
