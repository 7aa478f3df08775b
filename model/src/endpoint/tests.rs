//! Endpoint tests, grouped by state: a fixture per state, a segment in, the
//! segments out and the next state checked. Segments are struct updates of
//! a template, so each test shows only what matters to it.

use super::*;
use crate::rule::Rule;
use crate::{Config, Flags, Keepalive, SeqNum, State, Ticks};

const LOCAL: SeqNum = SeqNum(1000);
const REMOTE: SeqNum = SeqNum(2000);

fn cfg() -> Config {
    Config::default()
}

/// A segment from the peer, synchronized, acknowledging our SYN.
fn seg() -> Segment {
    Segment {
        flags: Flags::ACK,
        seq: REMOTE + 1,
        ack: LOCAL + 1,
        wnd: 4,
        payload: vec![],
    }
}

/// What we expect to send: ACK-bearing from LOCAL+1, acknowledging REMOTE+1.
fn ours() -> Segment {
    Segment {
        flags: Flags::ACK,
        seq: LOCAL + 1,
        ack: REMOTE + 1,
        wnd: 4,
        payload: vec![],
    }
}

fn recv(ep: &mut Endpoint, s: Segment) -> Output {
    recv_with(ep, &cfg(), s)
}

fn recv_with(ep: &mut Endpoint, c: &Config, s: Segment) -> Output {
    let mut out = Output::default();
    ep.segment_arrives(c, &s, &mut out);
    out
}

fn call<F: FnOnce(&mut Endpoint, &mut Output) -> Result<(), UserError>>(
    ep: &mut Endpoint,
    f: F,
) -> (Result<(), UserError>, Output) {
    let mut out = Output::default();
    let r = f(ep, &mut out);
    (r, out)
}

fn closed() -> Endpoint {
    Endpoint::new()
}

fn listen() -> Endpoint {
    let mut ep = Endpoint::new();
    ep.open(&cfg(), Open::Passive { iss: LOCAL }, &mut Output::default())
        .unwrap();
    ep
}

fn syn_sent() -> Endpoint {
    let mut ep = Endpoint::new();
    ep.open(&cfg(), Open::Active { iss: LOCAL }, &mut Output::default())
        .unwrap();
    ep
}

/// Passive: LISTEN, then the peer's SYN.
fn syn_received() -> Endpoint {
    let mut ep = listen();
    recv(
        &mut ep,
        Segment {
            flags: Flags::SYN,
            seq: REMOTE,
            ..seg()
        },
    );
    assert_eq!(ep.state(), State::SynReceived);
    ep
}

fn established() -> Endpoint {
    let mut ep = syn_received();
    recv(&mut ep, seg());
    assert_eq!(ep.state(), State::Established);
    ep
}

fn fin_wait_1() -> Endpoint {
    let mut ep = established();
    ep.close(&cfg(), &mut Output::default()).unwrap();
    assert_eq!(ep.state(), State::FinWait1);
    ep
}

fn fin_wait_2() -> Endpoint {
    let mut ep = fin_wait_1();
    recv(
        &mut ep,
        Segment {
            ack: LOCAL + 2,
            ..seg()
        },
    );
    assert_eq!(ep.state(), State::FinWait2);
    ep
}

fn close_wait() -> Endpoint {
    let mut ep = established();
    recv(
        &mut ep,
        Segment {
            flags: Flags::FIN | Flags::ACK,
            ..seg()
        },
    );
    assert_eq!(ep.state(), State::CloseWait);
    ep
}

fn closing() -> Endpoint {
    let mut ep = fin_wait_1();
    recv(
        &mut ep,
        Segment {
            flags: Flags::FIN | Flags::ACK,
            ..seg()
        },
    );
    assert_eq!(ep.state(), State::Closing);
    ep
}

fn last_ack() -> Endpoint {
    let mut ep = close_wait();
    ep.close(&cfg(), &mut Output::default()).unwrap();
    assert_eq!(ep.state(), State::LastAck);
    ep
}

fn time_wait() -> Endpoint {
    let mut ep = fin_wait_2();
    recv(
        &mut ep,
        Segment {
            flags: Flags::FIN | Flags::ACK,
            ..seg()
        },
    );
    assert_eq!(ep.state(), State::TimeWait);
    ep
}

mod closed {
    use super::*;

    #[test]
    fn syn_is_refused_with_rst_ack() {
        let mut ep = closed();
        let out = recv(
            &mut ep,
            Segment {
                flags: Flags::SYN,
                seq: REMOTE,
                ..seg()
            },
        );
        // §3.10.7.1: ACK bit off: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>
        assert_eq!(
            out.segments,
            vec![Segment {
                flags: Flags::RST | Flags::ACK,
                seq: SeqNum(0),
                ack: REMOTE + 1,
                wnd: 0,
                payload: vec![]
            }]
        );
        assert_eq!(ep.state(), State::Closed);
    }

    #[test]
    fn ack_bearing_segment_gets_rst_at_its_ack() {
        let mut ep = closed();
        let out = recv(
            &mut ep,
            Segment {
                flags: Flags::FIN | Flags::ACK,
                ack: SeqNum(77),
                ..seg()
            },
        );
        assert_eq!(
            out.segments,
            vec![Segment {
                flags: Flags::RST,
                seq: SeqNum(77),
                ..Segment::default()
            }]
        );
    }

    #[test]
    fn rst_is_discarded() {
        let mut ep = closed();
        assert!(recv(
            &mut ep,
            Segment {
                flags: Flags::RST,
                ..seg()
            }
        )
        .segments
        .is_empty());
    }

    #[test]
    fn user_calls_say_the_connection_does_not_exist() {
        let c = cfg();
        let mut ep = closed();
        assert_eq!(
            call(&mut ep, |e, o| e.send(&c, b"x", o)).0,
            Err(UserError::ConnectionDoesNotExist)
        );
        assert_eq!(
            call(&mut ep, |e, o| e.close(&c, o)).0,
            Err(UserError::ConnectionDoesNotExist)
        );
        assert_eq!(
            call(&mut ep, |e, o| e.abort(&c, o)).0,
            Err(UserError::ConnectionDoesNotExist)
        );
    }

    #[test]
    fn active_open_sends_syn_and_enters_syn_sent() {
        // O1: SYN (seq=x), SYN-SENT.
        let (r, out) = call(&mut closed(), |e, o| {
            e.open(&cfg(), Open::Active { iss: LOCAL }, o)
        });
        assert_eq!(r, Ok(()));
        assert_eq!(
            out.segments,
            vec![Segment {
                flags: Flags::SYN,
                seq: LOCAL,
                ack: SeqNum(0),
                ..ours()
            }]
        );
    }
}

mod listen {
    use super::*;

    #[test]
    fn syn_gets_syn_ack_and_enters_syn_received() {
        // O1: SYN,ACK (seq=y, ack=x+1), SYN-RECEIVED.
        let mut ep = listen();
        let out = recv(
            &mut ep,
            Segment {
                flags: Flags::SYN,
                seq: REMOTE,
                ..seg()
            },
        );
        assert_eq!(
            out.segments,
            vec![Segment {
                flags: Flags::SYN | Flags::ACK,
                seq: LOCAL,
                ..ours()
            }]
        );
        assert_eq!(ep.state(), State::SynReceived);
        assert_eq!(ep.tcb().irs, REMOTE);
    }

    #[test]
    fn text_and_fin_on_a_syn_are_queued_until_established() {
        // §3.10.7.2 third step: "any other control or text should be queued
        // for processing later".
        let syn = Segment {
            flags: Flags::SYN | Flags::FIN,
            seq: REMOTE,
            payload: b"ab".to_vec(),
            ..seg()
        };
        let mut ep = listen();
        let out = recv(&mut ep, syn.clone());
        assert_eq!(
            out.segments[0].ack,
            REMOTE + 1,
            "the SYN alone acknowledged"
        );
        assert!(out.delivered.is_empty());
        assert!(out.rules.as_slice().contains(&Rule::SynTextQueued));
        // The ACK of our SYN: ESTABLISHED, then the held text and FIN.
        let out = recv(&mut ep, seg());
        assert_eq!(out.delivered, b"ab");
        assert_eq!(ep.state(), State::CloseWait);
        assert_eq!(
            out.segments,
            vec![Segment {
                ack: REMOTE + 4,
                ..ours()
            }],
            "one ACK for the text and the FIN"
        );
        // A stack that drops them (no TCP Fast Open) is only ESTABLISHED.
        let c = Config {
            syn_text_queued: false,
            ..cfg()
        };
        let mut ep = listen();
        recv_with(&mut ep, &c, syn);
        let out = recv_with(&mut ep, &c, seg());
        assert!(out.delivered.is_empty());
        assert_eq!(ep.state(), State::Established);
    }

    #[test]
    fn rst_is_ignored() {
        let mut ep = listen();
        assert!(recv(
            &mut ep,
            Segment {
                flags: Flags::RST,
                ..seg()
            }
        )
        .segments
        .is_empty());
        assert_eq!(ep.state(), State::Listen);
    }

    #[test]
    fn any_ack_gets_rst() {
        let mut ep = listen();
        let out = recv(
            &mut ep,
            Segment {
                flags: Flags::SYN | Flags::ACK,
                ack: SeqNum(5),
                ..seg()
            },
        );
        assert_eq!(
            out.segments,
            vec![Segment {
                flags: Flags::RST,
                seq: SeqNum(5),
                ..Segment::default()
            }]
        );
        assert_eq!(ep.state(), State::Listen);
    }

    #[test]
    fn send_has_no_remote_socket_and_close_deletes() {
        let c = cfg();
        let mut ep = listen();
        assert_eq!(
            call(&mut ep, |e, o| e.send(&c, b"x", o)).0,
            Err(UserError::RemoteSocketUnspecified)
        );
        assert_eq!(call(&mut ep, |e, o| e.close(&c, o)).0, Ok(()));
        assert_eq!(ep.state(), State::Closed);
    }
}

mod syn_sent {
    use super::*;

    fn synack() -> Segment {
        Segment {
            flags: Flags::SYN | Flags::ACK,
            seq: REMOTE,
            ..seg()
        }
    }

    #[test]
    fn syn_ack_completes_the_handshake() {
        // O1, O4: the third segment ACKs y+1; both ISNs are now known.
        let mut ep = syn_sent();
        let out = recv(&mut ep, synack());
        assert_eq!(out.segments, vec![ours()]);
        assert_eq!(ep.state(), State::Established);
        assert_eq!((ep.tcb().irs, ep.tcb().snd_una), (REMOTE, LOCAL + 1));
    }

    #[test]
    fn queued_data_rides_on_the_third_segment() {
        // O3: the ACK of the handshake may carry data.
        let c = cfg();
        let mut ep = syn_sent();
        call(&mut ep, |e, o| e.send(&c, b"a", o)).0.unwrap();
        let out = recv(&mut ep, synack());
        assert_eq!(
            out.segments,
            vec![Segment {
                payload: b"a".to_vec(),
                ..ours()
            }]
        );
    }

    #[test]
    fn syn_ack_for_another_syn_gets_rst() {
        // O7: SEG.ACK =< ISS or > SND.NXT: <SEQ=SEG.ACK><CTL=RST>, stay.
        let mut ep = syn_sent();
        let out = recv(
            &mut ep,
            Segment {
                ack: LOCAL - 5,
                ..synack()
            },
        );
        assert_eq!(
            out.segments,
            vec![Segment {
                flags: Flags::RST,
                seq: LOCAL - 5,
                ..Segment::default()
            }]
        );
        assert_eq!(ep.state(), State::SynSent);
    }

    #[test]
    fn bare_syn_is_simultaneous_open() {
        // O9: SYN-SENT -> SYN-RECEIVED, sending SYN,ACK.
        let mut ep = syn_sent();
        let out = recv(
            &mut ep,
            Segment {
                flags: Flags::SYN,
                seq: REMOTE,
                ..seg()
            },
        );
        assert_eq!(
            out.segments,
            vec![Segment {
                flags: Flags::SYN | Flags::ACK,
                seq: LOCAL,
                ..ours()
            }]
        );
        assert_eq!(ep.state(), State::SynReceived);
    }

    #[test]
    fn text_on_a_simultaneous_syn_waits_for_established() {
        // §3.10.7.3 fourth step: "queue them for processing after the
        // ESTABLISHED state has been reached".
        let mut ep = syn_sent();
        recv(
            &mut ep,
            Segment {
                flags: Flags::SYN,
                seq: REMOTE,
                payload: b"a".to_vec(),
                ..seg()
            },
        );
        assert_eq!(ep.state(), State::SynReceived);
        assert_eq!(ep.tcb().rcv_nxt, REMOTE + 1);
        let out = recv(&mut ep, seg());
        assert_eq!(ep.state(), State::Established);
        assert_eq!(out.delivered, b"a");
        assert_eq!(ep.tcb().rcv_nxt, REMOTE + 2);
    }

    #[test]
    fn rst_with_acceptable_ack_resets() {
        let mut ep = syn_sent();
        let out = recv(
            &mut ep,
            Segment {
                flags: Flags::RST | Flags::ACK,
                seq: SeqNum(0),
                ..seg()
            },
        );
        assert_eq!(out.events, vec![Event::Reset]);
        assert_eq!(ep.state(), State::Closed);
    }

    #[test]
    fn rst_without_ack_is_dropped() {
        let mut ep = syn_sent();
        recv(
            &mut ep,
            Segment {
                flags: Flags::RST,
                ..seg()
            },
        );
        assert_eq!(ep.state(), State::SynSent);
    }

    #[test]
    fn syn_is_retransmitted_then_the_connection_times_out() {
        let c = cfg();
        let mut ep = syn_sent();
        for _ in 0..c.max_retries {
            let mut out = Output::default();
            ep.advance(&c, c.rto, &mut out);
            assert_eq!(
                out.segments,
                vec![Segment {
                    flags: Flags::SYN,
                    seq: LOCAL,
                    ack: SeqNum(0),
                    ..ours()
                }]
            );
        }
        let mut out = Output::default();
        ep.advance(&c, c.rto, &mut out);
        assert_eq!(out.events, vec![Event::TimedOut]);
        assert_eq!(ep.state(), State::Closed);
    }
}

mod syn_received {
    use super::*;

    #[test]
    fn ack_of_our_syn_establishes() {
        let mut ep = syn_received();
        let out = recv(&mut ep, seg());
        assert!(out.segments.is_empty(), "a bare ACK is not acknowledged");
        assert_eq!(ep.state(), State::Established);
    }

    #[test]
    fn unacceptable_ack_gets_rst_and_changes_nothing() {
        let mut ep = syn_received();
        let out = recv(
            &mut ep,
            Segment {
                ack: LOCAL + 9,
                ..seg()
            },
        );
        // RFC 5961 ACK check answers first with an ACK; without it, a RST.
        assert_eq!(
            out.segments,
            vec![Segment {
                seq: LOCAL + 1,
                ..ours()
            }]
        );
        let mut ep = syn_received();
        let plain = Config {
            rfc5961_ack: false,
            ..cfg()
        };
        let out = recv_with(
            &mut ep,
            &plain,
            Segment {
                ack: LOCAL + 9,
                ..seg()
            },
        );
        assert_eq!(
            out.segments,
            vec![Segment {
                flags: Flags::RST,
                seq: LOCAL + 9,
                ..Segment::default()
            }]
        );
        assert_eq!(ep.state(), State::SynReceived);
    }

    #[test]
    fn rst_returns_a_passive_connection_to_listen() {
        let mut ep = syn_received();
        recv(
            &mut ep,
            Segment {
                flags: Flags::RST,
                ..seg()
            },
        );
        assert_eq!(ep.state(), State::Listen);
        assert_eq!(ep, listen(), "nothing of the embryonic connection is left");
    }

    #[test]
    fn rst_refuses_an_active_connection() {
        let mut ep = syn_sent();
        recv(
            &mut ep,
            Segment {
                flags: Flags::SYN,
                seq: REMOTE,
                ..seg()
            },
        );
        let out = recv(
            &mut ep,
            Segment {
                flags: Flags::RST,
                ..seg()
            },
        );
        assert_eq!(out.events, vec![Event::Refused]);
        assert_eq!(ep.state(), State::Closed);
    }

    #[test]
    fn close_sends_fin_and_enters_fin_wait_1() {
        // C9.
        let (r, out) = call(&mut syn_received(), |e, o| e.close(&cfg(), o));
        assert_eq!(r, Ok(()));
        assert_eq!(
            out.segments,
            vec![Segment {
                flags: Flags::FIN | Flags::ACK,
                ..ours()
            }]
        );
    }

    #[test]
    fn duplicate_syn_is_acknowledged() {
        let mut ep = syn_received();
        let out = recv(
            &mut ep,
            Segment {
                flags: Flags::SYN,
                seq: REMOTE,
                ..seg()
            },
        );
        assert_eq!(out.segments, vec![ours()]);
        assert_eq!(ep.state(), State::SynReceived);
    }

    #[test]
    fn syn_ack_is_retransmitted_on_timeout() {
        let c = cfg();
        let mut ep = syn_received();
        let mut out = Output::default();
        ep.advance(&c, c.rto, &mut out);
        assert_eq!(
            out.segments,
            vec![Segment {
                flags: Flags::SYN | Flags::ACK,
                seq: LOCAL,
                ..ours()
            }]
        );
    }
}

mod established {
    use super::*;

    #[test]
    fn data_is_delivered_and_acknowledged() {
        let mut ep = established();
        let out = recv(
            &mut ep,
            Segment {
                payload: b"hi".to_vec(),
                ..seg()
            },
        );
        assert_eq!(out.delivered, b"hi");
        assert_eq!(
            out.segments,
            vec![Segment {
                ack: REMOTE + 3,
                ..ours()
            }]
        );
    }

    #[test]
    fn old_duplicate_is_acknowledged_not_delivered() {
        let mut ep = established();
        recv(
            &mut ep,
            Segment {
                payload: b"hi".to_vec(),
                ..seg()
            },
        );
        let out = recv(
            &mut ep,
            Segment {
                payload: b"hi".to_vec(),
                ..seg()
            },
        );
        assert!(out.delivered.is_empty());
        assert_eq!(
            out.segments,
            vec![Segment {
                ack: REMOTE + 3,
                ..ours()
            }]
        );
    }

    #[test]
    fn straddling_segment_delivers_only_the_new_part() {
        let mut ep = established();
        recv(
            &mut ep,
            Segment {
                payload: b"h".to_vec(),
                ..seg()
            },
        );
        let out = recv(
            &mut ep,
            Segment {
                payload: b"hi".to_vec(),
                ..seg()
            },
        );
        assert_eq!(out.delivered, b"i");
    }

    #[test]
    fn out_of_order_text_is_acknowledged_and_not_taken() {
        let mut ep = established();
        let out = recv(
            &mut ep,
            Segment {
                seq: REMOTE + 2,
                payload: b"i".to_vec(),
                ..seg()
            },
        );
        assert!(out.delivered.is_empty());
        assert_eq!(out.segments, vec![ours()]);
    }

    #[test]
    fn fin_enters_close_wait() {
        // C2: ACK (ack=u+1) and CLOSE-WAIT.
        let mut ep = established();
        let out = recv(
            &mut ep,
            Segment {
                flags: Flags::FIN | Flags::ACK,
                ..seg()
            },
        );
        assert_eq!(
            out.segments,
            vec![Segment {
                ack: REMOTE + 2,
                ..ours()
            }]
        );
        assert_eq!(out.events, vec![Event::Closing]);
    }

    #[test]
    fn close_sends_fin() {
        // C1: FIN (seq=u), FIN-WAIT-1.
        let (_, out) = call(&mut established(), |e, o| e.close(&cfg(), o));
        assert_eq!(
            out.segments,
            vec![Segment {
                flags: Flags::FIN | Flags::ACK,
                ..ours()
            }]
        );
    }

    #[test]
    fn in_window_rst_not_at_rcv_nxt_gets_challenge_ack() {
        let mut ep = established();
        let out = recv(
            &mut ep,
            Segment {
                flags: Flags::RST,
                seq: REMOTE + 2,
                ..seg()
            },
        );
        assert_eq!(out.segments, vec![ours()]);
        assert_eq!(ep.state(), State::Established);
    }

    #[test]
    fn rst_at_rcv_nxt_resets() {
        let mut ep = established();
        let out = recv(
            &mut ep,
            Segment {
                flags: Flags::RST,
                ..seg()
            },
        );
        assert_eq!(out.events, vec![Event::Reset]);
        assert_eq!(ep.state(), State::Closed);
    }

    #[test]
    fn syn_gets_challenge_ack_or_rst_without_rfc5961() {
        let mut ep = established();
        let out = recv(
            &mut ep,
            Segment {
                flags: Flags::SYN,
                seq: REMOTE + 1,
                ..seg()
            },
        );
        assert_eq!(out.segments, vec![ours()]);
        let mut ep = established();
        let plain = Config {
            rfc5961_syn: false,
            ..cfg()
        };
        recv_with(
            &mut ep,
            &plain,
            Segment {
                flags: Flags::SYN,
                seq: REMOTE + 1,
                ..seg()
            },
        );
        assert_eq!(ep.state(), State::Closed);
    }

    #[test]
    fn out_of_window_segment_is_acknowledged() {
        let mut ep = established();
        let out = recv(
            &mut ep,
            Segment {
                seq: REMOTE + 100,
                payload: b"x".to_vec(),
                ..seg()
            },
        );
        assert_eq!(out.segments, vec![ours()]);
    }

    #[test]
    fn ack_of_unsent_data_is_answered_with_ack() {
        let mut ep = established();
        let out = recv(
            &mut ep,
            Segment {
                ack: LOCAL + 50,
                ..seg()
            },
        );
        assert_eq!(out.segments, vec![ours()]);
    }

    #[test]
    fn send_segmentizes_by_mss_within_the_window() {
        let c = Config { mss: 1, ..cfg() };
        let (_, out) = call(&mut established(), |e, o| e.send(&c, b"abcdef", o));
        // Window 4 from the peer: four one-octet segments.
        assert_eq!(out.segments.len(), 4);
        assert_eq!(
            out.segments[3],
            Segment {
                seq: LOCAL + 4,
                payload: b"d".to_vec(),
                ..ours()
            }
        );
    }

    #[test]
    fn abort_sends_rst_at_snd_nxt() {
        let (_, out) = call(&mut established(), |e, o| e.abort(&cfg(), o));
        assert_eq!(
            out.segments,
            vec![Segment {
                flags: Flags::RST,
                seq: LOCAL + 1,
                ..Segment::default()
            }]
        );
    }

    #[test]
    fn keepalive_probes_idle_connection_and_gives_up() {
        // §3.8.4 / F1.
        let c = Config {
            keepalive: Some(Keepalive {
                idle: 3,
                interval: 1,
                probes: 2,
            }),
            ..cfg()
        };
        let mut ep = syn_received();
        recv_with(&mut ep, &c, seg());
        let mut out = Output::default();
        ep.advance(&c, 3, &mut out);
        assert_eq!(
            out.segments,
            vec![Segment {
                seq: LOCAL,
                ..ours()
            }],
            "SEG.SEQ = SND.NXT-1, no data"
        );
        ep.advance(&c, 1, &mut out);
        assert_eq!(
            ep.state(),
            State::Established,
            "one lost probe is not death (MUST-29)"
        );
        ep.advance(&c, 1, &mut out);
        assert_eq!(out.events, vec![Event::TimedOut]);
        assert_eq!(ep.state(), State::Closed);
    }

    #[test]
    fn answered_probe_restarts_the_idle_timer() {
        let c = Config {
            keepalive: Some(Keepalive {
                idle: 3,
                interval: 1,
                probes: 1,
            }),
            ..cfg()
        };
        let mut ep = syn_received();
        recv_with(&mut ep, &c, seg());
        let mut out = Output::default();
        ep.advance(&c, 3, &mut out);
        recv_with(&mut ep, &c, seg());
        assert_eq!(ep.next_timeout(), Some(3));
        assert_eq!(ep.tcb().probes, 0);
    }
}

mod fin_wait_1 {
    use super::*;

    #[test]
    fn ack_of_fin_enters_fin_wait_2() {
        // C3.
        let mut ep = fin_wait_1();
        recv(
            &mut ep,
            Segment {
                ack: LOCAL + 2,
                ..seg()
            },
        );
        assert_eq!(ep.state(), State::FinWait2);
    }

    #[test]
    fn fin_acking_our_fin_goes_straight_to_time_wait() {
        // C10.
        let mut ep = fin_wait_1();
        let out = recv(
            &mut ep,
            Segment {
                flags: Flags::FIN | Flags::ACK,
                ack: LOCAL + 2,
                ..seg()
            },
        );
        assert_eq!(ep.state(), State::TimeWait);
        assert_eq!(
            out.segments,
            vec![Segment {
                seq: LOCAL + 2,
                ack: REMOTE + 2,
                ..ours()
            }]
        );
    }

    #[test]
    fn fin_alone_enters_closing() {
        // C8: simultaneous close.
        let mut ep = fin_wait_1();
        recv(
            &mut ep,
            Segment {
                flags: Flags::FIN | Flags::ACK,
                ..seg()
            },
        );
        assert_eq!(ep.state(), State::Closing);
    }

    #[test]
    fn data_still_arrives() {
        // C2: the active closer must still receive.
        let mut ep = fin_wait_1();
        let out = recv(
            &mut ep,
            Segment {
                payload: b"z".to_vec(),
                ..seg()
            },
        );
        assert_eq!(out.delivered, b"z");
    }

    #[test]
    fn second_close_is_an_error_and_no_second_fin() {
        let (r, out) = call(&mut fin_wait_1(), |e, o| e.close(&cfg(), o));
        assert_eq!(r, Err(UserError::ConnectionClosing));
        assert!(out.segments.is_empty());
    }

    #[test]
    fn fin_is_retransmitted() {
        let c = cfg();
        let mut ep = fin_wait_1();
        let mut out = Output::default();
        ep.advance(&c, c.rto, &mut out);
        assert_eq!(
            out.segments,
            vec![Segment {
                flags: Flags::FIN | Flags::ACK,
                ..ours()
            }]
        );
    }
}

mod fin_wait_2 {
    use super::*;

    #[test]
    fn fin_enters_time_wait_and_is_acknowledged() {
        // C5: ACK (ack=w+1), TIME-WAIT.
        let mut ep = fin_wait_2();
        let out = recv(
            &mut ep,
            Segment {
                flags: Flags::FIN | Flags::ACK,
                ack: LOCAL + 2,
                ..seg()
            },
        );
        assert_eq!(
            out.segments,
            vec![Segment {
                seq: LOCAL + 2,
                ack: REMOTE + 2,
                ..ours()
            }]
        );
        assert_eq!(ep.state(), State::TimeWait);
    }

    #[test]
    fn no_timer_runs() {
        assert_eq!(fin_wait_2().next_timeout(), None);
    }

    #[test]
    fn keepalive_probes_while_the_peers_fin_is_awaited() {
        // §3.8.4: FIN-WAIT-2 can sit idle for ever (a peer that died never
        // sends its FIN); keep-alive starts when our FIN is acknowledged.
        let c = Config {
            keepalive: Some(Keepalive {
                idle: 3,
                interval: 1,
                probes: 1,
            }),
            ..cfg()
        };
        let mut ep = established();
        ep.close(&c, &mut Output::default()).unwrap();
        assert_eq!(
            ep.next_timeout(),
            Some(c.rto),
            "FIN-WAIT-1: the FIN's timer"
        );
        recv_with(
            &mut ep,
            &c,
            Segment {
                ack: LOCAL + 2,
                ..seg()
            },
        );
        assert_eq!(ep.state(), State::FinWait2);
        assert_eq!(ep.next_timeout(), Some(3), "the idle time, from now");
        let mut out = Output::default();
        ep.advance(&c, 3, &mut out);
        assert_eq!(
            out.segments,
            vec![Segment {
                seq: LOCAL + 1,
                ..ours()
            }],
            "SEG.SEQ = SND.NXT-1 (our FIN's number), no data"
        );
        ep.advance(&c, 1, &mut out);
        assert_eq!(out.events, vec![Event::TimedOut]);
        assert_eq!(ep.state(), State::Closed);
    }
}

/// Exponential back-off of the retransmission timer (§3.8.1, MUST-19; RFC
/// 6298 5.5 "RTO <- RTO * 2"), state by state: each state that
/// retransmits doubles the wait before each retransmission of the same
/// segment, and gives up after R2 of them (§3.8.3).
mod backoff {
    use super::*;

    /// Ticks from now at which something is sent, and at which the
    /// connection is given up, time passing one tick at a time.
    fn timeline(mut ep: Endpoint, c: &Config) -> (Vec<Ticks>, Option<Ticks>) {
        let (mut sent, mut gone) = (Vec::new(), None);
        for t in 1..=64 {
            let mut out = Output::default();
            ep.advance(c, 1, &mut out);
            if !out.segments.is_empty() {
                sent.push(t);
            }
            if matches!(ep.state(), State::Closed | State::Listen) {
                gone = Some(t);
                break;
            }
        }
        (sent, gone)
    }

    fn with_data() -> Endpoint {
        let mut ep = established();
        ep.send(&cfg(), b"x", &mut Output::default()).unwrap();
        ep
    }

    #[test]
    fn every_retransmitting_state_doubles_its_rto() {
        let on = Config {
            rto_backoff: true,
            ..cfg()
        };
        let rto = on.rto;
        let fixtures: [(State, fn() -> Endpoint); 6] = [
            (State::SynSent, syn_sent),
            (State::SynReceived, syn_received),
            (State::Established, with_data),
            (State::FinWait1, fin_wait_1),
            (State::Closing, closing),
            (State::LastAck, last_ack),
        ];
        for (state, fixture) in fixtures {
            let ep = fixture();
            assert_eq!(ep.state(), state);
            // RTO, then 2 RTO later, then 4 RTO later the connection goes.
            assert_eq!(
                timeline(ep.clone(), &on),
                (vec![rto, 3 * rto], Some(7 * rto)),
                "{state} backed off"
            );
            // Without back-off (the model's default) the same steps, sooner.
            assert_eq!(
                timeline(ep, &cfg()),
                (vec![rto, 2 * rto], Some(3 * rto)),
                "{state} fixed"
            );
        }
    }

    #[test]
    fn an_acknowledgment_resets_the_backed_off_timer() {
        // SND.UNA advancing restarts the timer at the RTO (RFC 6298 5.3).
        let on = Config {
            rto_backoff: true,
            ..cfg()
        };
        let mut ep = with_data();
        ep.send(&on, b"y", &mut Output::default()).unwrap();
        let mut out = Output::default();
        ep.advance(&on, on.rto, &mut out); // first retransmission
        assert_eq!(ep.next_timeout(), Some(2 * on.rto));
        recv_with(
            &mut ep,
            &on,
            Segment {
                ack: LOCAL + 2,
                ..seg()
            },
        );
        assert_eq!(ep.next_timeout(), Some(on.rto));
    }
}

mod close_wait {
    use super::*;

    #[test]
    fn may_still_send() {
        // C2, C6: half-close: the passive side sends data in CLOSE-WAIT.
        let (r, out) = call(&mut close_wait(), |e, o| e.send(&cfg(), b"late", o));
        assert_eq!(r, Ok(()));
        assert_eq!(
            out.segments[0],
            Segment {
                ack: REMOTE + 2,
                payload: b"l".to_vec(),
                ..ours()
            }
        );
    }

    #[test]
    fn close_sends_fin_and_enters_last_ack() {
        // C4: FIN (seq=w, ack=u+1), LAST-ACK.
        let (_, out) = call(&mut close_wait(), |e, o| e.close(&cfg(), o));
        assert_eq!(
            out.segments,
            vec![Segment {
                flags: Flags::FIN | Flags::ACK,
                ack: REMOTE + 2,
                ..ours()
            }]
        );
    }

    #[test]
    fn fin_waits_behind_unsent_data() {
        let c = cfg();
        let mut ep = close_wait();
        call(&mut ep, |e, o| e.send(&c, b"abcdef", o)).0.unwrap();
        let (_, out) = call(&mut ep, |e, o| e.close(&c, o));
        assert!(out.segments.is_empty(), "window full: the FIN waits");
        assert_eq!(ep.state(), State::CloseWait);
        let out = recv(
            &mut ep,
            Segment {
                seq: REMOTE + 2,
                ack: LOCAL + 5,
                ..seg()
            },
        );
        assert_eq!(ep.state(), State::LastAck);
        assert!(out.segments.last().unwrap().has(Flags::FIN));
    }
}

mod closing {
    use super::*;

    #[test]
    fn ack_of_fin_enters_time_wait() {
        // C8.
        let mut ep = closing();
        recv(
            &mut ep,
            Segment {
                seq: REMOTE + 2,
                ack: LOCAL + 2,
                ..seg()
            },
        );
        assert_eq!(ep.state(), State::TimeWait);
    }
}

mod last_ack {
    use super::*;

    #[test]
    fn ack_of_fin_closes() {
        // C5, C11: LAST-ACK is the passive closer's last state.
        let mut ep = last_ack();
        recv(
            &mut ep,
            Segment {
                seq: REMOTE + 2,
                ack: LOCAL + 2,
                ..seg()
            },
        );
        assert_eq!(ep.state(), State::Closed);
    }

    #[test]
    fn abort_just_deletes() {
        let (r, out) = call(&mut last_ack(), |e, o| e.abort(&cfg(), o));
        assert_eq!(r, Ok(()));
        assert!(out.segments.is_empty());
    }
}

mod time_wait {
    use super::*;

    #[test]
    fn lasts_two_msl_then_closes() {
        // C5: after 2MSL, CLOSED.
        let c = cfg();
        let mut ep = time_wait();
        let mut out = Output::default();
        ep.advance(&c, c.time_wait - 1, &mut out);
        assert_eq!(ep.state(), State::TimeWait);
        ep.advance(&c, 1, &mut out);
        assert_eq!(ep.state(), State::Closed);
        assert!(out.segments.is_empty());
    }

    #[test]
    fn retransmitted_fin_is_acknowledged_and_restarts_the_timer() {
        // C7a.
        let c = cfg();
        let mut ep = time_wait();
        let mut out = Output::default();
        ep.advance(&c, 1, &mut out);
        let out = recv(
            &mut ep,
            Segment {
                flags: Flags::FIN | Flags::ACK,
                ack: LOCAL + 2,
                ..seg()
            },
        );
        assert_eq!(
            out.segments,
            vec![Segment {
                seq: LOCAL + 2,
                ack: REMOTE + 2,
                ..ours()
            }]
        );
        assert_eq!(ep.next_timeout(), Some(c.time_wait));
    }

    #[test]
    fn rst_closes_unless_rfc1337() {
        let mut ep = time_wait();
        recv(
            &mut ep,
            Segment {
                flags: Flags::RST,
                seq: REMOTE + 2,
                ..seg()
            },
        );
        assert_eq!(ep.state(), State::Closed);
        let mut ep = time_wait();
        let c = Config {
            rfc1337: true,
            ..cfg()
        };
        recv_with(
            &mut ep,
            &c,
            Segment {
                flags: Flags::RST,
                seq: REMOTE + 2,
                ..seg()
            },
        );
        assert_eq!(ep.state(), State::TimeWait);
    }

    /// A new SYN: SEG.SEQ above RCV.NXT.
    fn new_syn() -> Segment {
        Segment {
            flags: Flags::SYN,
            seq: REMOTE + 100,
            ..seg()
        }
    }

    fn may_2() -> Config {
        Config {
            time_wait_reopen: true,
            ..cfg()
        }
    }

    #[test]
    fn a_new_syn_is_refused_by_default_and_reopens_with_may_2() {
        // The RFC's default: linger (MUST-13); the SYN is not acceptable
        // and gets an ACK.
        let mut ep = time_wait();
        let out = recv(&mut ep, new_syn());
        assert_eq!(ep.state(), State::TimeWait);
        assert_eq!(out.segments.len(), 1);
        assert!(!out.segments[0].has(Flags::SYN));
        // §3.6.1 (MAY-2): reopen, with an ISS above every number used.
        let mut ep = time_wait();
        let old_snd_nxt = ep.tcb().snd_nxt;
        let out = recv_with(&mut ep, &may_2(), new_syn());
        assert_eq!(ep.state(), State::SynReceived);
        assert_eq!(out.rules.as_slice()[0], Rule::TimeWaitReopen);
        let synack = &out.segments[0];
        assert_eq!(synack.flags, Flags::SYN | Flags::ACK);
        assert!(synack.seq.gt(old_snd_nxt), "(1): a larger ISS");
        assert_eq!(synack.ack, REMOTE + 101);
        assert_eq!(ep.tcb().timers.time_wait, 0);
        assert_eq!(ep.next_timeout(), Some(cfg().rto), "the SYN,ACK's timer");
    }

    #[test]
    fn an_old_duplicate_syn_does_not_reopen() {
        for seq in [REMOTE, REMOTE + 2] {
            let mut ep = time_wait();
            recv_with(&mut ep, &may_2(), Segment { seq, ..new_syn() });
            assert_eq!(ep.state(), State::TimeWait, "SEG.SEQ {seq:?}");
        }
    }

    #[test]
    fn a_reopened_connection_whose_syn_was_old_returns_to_time_wait() {
        // MAY-2 (2): the peer resets our SYN,ACK: back to TIME-WAIT, for a
        // whole 2 MSL again.
        let c = may_2();
        let mut ep = time_wait();
        recv_with(&mut ep, &c, new_syn());
        let rst = Segment {
            flags: Flags::RST,
            seq: REMOTE + 101,
            ..seg()
        };
        let out = recv_with(&mut ep, &c, rst);
        assert!(out.rules.as_slice().contains(&Rule::TimeWaitReopen));
        assert_eq!(ep.state(), State::TimeWait);
        assert_eq!(ep.next_timeout(), Some(c.time_wait));
        // An ISS chosen for it (as an oracle does) is the one used.
        let mut ep = time_wait();
        ep.set_reopen_iss(SeqNum(77_000));
        let out = recv_with(&mut ep, &c, new_syn());
        assert_eq!(out.segments[0].seq, SeqNum(77_000));
    }

    #[test]
    fn zero_length_time_wait_closes_after_acking() {
        let c = Config {
            time_wait: 0,
            ..cfg()
        };
        let mut ep = fin_wait_2();
        let out = recv_with(
            &mut ep,
            &c,
            Segment {
                flags: Flags::FIN | Flags::ACK,
                ack: LOCAL + 2,
                ..seg()
            },
        );
        assert_eq!(out.segments.len(), 1);
        assert_eq!(ep.state(), State::Closed);
    }
}
