//! Message sequence charts of a path through the model: a column per host,
//! a row per step, segments as arrows, each host's state after each step.

use super::network::HostId;
use super::system::{call_text, Action, Sys, Tcp};
use std::fmt::Write;

/// The widest state name, `SYN-RECEIVED`.
const STATE_W: usize = 12;
const MID_W: usize = 46;

fn state_label(sys: &Sys, host: HostId) -> String {
    let h = &sys.hosts[host];
    if h.app.crashed {
        "(crashed)".to_string()
    } else {
        h.endpoint.state().to_string()
    }
}

/// What a signal to the application says.
fn event_text(e: crate::Event) -> &'static str {
    match e {
        crate::Event::Closing => "signals \"connection closing\"",
        crate::Event::Reset => "signals \"connection reset\"",
        crate::Event::Refused => "signals \"connection refused\"",
        crate::Event::TimedOut => "gives up: connection timed out",
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

/// One step in the chart's words: what happened (`client: connect`,
/// `client → server: SYN seq=0`, `… lost`, `tick`), then what followed
/// from it (`client sends SYN seq=0`, `server gives up: connection timed
/// out`). For reports that list steps rather than draw them (JSON).
pub fn step_words(model: &Tcp, before: &Sys, action: Action) -> (String, Vec<String>) {
    let names = model.scenario.hosts;
    let (_, fx) = model.step(before, action);
    let what = match action {
        Action::App(h) => {
            let (_, step, result) = fx.call.expect("an application step makes a call");
            format!("{}: {}", names[h as usize], call_text(step, &result))
        }
        Action::Deliver(_) | Action::Lose(_) | Action::Duplicate(_) => {
            let (to, seg) = fx
                .segment
                .clone()
                .expect("a network step names its segment");
            let how = match action {
                Action::Lose(_) => " (lost)",
                Action::Duplicate(_) => " (a copy stays in flight)",
                _ => "",
            };
            format!("{} → {}: {seg}{how}", names[1 - to], names[to])
        }
        Action::Tick => "tick".to_string(),
    };
    let mut then: Vec<String> = fx
        .sent
        .iter()
        .map(|(h, seg)| format!("{} sends {seg}", names[*h]))
        .collect();
    then.extend(fx.delivered.iter().map(|(h, bytes)| {
        format!(
            "{} delivers {} octet(s) to its application",
            names[*h],
            bytes.len()
        )
    }));
    then.extend(
        fx.events
            .iter()
            .map(|(h, e)| format!("{} {}", names[*h], event_text(*e))),
    );
    (what, then)
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
                let text = format!("{}: {}", names[h], call_text(step, &result));
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
            row(&mut out, None, "", &side(event_text(*e), *h), "");
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

/// Render `steps` from `init` as a Mermaid `sequenceDiagram`: a delivered
/// segment is a solid arrow, a lost one a crossed arrow (`-x`), state
/// changes and application calls are notes.
pub fn mermaid(
    model: &Tcp,
    init: &Sys,
    steps: &[(Action, Sys)],
    loop_back_to: Option<usize>,
) -> String {
    let names = model.scenario.hosts;
    let mut out = String::from("sequenceDiagram\n");
    for name in names {
        let _ = writeln!(out, "    participant {name}");
    }
    let _ = writeln!(
        out,
        "    Note over {},{}: {} / {}",
        names[0],
        names[1],
        state_label(init, 0),
        state_label(init, 1)
    );
    let mut prev = init.clone();
    for (i, (action, next)) in steps.iter().enumerate() {
        if loop_back_to == Some(i) {
            let _ = writeln!(
                out,
                "    Note over {},{}: ↺ the cycle starts here",
                names[0], names[1]
            );
        }
        let (_, fx) = model.step(&prev, *action);
        match action {
            Action::App(h) => {
                let h = *h as usize;
                let (_, step, result) = fx.call.expect("an application step makes a call");
                let text = call_text(step, &result);
                let _ = writeln!(out, "    Note over {}: {}", names[h], text);
            }
            Action::Deliver(_) | Action::Lose(_) | Action::Duplicate(_) => {
                let (to, seg) = fx
                    .segment
                    .clone()
                    .expect("a network step names its segment");
                let (from, to) = (names[1 - to], names[to]);
                let _ = match action {
                    Action::Lose(_) => writeln!(out, "    {from}-x{to}: {seg} (lost)"),
                    Action::Duplicate(_) => {
                        writeln!(out, "    {from}->>{to}: {seg} (a copy stays in flight)")
                    }
                    _ => writeln!(out, "    {from}->>{to}: {seg}"),
                };
            }
            Action::Tick => {
                let _ = writeln!(out, "    Note over {},{}: tick", names[0], names[1]);
            }
        }
        for (h, e) in &fx.events {
            let _ = writeln!(out, "    Note over {}: {}", names[*h], event_text(*e));
        }
        for (h, name) in names.iter().enumerate() {
            let (was, now) = (state_label(&prev, h), state_label(next, h));
            if was != now {
                let _ = writeln!(out, "    Note over {name}: {now}");
            }
        }
        prev = next.clone();
    }
    if loop_back_to.is_some() {
        let _ = writeln!(
            out,
            "    Note over {},{}: ↺ and so on forever",
            names[0], names[1]
        );
    }
    out
}
