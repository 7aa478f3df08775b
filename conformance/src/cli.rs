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

use crate::baseline::{self, Baseline};
use crate::profile::Profile;
use crate::report;
use crate::stacks;
use crate::suite::{self, Options};
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
    /// JUnit XML for CI: a testcase a case; fail and non-strict
    /// deviations outside the baseline are failures (`conform` only).
    Junit,
    /// One self-contained HTML page (`conform` only).
    Html,
}

/// Whose declared facts (timer values, options on) the oracle starts
/// from. What RFC 9293 permits is accepted whatever the profile.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileName {
    /// The model's endpoint: RTO 2 ticks, TIME-WAIT 4, RFC 5961 on.
    Model,
    /// smoltcp's facts (TIME-WAIT 10 s = 20 ticks, RTO backed off, no R2).
    #[cfg(feature = "smoltcp")]
    Smoltcp,
    /// Linux's facts (TIME-WAIT 60 s = 120 ticks, RTO backed off).
    #[cfg(all(feature = "linux", target_os = "linux"))]
    Linux,
}

impl ProfileName {
    /// The profile a built-in stack declares, if it declares one.
    fn of_stack(stack: &str) -> ProfileName {
        match stack {
            #[cfg(feature = "smoltcp")]
            "smoltcp" => ProfileName::Smoltcp,
            #[cfg(all(feature = "linux", target_os = "linux"))]
            "linux" => ProfileName::Linux,
            _ => ProfileName::Model,
        }
    }

    fn profile(self) -> Profile {
        match self {
            ProfileName::Model => Profile::strict(),
            #[cfg(feature = "smoltcp")]
            ProfileName::Smoltcp => crate::stacks::smoltcp::profile::profile(),
            #[cfg(all(feature = "linux", target_os = "linux"))]
            ProfileName::Linux => crate::stacks::linux::profile::profile(),
        }
    }
}

/// The help of `--stack`: every built-in stack this binary has (`smoltcp`
/// and `linux` are features), one a line in the long help.
pub fn stack_help(long: bool) -> String {
    let all = stacks::catalogue();
    let mutants: Vec<&str> = all
        .iter()
        .filter_map(|(n, _)| n.strip_prefix("mutant:"))
        .collect();
    if !long {
        let names: Vec<&str> = all
            .iter()
            .map(|(n, _)| n.as_str())
            .filter(|n| !n.starts_with("mutant:"))
            .collect();
        return format!(
            "The stack: {}, or mutant:NAME ({} mutants); or a driver instead (--driver)",
            names.join(", "),
            mutants.len()
        );
    }
    let mut text = String::from("The stack under test, one of:\n");
    for (name, what) in all.iter().filter(|(n, _)| !n.starts_with("mutant:")) {
        text.push_str(&format!("  {name:<16} {what}\n"));
    }
    text.push_str(&format!(
        "  mutant:NAME      the reference with one RFC rule broken (`synack mutants`); NAME one of: {}\n",
        mutants.join(", ")
    ));
    text.push_str("Or a stack in any language instead: --driver 'CMD ARGS'.");
    text
}

/// Which stack: a built-in one or a driver, exactly one of the two.
#[derive(Args, Debug, Clone, Default)]
pub struct TargetArgs {
    /// The stack: a built-in one ([`stack_help`] lists them), or a driver
    /// instead (`--driver`).
    #[arg(
        long,
        value_name = "NAME",
        required_unless_present = "driver",
        conflicts_with = "driver",
        help = stack_help(false),
        long_help = stack_help(true)
    )]
    pub stack: Option<String>,
    /// A stack in any language: the command of a driver process speaking
    /// docs/driver-protocol.md, split into words without a shell (quote
    /// with '...' or "..."): `--driver 'python3 drivers/example/closed_port.py'`.
    #[arg(long, value_name = "'CMD ARGS'")]
    pub driver: Option<String>,
}

/// `synack conform`: run the suite against a built-in stack or a driver.
#[derive(Args, Debug, Clone)]
pub struct ConformArgs {
    /// The stack under test.
    #[command(flatten)]
    pub target: TargetArgs,
    /// Random scripts to run after the matrix and the Figure 5 paths.
    #[arg(long, default_value_t = 64, value_name = "N")]
    pub cases: u32,
    /// Seed of the random scripts.
    #[arg(long, default_value_t = 0, value_name = "S")]
    pub seed: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Whose declared facts (timers, options on) judge the stack. Default:
    /// the stack's own (`smoltcp`, `linux`), else the model's.
    #[arg(long, value_enum)]
    pub profile: Option<ProfileName>,
    /// Milliseconds one case may take before the stack counts as hung.
    /// Default: 8000 for `linux` (real time), else 2000.
    #[arg(long, value_name = "MS", value_parser = clap::value_parser!(u64).range(1..))]
    pub time_limit_ms: Option<u64>,
    /// Hide the progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Cases run side by side. Default: 8 for `linux` (its time is the
    /// kernel's real time, not a core's), else one a core.
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Known deviations (a file `--write-baseline` wrote): reported, but a
    /// known fail fails no run; new ones and ones no longer seen are listed.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write every deviation found to FILE as a baseline.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Stop the run after N cases in a row in which the stack hung (each
    /// costs the time limit and a thread); the cases left are reported as
    /// not run and the run fails. 0: run every case whatever happens.
    #[arg(long, default_value_t = crate::hangs::DEFAULT_MAX_HANGS, value_name = "N")]
    pub max_hangs: u32,
}

/// `synack mutants`: the mutation score of the suite.
#[derive(Args, Debug, Clone)]
pub struct MutantsArgs {
    /// Output format: text, or JSON `{total, killed, survivors: [...]}`
    /// (`junit` and `html` are `conform`'s only).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Random scripts per mutant, after the matrix and the Figure 5 paths.
    #[arg(long, default_value_t = 16, value_name = "N")]
    pub cases: u32,
    /// Hide the progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// `synack replay`: run a script again against a built-in stack or a
/// driver.
#[derive(Args, Debug, Clone)]
pub struct ReplayArgs {
    /// The script (a reproducer printed by `synack conform`).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The stack under test.
    #[command(flatten)]
    pub target: TargetArgs,
    /// Whose declared facts (timers, options on) judge the stack. Default:
    /// the stack's own (`smoltcp`, `linux`), else the model's.
    #[arg(long, value_enum)]
    pub profile: Option<ProfileName>,
    /// Milliseconds the script may take before the stack counts as hung.
    /// Default: 8000 for `linux` (real time), else 2000.
    #[arg(long, value_name = "MS", value_parser = clap::value_parser!(u64).range(1..))]
    pub time_limit_ms: Option<u64>,
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
/// which the case reports in one line) prints nothing; with
/// `RUST_BACKTRACE` set, the first one prints as usual with its backtrace,
/// once for the whole run, and later ones nothing. Any other panic (a bug
/// of synack's) still prints as usual.
fn quiet_case_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        let shown = std::sync::atomic::AtomicBool::new(false);
        std::panic::set_hook(Box::new(move |info| {
            let on_case = std::thread::current()
                .name()
                .is_some_and(|n| n.starts_with("case "));
            if !on_case {
                return previous(info);
            }
            let backtrace = std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0");
            if backtrace && !shown.swap(true, std::sync::atomic::Ordering::Relaxed) {
                previous(info);
                eprintln!(
                    "synack: the stack under test panicked (above, with RUST_BACKTRACE's backtrace); \
                     further panics are in the report only"
                );
            }
        }));
    });
}

/// The stack under test: its name in reports, its factory, and the key of
/// its built-in defaults (the kernel's longer time limit, its profile).
struct Target {
    name: String,
    key: String,
    make: crate::Factory,
    /// What a driver declares about its stack.
    declares: Option<Profile>,
}

impl Target {
    /// The profile: the one named on the command line, else the one the
    /// driver declares, else the built-in stack's own, else the model's.
    fn profile(&self, named: Option<ProfileName>) -> Profile {
        match (named, &self.declares) {
            (Some(n), _) => n.profile(),
            (None, Some(declared)) => declared.clone(),
            (None, None) => ProfileName::of_stack(&self.key).profile(),
        }
    }
}

/// The stack of `--stack NAME` or `--driver 'CMD ARGS'` (exactly one),
/// ready to run; a driver must start and answer `hello` within the
/// request time limit. Else the exit status of a one-line error.
fn target(
    stack_name: Option<&str>,
    driver: Option<&str>,
    time_limit_ms: Option<u64>,
) -> Result<Target, ExitCode> {
    match (stack_name, driver) {
        (Some(name), None) => Ok(Target {
            name: name.to_string(),
            key: name.to_string(),
            make: stack(name)?,
            declares: None,
        }),
        (None, Some(command)) => {
            let limit = time_limit_ms.unwrap_or_else(|| stacks::time_limit_ms("driver"));
            let started = stacks::driver::start(command, Duration::from_millis(limit))
                .map_err(|e| usage(format!("driver `{command}`: {e}")))?;
            Ok(Target {
                name: started.name,
                key: "driver".into(),
                make: started.make,
                declares: started.declares,
            })
        }
        _ => Err(usage(
            "give exactly one of --stack NAME and --driver 'CMD ARGS'".into(),
        )),
    }
}

/// Run `synack conform`. Exit status 1 only when a fail outside the
/// baseline is found; 2 on bad usage.
pub fn conform(args: &ConformArgs) -> ExitCode {
    quiet_case_panics();
    let target = match target(
        args.target.stack.as_deref(),
        args.target.driver.as_deref(),
        args.time_limit_ms,
    ) {
        Ok(target) => target,
        Err(code) => return code,
    };
    let profile = target.profile(args.profile);
    let Target {
        name, key, make, ..
    } = target;
    let baseline = match &args.baseline {
        None => None,
        Some(path) => match read_baseline(path) {
            Ok(b) => Some(b),
            Err(code) => return code,
        },
    };
    let options = Options {
        profile,
        random_cases: args.cases,
        seed: args.seed,
        time_limit: Duration::from_millis(
            args.time_limit_ms
                .unwrap_or_else(|| stacks::time_limit_ms(&key)),
        ),
        workers: args.jobs.map_or_else(|| stacks::workers(&key), usize::from),
        baseline: baseline.clone(),
        max_hangs: args.max_hangs,
    };
    let progress = bar(0, args.quiet);
    let report = suite::run(&name, &make, &options, &mut |p| {
        progress.set_length(p.total.max(p.done));
        progress.set_position(p.done);
    });
    progress.finish_and_clear();
    if let Some(why) = &report.stopped {
        eprintln!(
            "synack: stopped early, {} case(s) not run: {why}",
            report.not_run
        );
    }
    let comparison = baseline.as_ref().map(|b| baseline::compare(&report, b));
    match args.format {
        Format::Text => print!("{}", report::text(&report, comparison.as_ref())),
        Format::Json => println!("{}", report::json(&report, comparison.as_ref())),
        Format::Junit => print!("{}", report::junit(&report, comparison.as_ref())),
        Format::Html => print!("{}", report::html(&report, comparison.as_ref())),
    }
    if let Some(path) = &args.write_baseline {
        if let Err(e) = std::fs::write(path, baseline::write(&report)) {
            return usage(format!("{}: {e}", path.display()));
        }
        eprintln!(
            "synack: wrote {} signatures to {}",
            report
                .deviations()
                .iter()
                .map(|d| d.signature())
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
            path.display()
        );
    }
    if report.passes() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Read a baseline file; a one-line error (exit 2) if it cannot be.
fn read_baseline(path: &std::path::Path) -> Result<Baseline, ExitCode> {
    let text =
        std::fs::read_to_string(path).map_err(|e| usage(format!("{}: {e}", path.display())))?;
    Baseline::parse(&text).map_err(|e| usage(format!("{}: {e}", path.display())))
}

/// Run `synack mutants`.
pub fn mutants(args: &MutantsArgs) -> ExitCode {
    if matches!(args.format, Format::Junit | Format::Html) {
        return usage(format!(
            "mutants: --format {} is for `synack conform`; use text or json",
            args.format
                .to_possible_value()
                .map_or_else(String::new, |v| v.get_name().to_string())
        ));
    }
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
        Format::Text | Format::Junit | Format::Html => {
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
    let target = match target(
        args.target.stack.as_deref(),
        args.target.driver.as_deref(),
        args.time_limit_ms,
    ) {
        Ok(target) => target,
        Err(code) => return code,
    };
    let text = match std::fs::read_to_string(&args.file) {
        Ok(text) => text,
        Err(e) => return usage(format!("{}: {e}", args.file.display())),
    };
    let limit = Duration::from_millis(
        args.time_limit_ms
            .unwrap_or_else(|| stacks::time_limit_ms(&target.key)),
    );
    let profile = target.profile(args.profile);
    let mut result = match crate::replay(&text, &target.make, &profile, limit) {
        Ok(result) => result,
        Err(e) => return usage(format!("{}: {e}", args.file.display())),
    };
    result.name = args.file.display().to_string();
    let events = result.script.lines.len();
    if let Some(why) = &result.skipped {
        println!("{}: skipped: {why}", args.file.display());
        return ExitCode::SUCCESS;
    }
    match &result.deviation {
        None => {
            println!("{}: {events} events, no deviation", args.file.display(),);
            for a in &result.accepted {
                println!("  accepted: {a}");
            }
            ExitCode::SUCCESS
        }
        Some(d) => {
            print!("{d}");
            // As for `conform`: only a fail fails.
            if d.grade == crate::grade::Grade::Fail {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}
