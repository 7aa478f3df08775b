//! `synack-reference-driver [--mutant NAME]`: synack's reference stack (or
//! one of its mutants) behind the driver protocol, on stdin and stdout
//! (docs/driver-protocol.md). No shell, no dependencies but synack's own:
//! the protocol end to end, and the template of a driver.

use std::io::{self, BufWriter};
use std::process::ExitCode;
use synack_conformance::stacks::driver::serve::serve;
use synack_conformance::stacks::mutants::{self, Mutant};
use synack_conformance::stacks::Reference;
use synack_conformance::Stack;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (name, make): (String, Box<dyn Fn() -> Box<dyn Stack>>) = match args.as_slice() {
        [] => (
            "synack reference".into(),
            Box::new(|| Box::new(Reference::new()) as Box<dyn Stack>),
        ),
        [flag, m] if flag == "--mutant" => match mutants::by_name(m) {
            Some(spec) => (
                format!("synack mutant:{m}"),
                Box::new(move || Box::new(Mutant::new(spec)) as Box<dyn Stack>),
            ),
            None => {
                eprintln!("synack-reference-driver: unknown mutant `{m}`");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("usage: synack-reference-driver [--mutant NAME]");
            return ExitCode::from(2);
        }
    };
    let (stdin, stdout) = (io::stdin(), io::stdout());
    match serve(&*make, &name, stdin.lock(), BufWriter::new(stdout.lock())) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("synack-reference-driver: {e}");
            ExitCode::FAILURE
        }
    }
}
