//! Every reachable state of `client-server`, one per line, in the text form
//! `bench/spin/tcp.pml -DDUMP` prints: diff the two sets to find where the
//! Promela model and synack part (bench/spin/README.md, "Checking equality").
//!
//! usage: cargo run --release -p synack-model --example dump -- L D R [MSL RTO RETRIES] > states.txt
//! (counts on stderr)
use std::collections::{HashMap, VecDeque};
use synack_model::model::{scenario, Action, Bounds, Sys, Tcp};

fn canon(s: &Sys) -> String {
    let mut o = String::new();
    for h in &s.hosts {
        let e = &h.endpoint;
        let t = e.tcb();
        assert_eq!(t.probes, 0);
        assert_eq!(t.timers.keepalive, 0);
        assert!(!h.app.crashed);
        let buf: Vec<String> = t.send_buffer.iter().map(|b| b.to_string()).collect();
        o += &format!(
            "E{} {} {} {} {} {} {} {} {} {} {} b{}[{}] f{},{} p{} r{} t{},{} ",
            e.state().index(),
            t.iss.0,
            t.irs.0,
            t.snd_una.0,
            t.snd_nxt.0,
            t.snd_wnd,
            t.max_snd_wnd,
            t.snd_wl1.0,
            t.snd_wl2.0,
            t.rcv_nxt.0,
            t.rcv_wnd,
            t.send_buffer.len(),
            buf.join(","),
            t.snd_fin.is_some() as u8,
            t.snd_fin.map_or(0, |f| f.0),
            t.passive as u8,
            t.retries,
            t.timers.retransmit,
            t.timers.time_wait,
        );
        let a = &h.app;
        o += &format!(
            "A{} {} {} {} {}{}{}{}{}{} ",
            a.pc,
            a.opens,
            a.sent,
            a.received,
            a.eof as u8,
            a.active_closer as u8,
            a.corrupted as u8,
            a.unrequested as u8,
            a.connect_timed_out as u8,
            a.last_ack_reset as u8
        );
    }
    let n = &s.net;
    o += &format!(
        "N{} {} {} {}",
        n.losses_left,
        n.duplicates_left,
        n.reorders_left,
        n.in_flight.len()
    );
    for f in &n.in_flight {
        let g = &f.segment();
        o += &format!(
            " [{} {} {} {} {} {}:{} {} {}]",
            f.from,
            g.flags.bits(),
            g.seq.0,
            g.ack.0,
            g.wnd,
            g.payload.len(),
            g.payload.first().copied().unwrap_or(0),
            f.age,
            f.duplicate as u8
        );
        assert!(g.payload.len() <= 1);
    }
    o
}

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let p = |i: usize, d: u32| a.get(i).map_or(d, |v| v.parse::<u32>().unwrap());
    let bounds = Bounds {
        losses: p(1, 0) as u8,
        duplicates: p(2, 0) as u8,
        reorders: p(3, 0) as u8,
        msl: p(4, 2),
        rto: p(5, 2),
        max_retries: p(6, 3) as u8,
        ..Bounds::default()
    };
    let m = Tcp::new(scenario::by_name("client-server").unwrap(), bounds);
    let init = m.initial();
    let mut seen: HashMap<Sys, ()> = HashMap::new();
    let mut q = VecDeque::new();
    seen.insert(init.clone(), ());
    q.push_back(init);
    let mut acts: Vec<Action> = Vec::new();
    let (mut maxf, mut maxbuf, mut maxseq) = (0, 0, 0u32);
    let edges = std::env::var("EDGES").is_ok();
    while let Some(s) = q.pop_front() {
        maxf = maxf.max(s.net.in_flight.len());
        for h in &s.hosts {
            let t = h.endpoint.tcb();
            maxbuf = maxbuf.max(t.send_buffer.len());
            for v in [
                t.iss, t.irs, t.snd_una, t.snd_nxt, t.snd_wl1, t.snd_wl2, t.rcv_nxt,
            ] {
                maxseq = maxseq.max(v.0);
            }
        }
        for f in &s.net.in_flight {
            maxseq = maxseq.max(f.segment().seq.0).max(f.segment().ack.0);
        }
        println!("{}", canon(&s));
        acts.clear();
        m.enabled(&s, &mut acts);
        for &act in &acts {
            let (n, _) = m.step(&s, act);
            if edges {
                println!("EDGE {} --{:?}--> {}", canon(&s), act, canon(&n));
            }
            if seen.insert(n.clone(), ()).is_none() {
                q.push_back(n);
            }
        }
    }
    eprintln!(
        "states {} max_in_flight {} max_send_buffer {} max_seq {}",
        seen.len(),
        maxf,
        maxbuf,
        maxseq
    );
}
