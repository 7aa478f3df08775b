//! What smoltcp does, event by event, with no oracle to stop at the first
//! deviation: `cargo run -p synack-conformance --example smoltcp_trace --
//! FILE`. Numbers are relative, as in scripts.

use synack_conformance::script::{self, emitted_line, Line, PEER_ISS};
use synack_conformance::stacks::smoltcp::Smoltcp;
use synack_conformance::Stack;
use synack_model::{Flags, Segment, SeqNum};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: smoltcp_trace FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2)
    });
    let parsed = script::parse(&text).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2)
    });
    let mut stack = Smoltcp::new();
    let mut iss = SeqNum(0);
    for line in &parsed.lines {
        let call = match line {
            Line::Call(call) => Some(stack.call(call)),
            Line::Inject(rel) => {
                let ack = if rel.has(Flags::ACK) {
                    iss + rel.ack.0
                } else {
                    SeqNum(0)
                };
                stack.inject(&Segment {
                    seq: PEER_ISS + rel.seq.0,
                    ack,
                    ..rel.clone()
                });
                None
            }
            Line::Wait(n) => {
                stack.advance(*n);
                None
            }
        };
        println!(
            "{line}{}",
            call.map_or(String::new(), |r| format!("  -> {r:?}"))
        );
        for seg in stack.emitted().unwrap_or_else(|e| panic!("{e}")) {
            if seg.has(Flags::SYN) {
                iss = seg.seq;
            }
            let rel = Segment {
                seq: SeqNum(seg.seq.0.wrapping_sub(iss.0)),
                ack: SeqNum(seg.ack.0.wrapping_sub(PEER_ISS.0)),
                ..seg
            };
            println!("    {}", emitted_line(&rel));
        }
        println!("    state {:?}", stack.state());
    }
}
