import Foundation
import TrustPathCLI

/// `trustpath`: every verb lives in TrustPathCLI; this file only connects it to the process.
exit(CommandRunner.run(arguments: Array(CommandLine.arguments.dropFirst()), console: .standard))
