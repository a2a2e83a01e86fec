import ArgumentParser

/// `recall-bench`: helpers for `scripts/bench-http` — a baseline server and a store seeder. Not part of Recall.
@main
struct RecallBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recall-bench",
        abstract: "Benchmark helpers for scripts/bench-http (not part of Recall itself).",
        subcommands: [Baseline.self, Seed.self]
    )
}
