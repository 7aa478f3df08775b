//! Built-in stacks: the reference, the mutants and a few faulty ones.
//!
//! * [`Reference`]: synack's endpoint behind the [`Stack`](crate::Stack)
//!   trait. It must pass everything, or the oracle is wrong.
//! * [`mutants`]: the reference with one RFC rule broken each, by tampering
//!   with what goes in or comes out, never by a second copy of a rule. The
//!   suite must catch (kill) every one.
//! * [`faulty`]: stacks that panic, hang or emit garbage, to show the
//!   harness survives them.
//! * [`driver`]: a stack in any language, behind a child process that
//!   speaks the driver protocol (`--driver`).
//! * `linux` (feature `linux`, Linux only): the running kernel's TCP in a
//!   private network namespace, through a TUN device.

pub mod driver;
pub mod faulty;
#[cfg(all(feature = "linux", target_os = "linux"))]
pub mod linux;
pub mod mutants;
mod reference;
#[cfg(feature = "smoltcp")]
pub mod smoltcp;

pub use reference::Reference;

use crate::stack::{factory, Factory};

/// The names `--stack` accepts, with one line each.
pub fn catalogue() -> Vec<(String, String)> {
    let mut all = vec![(
        "reference".to_string(),
        "synack's endpoint itself: passes everything".to_string(),
    )];
    #[cfg(feature = "smoltcp")]
    all.push((
        "smoltcp".into(),
        "smoltcp 0.14 (crates.io), in memory".into(),
    ));
    #[cfg(all(feature = "linux", target_os = "linux"))]
    all.push((
        "linux".into(),
        "the running kernel's TCP, through a TUN device in a private network namespace (root or CAP_NET_ADMIN)".into(),
    ));
    for m in mutants::ALL {
        all.push((
            format!("mutant:{}", m.name),
            format!("{}: {}", m.state.rfc_name(), m.breaks),
        ));
    }
    for (name, what) in faulty::ALL {
        all.push((format!("faulty:{name}"), what.to_string()));
    }
    all
}

/// A factory for the built-in stack called `name`.
pub fn by_name(name: &str) -> Option<Factory> {
    if name == "reference" {
        return Some(factory(Reference::new));
    }
    #[cfg(feature = "smoltcp")]
    if name == "smoltcp" {
        return Some(factory(smoltcp::Smoltcp::new));
    }
    #[cfg(all(feature = "linux", target_os = "linux"))]
    if name == "linux" {
        return Some(factory(linux::Linux::new));
    }
    if let Some(m) = name.strip_prefix("mutant:") {
        return mutants::by_name(m).map(|m| factory(move || mutants::Mutant::new(m)));
    }
    name.strip_prefix("faulty:").and_then(faulty::by_name)
}

/// Whether the built-in stack called `name` can run here, or why not (the
/// Linux stack without root or CAP_NET_ADMIN): asked once, before a run.
pub fn ready(name: &str) -> Result<(), String> {
    #[cfg(all(feature = "linux", target_os = "linux"))]
    if name == "linux" {
        return linux::Linux::available()
            .map_err(|e| format!("the Linux stack cannot run here: {e}"));
    }
    let _ = name;
    Ok(())
}

/// How many cases to run side by side against the stack called `name`:
/// [`linux::WORKERS`] for the kernel, whose time is real time; else one a
/// core.
pub fn workers(name: &str) -> usize {
    #[cfg(all(feature = "linux", target_os = "linux"))]
    if name == "linux" {
        return linux::WORKERS;
    }
    let _ = name;
    crate::suite::cores()
}

/// How long one case of the stack called `name` may take: the kernel's
/// cases wait in real time (an RTO is 1 s), so 8 s; others 2 s.
pub fn time_limit_ms(name: &str) -> u64 {
    if name == "linux" {
        8000
    } else {
        2000
    }
}
