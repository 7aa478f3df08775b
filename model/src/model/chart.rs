//! Message sequence charts of a path through the model: a column per host,
//! a row per step, segments as arrows, each host's state after each step.

use super::network::HostId;
use super::system::{Action, Sys, Tcp};
use std::fmt::Write;

const STATE_W: usize = 11;
const MID_W: usize = 46;

fn state_label(sys: &Sys, host: HostId) -> String {
    let h = &sys.hosts[host];
    if h.app.crashed {
        "(crashed)".to_string()
    } else {
        h.endpoint.state().to_string()
    }
}

/// An arrow of `MID_W` columns carrying `label` from `from` to the other host.
fn arrow(label: &str, from: HostId, end: &str) -> String {
    let body = format!(" {label} ");
    let dashes = MID_W.saturating_sub(body.chars().count() + 2 + end.chars().count());
    let (l, r) = (dashes / 2, dashes - dashes / 2);
    if from == 0 {
        format!(
            "{}{}{}{}",
            "─".repeat(l),
            body,
            "─".repeat(r),
            if end.is_empty() { "─▶" } else { end }
        )
    } else {
        format!(
            "{}{}{}{}",
            if end.is_empty() { "◀─" } else { end },
            "─".repeat(l),
            body,
            "─".repeat(r)
        )
    }
}

fn row(out: &mut String, n: Option<usize>, left: &str, mid: &str, right: &str) {
    let num = n.map(|n| format!("{n:>3}")).unwrap_or_else(|| "   ".into());
    let pad = MID_W.saturating_sub(mid.chars().count());
    let line = format!(
        "{num}  {left:<STATE_W$} │ {mid}{} │ {right}",
        " ".repeat(pad)
    );
    let _ = writeln!(out, "{}", line.trim_end());
}

fn side(text: &str, host: HostId) -> String {
    if host == 0 {
        text.to_string()
    } else {
        format!("{text:>MID_W$}")
    }
}

/// Render `steps` from `init` as a chart. `loop_back_to` marks the state a
/// lasso returns to (0 = the initial state).
pub fn chart(
    model: &Tcp,
    init: &Sys,
    steps: &[(Action, Sys)],
    loop_back_to: Option<usize>,
) -> String {
    let names = model.scenario.hosts;
    let mut out = String::new();
    row(&mut out, None, names[0], "", names[1]);
    row(
        &mut out,
        Some(0),
        &state_label(init, 0),
        "",
        &state_label(init, 1),
    );
    let mut prev = init.clone();
    for (i, (action, next)) in steps.iter().enumerate() {
        let (_, fx) = model.step(&prev, *action);
        let mid = match action {
            Action::App(h) => {
                let h = *h as usize;
                let (_, step, result) = fx.call.expect("an application step makes a call");
                let text = match result {
                    Ok(()) => format!("{}: {step}", names[h]),
                    Err(e) => format!("{}: {step} → {e}", names[h]),
                };
                side(&text, h)
            }
            Action::Deliver(_) | Action::Lose(_) | Action::Duplicate(_) => {
                let (to, seg) = fx
                    .segment
                    .clone()
                    .expect("a network step names its segment");
                let from = 1 - to;
                let label = seg.to_string();
                match action {
                    Action::Lose(_) => arrow(&format!("{label} ✗ lost"), from, "╳ "),
                    Action::Duplicate(_) => arrow(&format!("{label} (copy kept)"), from, ""),
                    _ => arrow(&label, from, ""),
                }
            }
            Action::Tick => format!("{:^MID_W$}", "· tick ·"),
        };
        row(
            &mut out,
            Some(i + 1),
            &state_label(next, 0),
            &mid,
            &state_label(next, 1),
        );
        for (h, seg) in &fx.sent {
            row(&mut out, None, "", &side(&format!("sends {seg}"), *h), "");
        }
        for (h, bytes) in &fx.delivered {
            row(
                &mut out,
                None,
                "",
                &side(
                    &format!("delivers {} octet(s) to its application", bytes.len()),
                    *h,
                ),
                "",
            );
        }
        for (h, e) in &fx.events {
            let what = match e {
                crate::Event::Closing => "signals \"connection closing\"",
                crate::Event::Reset => "signals \"connection reset\"",
                crate::Event::Refused => "signals \"connection refused\"",
                crate::Event::TimedOut => "gives up: connection timed out",
            };
            row(&mut out, None, "", &side(what, *h), "");
        }
        prev = next.clone();
    }
    if let Some(back) = loop_back_to {
        let _ = writeln!(
            out,
            "     ↺ the last step returns to the state after step {back}: this repeats forever"
        );
    }
    out
}
