//! Traces of the `syn-flood` scenario in words and as Mermaid diagrams.

use super::{Admission, Flood, FloodAction, FloodEffects, FloodSys, Peer, CLIENT};
use std::fmt::Write;

/// The server's connections in a few words: `SYN queue 1/1, accept queue 0/1`.
fn queues(m: Option<&Flood>, s: &FloodSys) -> String {
    let (syn, acc) = (Flood::syn_queued(s), Flood::accept_queued(s));
    match m {
        Some(m) => format!(
            "SYN queue {syn}/{}, accept queue {acc}/{}",
            m.flood.syn_queue, m.flood.accept_queue
        ),
        None => format!("SYN queue {syn}, accept queue {acc}"),
    }
}

/// The server's connections, e.g. `client SYN-RECEIVED, spoofed SYN-RECEIVED`.
pub fn connections(s: &FloodSys) -> String {
    if s.server.is_empty() {
        return "none".into();
    }
    let names: Vec<String> = s
        .server
        .iter()
        .map(|c| {
            let who = match c.peer {
                Peer::Client => "client",
                Peer::Spoofed => "spoofed",
            };
            format!("{who} {}", c.endpoint.state())
        })
        .collect();
    names.join(", ")
}

/// One step in words: what happened, what was sent, and the state after.
pub fn describe(
    action: &FloodAction,
    before: &FloodSys,
    after: &FloodSys,
    fx: &FloodEffects,
) -> String {
    let mut lines = Vec::new();
    if let Some((to, seg)) = &fx.segment {
        let from = match action {
            FloodAction::Spoof => "attacker (spoofed)",
            _ if *to == CLIENT => "server",
            _ => "client",
        };
        let to = if *to == CLIENT { "client" } else { "server" };
        let how = match action {
            FloodAction::Lose(_) => " (lost)",
            FloodAction::Duplicate(_) => " (a copy stays in flight)",
            _ => "",
        };
        lines.push(format!("{from} → {to}: {seg}{how}"));
    }
    if *action == FloodAction::Tick {
        lines.push("one tick passes".into());
    }
    match fx.admission {
        Some(Admission::Dropped) => lines.push("server drops it: queue full".into()),
        Some(Admission::Admitted) => lines.push("server opens a connection for it".into()),
        None => {}
    }
    for (from, peer, seg) in &fx.sent {
        let to = match (from, peer) {
            (&CLIENT, _) => "server",
            (_, Peer::Client) => "client",
            (_, Peer::Spoofed) => "a spoofed address (nobody answers)",
        };
        let from = if *from == CLIENT { "client" } else { "server" };
        lines.push(format!("{from} sends {seg} to {to}"));
    }
    if fx.given_up > 0 {
        lines.push(format!(
            "server gives up {} half-open connection(s)",
            fx.given_up
        ));
    }
    lines.push(format!(
        "client: {} → {}",
        before.client.state(),
        after.client.state()
    ));
    lines.push(format!(
        "server: {} ({})",
        connections(after),
        queues(None, after)
    ));
    lines.join("\n")
}

/// A trace as numbered steps in words, with the queues after each.
pub fn chart(
    m: &Flood,
    init: &FloodSys,
    steps: &[(FloodAction, FloodSys)],
    loop_back_to: Option<usize>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "   client {}; server {}; {} spoofed SYN(s) to come",
        init.client.state(),
        queues(Some(m), init),
        init.spoofs_left
    );
    let mut before = init;
    for (n, (action, after)) in steps.iter().enumerate() {
        let (_, fx) = m.step(before, *action);
        let text = describe(action, before, after, &fx);
        for (i, line) in text.lines().enumerate() {
            if i == 0 {
                let _ = writeln!(out, "{:>2}. {line}", n + 1);
            } else {
                let _ = writeln!(out, "    {line}");
            }
        }
        before = after;
    }
    if let Some(back) = loop_back_to {
        let _ = writeln!(
            out,
            "   … and from state {back} the steps after it repeat for ever"
        );
    }
    out
}

/// A trace as a Mermaid sequence diagram: client, server and attacker.
pub fn mermaid(
    m: &Flood,
    init: &FloodSys,
    steps: &[(FloodAction, FloodSys)],
    loop_back_to: Option<usize>,
) -> String {
    let mut out = String::from(
        "sequenceDiagram\n    participant C as client\n    participant S as server\n    \
         participant A as attacker (spoofed addresses)\n",
    );
    let _ = writeln!(out, "    Note over S: LISTEN, {}", queues(Some(m), init));
    let mut before = init;
    for (n, (action, after)) in steps.iter().enumerate() {
        if loop_back_to == Some(n) {
            out.push_str("    loop for ever\n");
        }
        let (_, fx) = m.step(before, *action);
        match (action, &fx.segment) {
            (FloodAction::Spoof, Some((_, seg))) => {
                let _ = writeln!(out, "    A->>S: {seg}");
            }
            (FloodAction::Lose(_), Some((to, seg))) => {
                let (f, t) = if *to == CLIENT {
                    ("S", "C")
                } else {
                    ("C", "S")
                };
                let _ = writeln!(out, "    {f}-x{t}: {seg} (lost)");
            }
            (_, Some((to, seg))) => {
                let (f, t) = if *to == CLIENT {
                    ("S", "C")
                } else {
                    ("C", "S")
                };
                let _ = writeln!(out, "    {f}->>{t}: {seg}");
            }
            (FloodAction::Tick, _) => out.push_str("    Note over C,A: one tick\n"),
            _ => {}
        }
        if fx.admission == Some(Admission::Dropped) {
            out.push_str("    Note over S: dropped: queue full\n");
        }
        for (from, peer, seg) in &fx.sent {
            if *from != CLIENT && *peer == Peer::Spoofed {
                let _ = writeln!(out, "    S--)A: {seg} (nobody answers)");
            }
        }
        if fx.given_up > 0 {
            out.push_str("    Note over S: half-open connection given up\n");
        }
        if connections(before) != connections(after)
            || before.client.state() != after.client.state()
        {
            let _ = writeln!(
                out,
                "    Note over C,S: client {}; server: {}",
                after.client.state(),
                connections(after)
            );
        }
        before = after;
    }
    if loop_back_to.is_some() {
        out.push_str("    end\n");
    }
    out
}
