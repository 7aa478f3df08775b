//! tests/conformance.rs of a crate with its own TCP stack.

use synack_conformance::{assert_conforms, wire, Call, CallError, Profile, Stack, WireError};
use synack_model::{Segment, State, Ticks};

/// Stand-in for your stack, so that this file runs as it is: a socket fed
/// and drained with IPv4 packets, on a millisecond clock. (Inside, it is
/// synack's own endpoint; yours is whatever you wrote.)
mod my_tcp {
    use synack_conformance::{wire, Profile};
    use synack_model::{Config, Endpoint, Open, Output, SeqNum, UserError};

    pub struct Socket {
        tcb: Endpoint,
        cfg: Config,
        out: Output,
    }

    impl Socket {
        pub fn new() -> Socket {
            let cfg = Profile::strict().config;
            Socket {
                tcb: Endpoint::new(),
                cfg,
                out: Output::default(),
            }
        }
        fn done(r: Result<(), UserError>) -> Result<(), String> {
            r.map_err(|e| e.to_string())
        }
        pub fn listen(&mut self) -> Result<(), String> {
            Self::done(self.tcb.open(
                &self.cfg,
                Open::Passive {
                    iss: SeqNum(1 << 20),
                },
                &mut self.out,
            ))
        }
        pub fn connect(&mut self) -> Result<(), String> {
            Self::done(self.tcb.open(
                &self.cfg,
                Open::Active {
                    iss: SeqNum(1 << 20),
                },
                &mut self.out,
            ))
        }
        pub fn write(&mut self, data: &[u8]) -> Result<(), String> {
            Self::done(self.tcb.send(&self.cfg, data, &mut self.out))
        }
        pub fn shutdown(&mut self) -> Result<(), String> {
            Self::done(self.tcb.close(&self.cfg, &mut self.out))
        }
        pub fn reset(&mut self) -> Result<(), String> {
            Self::done(self.tcb.abort(&self.cfg, &mut self.out))
        }
        pub fn receive_packet(&mut self, bytes: &[u8]) {
            if let Ok(packet) = wire::decode(bytes) {
                self.tcb
                    .segment_arrives(&self.cfg, &packet.segment, &mut self.out);
            }
        }
        /// Time passes: one timer tick per 100 ms.
        pub fn poll(&mut self, elapsed_ms: u64) {
            self.tcb
                .advance(&self.cfg, (elapsed_ms / 100) as u32, &mut self.out);
        }
        pub fn transmit(&mut self) -> Vec<Vec<u8>> {
            let (us, peer) = (
                "10.0.0.1:80".parse().unwrap(),
                "10.0.0.2:4000".parse().unwrap(),
            );
            std::mem::take(&mut self.out.segments)
                .into_iter()
                .map(|segment| {
                    wire::encode(&wire::Packet {
                        src: us,
                        dst: peer,
                        segment,
                    })
                })
                .collect()
        }
        pub fn state_name(&self) -> &'static str {
            self.tcb.state().rfc_name()
        }
    }
}

// ---- The glue: everything synack needs, in under 50 lines. ----

/// Your stack, seen by synack.
struct Adapter(my_tcp::Socket);

impl Stack for Adapter {
    fn call(&mut self, call: &Call) -> Result<(), CallError> {
        match call {
            Call::Listen => self.0.listen(),
            Call::Connect => self.0.connect(),
            Call::Send(data) => self.0.write(data),
            Call::Close => self.0.shutdown(),
            Call::Abort => self.0.reset(),
            // No keep-alive in this stack: refusing is accepted (§3.9.1).
            Call::KeepAlive(_) => Err("no keep-alive".to_string()),
        }
        .map_err(CallError)
    }

    fn inject(&mut self, segment: &Segment) {
        let (src, dst) = (
            "10.0.0.2:4000".parse().unwrap(),
            "10.0.0.1:80".parse().unwrap(),
        );
        let packet = wire::Packet {
            src,
            dst,
            segment: segment.clone(),
        };
        self.0.receive_packet(&wire::encode(&packet));
    }

    fn advance(&mut self, ticks: Ticks) {
        self.0.poll(u64::from(ticks) * 100); // one tick is 100 ms of our clock
    }

    fn emitted(&mut self) -> Result<Vec<Segment>, WireError> {
        self.0
            .transmit()
            .iter()
            .map(|bytes| wire::decode(bytes).map(|p| p.segment))
            .collect()
    }

    fn state(&self) -> Option<State> {
        State::ALL
            .into_iter()
            .find(|s| s.rfc_name() == self.0.state_name())
    }
}

#[test]
fn my_stack_conforms_to_rfc_9293() {
    assert_conforms!(|| Adapter(my_tcp::Socket::new()), Profile::strict());
}
