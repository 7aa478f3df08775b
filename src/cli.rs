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
    /// syn-flood: connections the server holds in SYN-RECEIVED at most.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub syn_queue: u8,
    /// syn-flood: connections established and not yet accepted it holds at most.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub accept_queue: u8,
    /// syn-flood: SYNs the attacker sends from spoofed addresses.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub spoofs: u8,
    /// syn-flood: retransmissions of the client's SYN [default: enough to
    /// outlast the attack].
    #[arg(long, value_name = "N")]
    pub client_retries: Option<u8>,
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
    /// Stop once this many distinct states are known; verdicts not yet
    /// decided are reported `undecided` (exit status 3 if nothing is
    /// violated).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_states: Option<u64>,
    /// Explore paths of at most N steps; verdicts not yet decided are
    /// reported `undecided`.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_depth: Option<u64>,
    /// Stop once the process's resident memory passes SIZE (bytes, or with
    /// K, M, G, T: 512M, 4G); verdicts not yet decided are reported
    /// `undecided`. Default: three quarters of the machine's memory.
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub memory_limit: Option<u64>,
    /// Keep the states waiting to be explored encoded in memory (a third
    /// of their size, more time) rather than on disk in a temporary file:
    /// for a machine without a usable temporary directory (see
    /// docs/performance.md).
    #[arg(long)]
    pub compact_frontier: bool,
    /// Bitstate search (SPIN's supertrace): keep states as bits in an
    /// array of SIZE (bytes, or with K, M, G: 512M, 4G) instead of
    /// storing them, for models too large to store. Violations found are
    /// real; nothing is proven to hold (exit status 3), Eventually-
    /// properties are not checked, and the report estimates the states
    /// missed.
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub bitstate: Option<u64>,
    /// Hide the progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// A size in bytes: `4096`, `512K`, `512M`, `4G`, `1T` (powers of 1024;
/// `B`, `iB` and lower case accepted), at least 1 MiB.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size (e.g. 512M, 4G)"))?;
    let shift = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        "T" | "TB" | "TIB" => 40,
        _ => return Err(format!("`{text}`: unknown unit (use K, M, G or T)")),
    };
    let bytes = number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("`{text}` is too large"))?;
    if bytes < 1 << 20 {
        return Err(format!("`{text}` is below 1M: no check fits in it"));
    }
    Ok(bytes)
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
    /// "SYN-RECEIVED -> FIN-WAIT-1".
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
    /// Say nothing on stderr while the check runs.
    #[arg(long, short = 'q')]
    pub quiet: bool,
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
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("2048k"), Ok(2 << 20));
        // Below 1M no check fits: refused rather than stopping at once.
        for bad in ["", "G", "0", "6Q", "-1G", "99999999999T", "4096", "2k"] {
            assert!(parse_size(bad).is_err(), "{bad:?}");
        }
    }
}
