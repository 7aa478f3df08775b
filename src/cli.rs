//! Command-line arguments.

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Model-check TCP connection management (RFC 9293) and print what holds.
#[derive(Parser, Debug)]
#[command(name = "synack", version, about, long_about = None, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Without a command, `synack` runs `check` with these arguments.
    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check scenarios exhaustively and print each property's verdict
    /// (the default command).
    Check(CheckArgs),
    /// List the scenarios.
    Scenarios,
    /// List the variants: the RFC protocol with one rule removed, and the
    /// question each answers.
    Variants,
    /// Which transitions of RFC 9293's Figure 5 the scenarios reach.
    Coverage(CoverageArgs),
    /// Serve stateright's Explorer on a scenario: step through it in a
    /// browser.
    Explore(ExploreArgs),
    /// Print docs/why.md: each seed question answered by a variant's
    /// shortest counterexample, as Mermaid diagrams.
    Why,
    /// Run the conformance suite against a TCP stack.
    Conform(synack_conformance::cli::ConformArgs),
    /// Run the conformance suite against every built-in mutant and print
    /// the mutation score.
    Mutants(synack_conformance::cli::MutantsArgs),
    /// Replay a reproducer script against a TCP stack.
    Replay(synack_conformance::cli::ReplayArgs),
}

#[derive(Args, Debug, Clone)]
pub struct CheckArgs {
    /// Scenario to check (repeatable); all of them if none is given.
    #[arg(long = "scenario", short = 's', value_name = "NAME")]
    pub scenarios: Vec<String>,
    /// Check a variant: the RFC protocol with one rule removed (see
    /// `synack variants`). Without --scenario, the scenarios where it is
    /// expected to fail.
    #[arg(long, value_name = "NAME")]
    pub variant: Option<String>,
    /// Segments the network may lose [default: 1, or what the variant needs].
    #[arg(long, value_name = "N")]
    pub losses: Option<u8>,
    /// Segments the network may duplicate.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub duplicates: u8,
    /// Segments the network may deliver out of order.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub reorders: u8,
    /// Maximum segment lifetime, in ticks; TIME-WAIT lasts twice this.
    #[arg(long, default_value_t = 2, value_name = "TICKS")]
    pub msl: u32,
    /// Retransmission timeout, in ticks (below 2×MSL).
    #[arg(long, default_value_t = 2, value_name = "TICKS")]
    pub rto: u32,
    /// Retransmissions before an endpoint gives a connection up.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub retries: u8,
    /// Worker threads for the exploration.
    #[arg(long, default_value_t = default_threads(), value_name = "N")]
    pub threads: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Also print the shortest trace of this property (a witness for a
    /// reachability property, a counterexample otherwise); repeatable.
    #[arg(long = "show", value_name = "PROPERTY")]
    pub show: Vec<String>,
    /// Stop at the end of the BFS level where a safety property first fails
    /// (its counterexample stays shortest; other verdicts may stay open).
    /// The default with --variant.
    #[arg(long, conflicts_with = "complete")]
    pub fail_fast: bool,
    /// Explore everything even with --variant.
    #[arg(long)]
    pub complete: bool,
    /// Explore mirror-image states separately where the hosts are
    /// interchangeable (symmetric-open), instead of one of each pair.
    #[arg(long)]
    pub no_symmetry: bool,
    /// Stop exploring before the check needs more memory than this (e.g.
    /// 8G, 500M, or bytes); verdicts then say what was decided so far.
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub memory_limit: Option<u64>,
    /// Keep the states waiting to be explored encoded: a third of their
    /// memory, more time (see docs/performance.md).
    #[arg(long)]
    pub compact_frontier: bool,
    /// Hide the progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// A size in bytes: a number, optionally followed by K, M, G or T (powers
/// of 1024).
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (digits, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => text.split_at(i),
        None => (text, ""),
    };
    let shift = match unit.to_ascii_uppercase().trim_end_matches(['B', 'I']) {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        "T" => 40,
        _ => return Err(format!("unknown unit {unit:?}: use K, M, G or T")),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("{text:?} is not a size such as 8G or 500M"))?;
    n.checked_mul(1 << shift)
        .filter(|&bytes| bytes > 0)
        .ok_or_else(|| format!("{text:?} is not a usable size"))
}

fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[derive(Args, Debug, Clone)]
pub struct ExploreArgs {
    /// Address to serve on (keep it on loopback).
    #[arg(long, default_value = "127.0.0.1:3000")]
    pub addr: String,
    /// Scenario to explore.
    #[arg(long, short = 's', default_value = "client-server")]
    pub scenario: String,
}

#[derive(Args, Debug, Clone)]
pub struct CoverageArgs {
    /// Print the shortest trace reaching this transition, e.g.
    /// "SYN_RCVD -> FIN_WAIT_1".
    #[arg(long, value_name = "TRANSITION")]
    pub show: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CoverageFormat::Text)]
    pub format: CoverageFormat,
    /// Segments the network may lose.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub losses: u8,
    /// Segments the network may duplicate.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub duplicates: u8,
    /// Segments the network may deliver out of order.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub reorders: u8,
    /// Worker threads.
    #[arg(long, default_value_t = default_threads(), value_name = "N")]
    pub threads: usize,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoverageFormat {
    /// A table.
    Text,
    /// A list of {transition, reached, scenario}.
    Json,
    /// The state diagram as reached, for Graphviz.
    Dot,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Tables and message sequence charts.
    Text,
    /// Tables, with each trace as a Mermaid sequence diagram.
    Mermaid,
    /// One JSON array with an object per scenario.
    Json,
}

#[cfg(test)]
mod size_tests {
    use super::parse_size;

    #[test]
    fn sizes_parse_with_binary_units_and_bad_ones_are_refused() {
        assert_eq!(parse_size("500M"), Ok(500 << 20));
        assert_eq!(parse_size("8G"), Ok(8 << 30));
        assert_eq!(parse_size("8GiB"), Ok(8 << 30));
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(parse_size("2k"), Ok(2048));
        for bad in ["", "G", "0", "6Q", "-1G", "99999999999T"] {
            assert!(parse_size(bad).is_err(), "{bad:?}");
        }
    }
}
