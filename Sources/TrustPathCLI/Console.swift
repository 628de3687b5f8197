import Foundation

/// Where a command writes: standard output for results, standard error for messages.
/// Tests give a console that records both.
public struct Console: Sendable {
    public let write: @Sendable (String) -> Void
    public let writeError: @Sendable (String) -> Void
    /// Whether standard error is a terminal (progress bars are drawn only then).
    public let isTerminal: Bool

    public init(write: @escaping @Sendable (String) -> Void, writeError: @escaping @Sendable (String) -> Void, isTerminal: Bool = false) {
        self.write = write
        self.writeError = writeError
        self.isTerminal = isTerminal
    }

    /// The process's standard output and standard error.
    public static let standard = Console(
        write: { FileHandle.standardOutput.write(Data($0.utf8)) },
        writeError: { FileHandle.standardError.write(Data($0.utf8)) },
        isTerminal: isatty(STDERR_FILENO) != 0
    )
}
