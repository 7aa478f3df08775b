//! `synack`: model-check TCP connection management (RFC 9293).
//!
//! `cargo run --release` checks every scenario at the default bounds and
//! exits 0 iff every property is proven to hold; 1 if one is violated (or
//! a reachability property unreached); 2 on bad usage; 3 if nothing is
//! violated but a bound (`--max-states`, `--max-depth`, `--memory-limit`)
//! left some verdict undecided.

mod cli;
mod coverage;
mod explore;
mod report;
mod run;
mod why;

use clap::Parser;

use cli::{CheckArgs, Cli, Command, Format};
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command.unwrap_or(Command::Check(cli.check)) {
        Command::Check(args) => check(&args),
        Command::Scenarios => {
            for s in synack_model::model::scenario::all() {
                println!("{:<20} {}", s.name, s.summary);
            }
            let flood = synack_model::model::flood::NAME;
            println!("{flood:<20} {}", synack_model::model::flood::SUMMARY);
            Ok(ExitCode::SUCCESS)
        }
        Command::Variants => {
            for v in synack_model::model::variant::ALL {
                println!("{:<20} {} ({})", v.name, v.question, v.claims);
                println!("{:<20} removes: {}", "", v.change);
                for e in v.expect {
                    println!(
                        "{:<20} expected: {} fails in {}",
                        "", e.property, e.scenario
                    );
                }
                let flood = synack_model::model::flood::EXPECT.iter();
                for (_, property) in flood.filter(|(name, _)| *name == v.name) {
                    let scenario = synack_model::model::flood::NAME;
                    println!("{:<20} expected: {property} fails in {scenario}", "");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Coverage(args) => coverage::run(&args),
        Command::Explore(args) => explore::run(&args),
        Command::Why => {
            print!("{}", why::document(2));
            Ok(ExitCode::SUCCESS)
        }
        Command::Conform(args) => Ok(synack_conformance::cli::conform(&args)),
        Command::Mutants(args) => Ok(synack_conformance::cli::mutants(&args)),
        Command::Replay(args) => Ok(synack_conformance::cli::replay(&args)),
    };
    match result {
        Ok(code) => code,
        Err(run::UsageError(msg)) => {
            eprintln!("synack: {msg}");
            ExitCode::from(2)
        }
    }
}

fn check(args: &CheckArgs) -> Result<ExitCode, run::UsageError> {
    let bounds = run::bounds(args)?;
    let variant = run::variant(args)?;
    let plan = run::plan(args, bounds, variant)?;
    let models: Vec<_> = plan
        .into_iter()
        .map(|job| run::model(job, variant, args))
        .collect();
    run::shows(args, &models)?;
    if let Some(warning) = models.iter().find_map(|m| run::bounds_warning(m.bounds())) {
        eprintln!("synack: {warning}");
    }
    let start = Instant::now();
    let mut reports = Vec::new();
    for model in models {
        let r = run::check_planned(model, variant, args);
        // Stopping at a variant's first violation is the point of it; a
        // bound on work that stopped the check is worth a line of its own.
        if r.stopped == Some("bitstate") {
            eprintln!(
                "synack: {}: a bitstate search proves no verdict but violations and witnesses: {} undecided",
                r.scenario,
                r.count("undecided")
            );
        } else if let Some(bound) = r.stopped.filter(|s| *s != "first-violation") {
            eprintln!(
                "synack: {}: stopped at --{bound}: {} verdict(s) undecided",
                r.scenario,
                r.count("undecided")
            );
        }
        if args.format != Format::Json {
            println!("{}", report::text(&r, args.format == Format::Mermaid));
        }
        reports.push(r);
    }
    let count = |v: &str| reports.iter().map(|r| r.count(v)).sum::<usize>();
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&reports).expect("reports serialize")
        ),
        Format::Text | Format::Mermaid => {
            let props: usize = reports.iter().map(|r| r.properties.len()).sum();
            let states: usize = reports.iter().map(|r| r.distinct_states).sum();
            println!(
                "{} scenario(s), {} distinct states, {} properties: {} in {:.1} s",
                reports.len(),
                report::thousands(states as u64),
                props,
                report::summary(&reports),
                start.elapsed().as_secs_f64()
            );
        }
    }
    // 0 only when everything is proven; a refutation outranks what a bound
    // left open.
    Ok(if count("violated") + count("unreached") > 0 {
        ExitCode::from(1)
    } else if count("undecided") > 0 {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    })
}
