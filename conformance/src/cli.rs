//! The `conform`, `mutants` and `replay` commands, for the `synack` binary
//! to wire in: clap argument structs and one function per command.
//!
//! Reports go to stdout, progress (a bar, only on a terminal) and errors
//! to stderr. Exit status: 0 when the stack conforms (or every mutant is
//! killed), 1 when it does not, 2 on bad usage (an unknown stack, a script
//! that does not parse).
//!
//! ```
//! use clap::Parser;
//! use synack_conformance::cli::ConformArgs;
//! #[derive(Parser)]
//! struct Cli { #[command(flatten)] conform: ConformArgs }
//! let cli = Cli::parse_from(["synack", "--stack", "reference", "--cases", "8", "--format", "json"]);
//! assert_eq!(cli.conform.cases, 8);
//! ```

use crate::profile::Profile;
use crate::run::{run_case, Case};
use crate::stacks;
use crate::suite::{self, Options};
use crate::{report, script};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// Output format.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A table by state and event, failures with reproducers, a summary.
    Text,
    /// One JSON object.
    Json,
}

/// Which profile judges the stack.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileName {
    /// The model's own behaviour, exactly.
    Strict,
    /// Everything RFC 9293 leaves open that the endpoint can express.
    Lenient,
    /// smoltcp's own timers (TIME-WAIT 10 s) and its optional RFC 5961:
    /// what `docs/stacks/smoltcp.md` was measured with.
    #[cfg(feature = "smoltcp")]
    Smoltcp,
    /// Linux's own timers (TIME-WAIT 60 s) and optional checks: what
    /// `docs/stacks/linux.md` was measured with.
    #[cfg(all(feature = "linux", target_os = "linux"))]
    Linux,
}

impl ProfileName {
    fn profile(self) -> Profile {
        match self {
            ProfileName::Strict => Profile::strict(),
            ProfileName::Lenient => Profile::lenient(),
            #[cfg(feature = "smoltcp")]
            ProfileName::Smoltcp => crate::stacks::smoltcp::profile::profile(),
            #[cfg(all(feature = "linux", target_os = "linux"))]
            ProfileName::Linux => crate::stacks::linux::profile::profile(),
        }
    }
}

/// `synack conform`: run the suite against a built-in stack.
#[derive(Args, Debug, Clone)]
pub struct ConformArgs {
    /// The stack: `reference`, `mutant:NAME` or `faulty:NAME`.
    #[arg(long, value_name = "NAME")]
    pub stack: String,
    /// Random scripts to run after the matrix and the Figure 5 paths.
    #[arg(long, default_value_t = 64, value_name = "N")]
    pub cases: u32,
    /// Seed of the random scripts.
    #[arg(long, default_value_t = 0, value_name = "S")]
    pub seed: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// What the stack may do where RFC 9293 gives a choice.
    #[arg(long, value_enum, default_value_t = ProfileName::Strict)]
    pub profile: ProfileName,
    /// Milliseconds one case may take before the stack counts as hung.
    #[arg(long, default_value_t = 2000, value_name = "MS")]
    pub time_limit_ms: u64,
    /// Hide the progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Cases run side by side. Default: 8 for `linux` (its time is the
    /// kernel's real time, not a core's), else one a core.
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
}

/// `synack mutants`: the mutation score of the suite.
#[derive(Args, Debug, Clone)]
pub struct MutantsArgs {
    /// Output format: text, or JSON `{total, killed, survivors: [...]}`.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Random scripts per mutant, after the matrix and the Figure 5 paths.
    #[arg(long, default_value_t = 16, value_name = "N")]
    pub cases: u32,
    /// Hide the progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// `synack replay`: run a script again against a built-in stack.
#[derive(Args, Debug, Clone)]
pub struct ReplayArgs {
    /// The script (a reproducer printed by `synack conform`).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The stack: `reference`, `mutant:NAME` or `faulty:NAME`.
    #[arg(long, value_name = "NAME")]
    pub stack: String,
    /// What the stack may do where RFC 9293 gives a choice.
    #[arg(long, value_enum, default_value_t = ProfileName::Strict)]
    pub profile: ProfileName,
    /// Milliseconds the script may take before the stack counts as hung.
    #[arg(long, default_value_t = 2000, value_name = "MS")]
    pub time_limit_ms: u64,
}

/// A usage error: a one-line message for stderr, exit status 2.
fn usage(message: String) -> ExitCode {
    eprintln!("synack: {message}");
    ExitCode::from(2)
}

fn unknown_stack(name: &str) -> ExitCode {
    let names: Vec<String> = stacks::catalogue().into_iter().map(|(n, _)| n).collect();
    usage(format!(
        "unknown stack `{name}`; known: {}",
        names.join(", ")
    ))
}

fn bar(total: u64, quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    // ProgressBar::new draws on stderr, and only on a terminal.
    let bar = ProgressBar::new(total);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} cases {msg}") {
        bar.set_style(style);
    }
    bar
}

/// The stack called `name`, ready to run; else the exit status of a
/// one-line error: an unknown name, a stack that cannot run here.
fn stack(name: &str) -> Result<crate::Factory, ExitCode> {
    let make = stacks::by_name(name).ok_or_else(|| unknown_stack(name))?;
    stacks::ready(name).map_err(usage)?;
    Ok(make)
}

/// From now on, a panic on a case's thread (a stack under test failing,
/// which the case reports) prints nothing unless `RUST_BACKTRACE` is set;
/// any other panic (a bug of synack's) still prints as usual.
fn quiet_case_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let on_case = std::thread::current()
                .name()
                .is_some_and(|n| n.starts_with("case "));
            let backtrace = std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0");
            if !on_case || backtrace {
                previous(info);
            }
        }));
    });
}

/// Run `synack conform`.
pub fn conform(args: &ConformArgs) -> ExitCode {
    quiet_case_panics();
    let make = match stack(&args.stack) {
        Ok(make) => make,
        Err(code) => return code,
    };
    let options = Options {
        profile: args.profile.profile(),
        random_cases: args.cases,
        seed: args.seed,
        time_limit: Duration::from_millis(args.time_limit_ms),
        workers: args
            .jobs
            .map_or_else(|| stacks::workers(&args.stack), usize::from),
    };
    let progress = bar(0, args.quiet);
    let report = suite::run(&args.stack, &make, &options, &mut |p| {
        progress.set_length(p.total.max(p.done));
        progress.set_position(p.done);
    });
    progress.finish_and_clear();
    match args.format {
        Format::Text => print!("{}", report::text(&report)),
        Format::Json => println!("{}", report::json(&report)),
    }
    if report.conforms() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Run `synack mutants`.
pub fn mutants(args: &MutantsArgs) -> ExitCode {
    quiet_case_panics();
    let options = Options {
        random_cases: args.cases,
        ..Options::default()
    };
    let progress = bar(stacks::mutants::ALL.len() as u64, args.quiet);
    let score = suite::mutation_score(&options, &mut |name| {
        progress.set_message(name.to_string());
        progress.inc(1);
    });
    progress.finish_and_clear();
    match args.format {
        Format::Json => {
            let json = serde_json::json!({
                "total": score.total,
                "killed": score.killed,
                "survivors": score.survivors,
                "mutants": score.mutants,
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&json).expect("a score serializes")
            );
        }
        Format::Text => {
            println!(
                "{:<28} {:<13} {:>7}  killed by",
                "mutant", "state", "failed"
            );
            for m in &score.mutants {
                println!(
                    "{:<28} {:<13} {:>7}  {}",
                    m.name,
                    m.state,
                    m.failed_cases,
                    m.killed_by.as_deref().unwrap_or("SURVIVED")
                );
            }
            println!(
                "\nmutation score: {}/{} killed{}",
                score.killed,
                score.total,
                if score.survivors.is_empty() {
                    String::new()
                } else {
                    format!("; survivors: {}", score.survivors.join(", "))
                }
            );
        }
    }
    if score.survivors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Run `synack replay`.
pub fn replay(args: &ReplayArgs) -> ExitCode {
    quiet_case_panics();
    let make = match stack(&args.stack) {
        Ok(make) => make,
        Err(code) => return code,
    };
    let text = match std::fs::read_to_string(&args.file) {
        Ok(text) => text,
        Err(e) => return usage(format!("{}: {e}", args.file.display())),
    };
    let script = match script::parse(&text) {
        Ok(script) => script,
        Err(e) => return usage(format!("{}: {e}", args.file.display())),
    };
    let case = Case::from_script(&args.file.display().to_string(), &script);
    let limit = Duration::from_millis(args.time_limit_ms);
    let result = run_case(&case, &make, &args.profile.profile(), limit);
    if let Some(why) = &result.skipped {
        println!("{}: skipped: {why}", args.file.display());
        return ExitCode::SUCCESS;
    }
    match &result.deviation {
        None => {
            println!(
                "{}: {} events, no deviation",
                args.file.display(),
                script.lines.len()
            );
            for a in &result.accepted {
                println!("  accepted: {a}");
            }
            ExitCode::SUCCESS
        }
        Some(d) => {
            print!("{d}");
            ExitCode::from(1)
        }
    }
}
