import Foundation

/// Runs a command and waits for it with `posix_spawn` and `waitpid`, so the measured time is the
/// child's own: Foundation's `Process.waitUntilExit` polls a run loop and rounds short runs up to
/// about 100 ms on Linux. Standard output goes to /dev/null.
enum ChildProcess {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Wall-clock seconds the command took; throws when it cannot start or exits non-zero.
    static func time(_ executable: String, _ arguments: [String]) throws -> Double {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let status = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard status == 0 else { throw Failure(description: "cannot start \(executable): \(String(cString: strerror(status)))") }
        var exitStatus: Int32 = 0
        waitpid(pid, &exitStatus, 0)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard exitStatus == 0 else { throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) failed (status \(exitStatus))") }
        return elapsed
    }
}
