import Foundation

/// A set of files written all or nothing: each is written to a temporary file in the target
/// directory, and only when every one is written are they renamed into place (rename(2) is atomic
/// within a directory). A failure removes the temporary files and leaves existing files untouched.
public struct OutputBundle: Sendable {
    private var files: [(name: String, contents: Data)] = []

    public init() {}

    /// Adds a text file (UTF-8), `name` relative to the directory given to ``write(to:)``.
    public mutating func add(_ name: String, _ contents: String) { files.append((name, Data(contents.utf8))) }

    /// Adds a binary file (an SPSS file).
    public mutating func add(_ name: String, data: Data) { files.append((name, data)) }

    public var fileNames: [String] { files.map(\.name) }

    /// Writes every file into `directory` (created if needed); returns their paths.
    @discardableResult
    public func write(to directory: String) throws(OutputError) -> [String] {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw OutputError.cannotCreateDirectory(path: directory, reason: OutputError.reason(error))
        }
        var staged: [(temporary: String, final: String)] = []
        let token = "\(ProcessInfo.processInfo.processIdentifier)"
        do {
            for file in files {
                let final = (directory as NSString).appendingPathComponent(file.name)
                let temporary = (directory as NSString).appendingPathComponent(".\(file.name).tmp-\(token)")
                staged.append((temporary, final))
                try file.contents.write(to: URL(fileURLWithPath: temporary))
            }
        } catch {
            for file in staged { try? manager.removeItem(atPath: file.temporary) }
            throw OutputError.cannotWrite(path: staged.last?.final ?? directory, reason: OutputError.reason(error))
        }
        for file in staged where rename(file.temporary, file.final) != 0 {
            let reason = String(cString: strerror(errno))
            for leftover in staged { try? manager.removeItem(atPath: leftover.temporary) }
            throw OutputError.cannotWrite(path: file.final, reason: reason)
        }
        return staged.map(\.final)
    }
}

/// An output could not be written.
public enum OutputError: Error, Equatable, Sendable {
    case cannotCreateDirectory(path: String, reason: String)
    case cannotWrite(path: String, reason: String)

    public var message: String {
        switch self {
        case .cannotCreateDirectory(let path, let reason): return "\(path): cannot create the output directory (\(reason))"
        case .cannotWrite(let path, let reason): return "\(path): cannot write the file (\(reason))"
        }
    }

    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
