//! `synack explore`: stateright's Explorer on a scenario, in a browser.

use crate::cli::ExploreArgs;
use crate::run::UsageError;
use stateright::{Checker, Model};
use std::process::ExitCode;
use synack_model::model::{scenario, Bounds, Tcp};

pub fn run(args: &ExploreArgs) -> Result<ExitCode, UsageError> {
    let s = scenario::by_name(&args.scenario).ok_or_else(|| {
        let known: Vec<_> = scenario::all().iter().map(|s| s.name).collect();
        UsageError(format!(
            "unknown scenario '{}' (known: {})",
            args.scenario,
            known.join(", ")
        ))
    })?;
    // stateright panics on a busy address: find out first, and say so.
    std::net::TcpListener::bind(&args.addr)
        .map_err(|e| UsageError(format!("cannot listen on {}: {e}", args.addr)))?;
    let model = Tcp::new(s, Bounds::default());
    eprintln!(
        "synack: exploring {} at http://{} (Ctrl-C to stop)",
        model.scenario.name, args.addr
    );
    let checker = model.checker().serve(args.addr.as_str());
    // `serve` returns only if its web thread ends.
    eprintln!(
        "synack: explorer stopped after {} states",
        checker.unique_state_count()
    );
    Ok(ExitCode::SUCCESS)
}
