//! The three commands as the `synack` binary will have them, runnable
//! before it does: `cargo run --release -p synack-conformance --example
//! conform -- conform --stack reference`.

use clap::{Parser, Subcommand};
use std::process::ExitCode;
use synack_conformance::cli;

/// Check TCP stacks against synack's endpoint.
#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the conformance suite against a built-in stack.
    Conform(cli::ConformArgs),
    /// Run the suite against every mutant and print the mutation score.
    Mutants(cli::MutantsArgs),
    /// Replay a script against a built-in stack.
    Replay(cli::ReplayArgs),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Conform(args) => cli::conform(&args),
        Command::Mutants(args) => cli::mutants(&args),
        Command::Replay(args) => cli::replay(&args),
    }
}
