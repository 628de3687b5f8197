import ArgumentParser
import Foundation
import TrustPathReport
import TrustPathSurvey

/// `trustpath instrument`: instrument files.
struct InstrumentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instrument",
        abstract: "Work with instrument files (constructs and their items).",
        subcommands: [InstrumentDraftCommand.self]
    )
}

/// `trustpath instrument draft DATA`: an instrument.yaml skeleton from a (labelled) data file.
struct InstrumentDraftCommand: TrustPathVerb {
    static let configuration = CommandConfiguration(
        commandName: "draft",
        abstract: "Draft an instrument.yaml from a data file's variable names and labels.",
        discussion: """
            Numeric columns whose names share a prefix followed by a number (ha1..ha4, PT_1..PT_4, Q3_1..Q3_5) \
            become one construct each, coded by the prefix in capitals; an item's wording is its variable label \
            (as zh when it holds Chinese characters, else en); the scale is the range of the items' value labels, \
            else of their answers. Columns that fit no group are listed as comments. Review the draft: names, \
            definitions, sources and reverse-keyed items are left for you to fill in.

            Example:
              trustpath instrument draft responses.sav --out instrument.yaml
            """
    )

    @Argument(help: "The data file (SPSS, Stata, Excel, a platform export or CSV).")
    var data: String

    @OptionGroup var dataOptions: DataOptions

    @Option(help: ArgumentHelp("Where to write the draft (default: print it).", valueName: "file"))
    var out: String?

    func execute(console: Console) throws {
        let survey = try dataOptions.read(data)
        let text = InstrumentDraft(survey).yaml
        if let out {
            var bundle = OutputBundle()
            bundle.add((out as NSString).lastPathComponent, text)
            try bundle.write(to: (out as NSString).deletingLastPathComponent.isEmpty ? "." : (out as NSString).deletingLastPathComponent)
            console.write("Wrote \(out)\n")
        } else {
            console.write(text)
        }
    }
}
