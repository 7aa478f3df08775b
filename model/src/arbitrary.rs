//! `Arbitrary` for the small public types, for users' property tests:
//! `proptest::arbitrary::Arbitrary` behind the `proptest` feature and
//! `quickcheck::Arbitrary` behind the `quickcheck` feature.
//!
//! Segments are drawn with payloads of at most 8 octets and windows of at
//! most 16: connection management does not need more, and small values
//! shrink to readable counterexamples.

#[cfg(feature = "proptest")]
mod with_proptest {
    use crate::{Flags, Segment, SeqNum, State};
    use proptest::prelude::*;

    impl Arbitrary for SeqNum {
        type Parameters = ();
        type Strategy = BoxedStrategy<SeqNum>;
        fn arbitrary_with(_: ()) -> Self::Strategy {
            any::<u32>().prop_map(SeqNum).boxed()
        }
    }

    impl Arbitrary for Flags {
        type Parameters = ();
        type Strategy = BoxedStrategy<Flags>;
        fn arbitrary_with(_: ()) -> Self::Strategy {
            (0u8..16).prop_map(Flags::from_bits).boxed()
        }
    }

    impl Arbitrary for State {
        type Parameters = ();
        type Strategy = BoxedStrategy<State>;
        fn arbitrary_with(_: ()) -> Self::Strategy {
            proptest::sample::select(State::ALL.to_vec()).boxed()
        }
    }

    impl Arbitrary for Segment {
        type Parameters = ();
        type Strategy = BoxedStrategy<Segment>;
        fn arbitrary_with(_: ()) -> Self::Strategy {
            (
                any::<Flags>(),
                any::<SeqNum>(),
                any::<SeqNum>(),
                0u16..16,
                proptest::collection::vec(any::<u8>(), 0..8),
            )
                .prop_map(|(flags, seq, ack, wnd, payload)| Segment {
                    flags,
                    seq,
                    ack,
                    wnd,
                    payload,
                })
                .boxed()
        }
    }
}

#[cfg(feature = "quickcheck")]
mod with_quickcheck {
    use crate::{Flags, Segment, SeqNum, State};
    use quickcheck::{Arbitrary, Gen};

    impl Arbitrary for SeqNum {
        fn arbitrary(g: &mut Gen) -> SeqNum {
            SeqNum(u32::arbitrary(g))
        }
        fn shrink(&self) -> Box<dyn Iterator<Item = SeqNum>> {
            Box::new(self.0.shrink().map(SeqNum))
        }
    }

    impl Arbitrary for Flags {
        fn arbitrary(g: &mut Gen) -> Flags {
            Flags::from_bits(u8::arbitrary(g))
        }
        fn shrink(&self) -> Box<dyn Iterator<Item = Flags>> {
            Box::new(self.bits().shrink().map(Flags::from_bits))
        }
    }

    impl Arbitrary for State {
        fn arbitrary(g: &mut Gen) -> State {
            *g.choose(&State::ALL).expect("eleven states")
        }
    }

    impl Arbitrary for Segment {
        fn arbitrary(g: &mut Gen) -> Segment {
            let len = usize::arbitrary(g) % 8;
            Segment {
                flags: Flags::arbitrary(g),
                seq: SeqNum::arbitrary(g),
                ack: SeqNum::arbitrary(g),
                wnd: u16::arbitrary(g) % 16,
                payload: (0..len).map(|_| u8::arbitrary(g)).collect(),
            }
        }
        fn shrink(&self) -> Box<dyn Iterator<Item = Segment>> {
            let s = self.clone();
            let fewer = self.payload.shrink().map({
                let s = s.clone();
                move |payload| Segment {
                    payload,
                    ..s.clone()
                }
            });
            let seq = self
                .seq
                .shrink()
                .map(move |seq| Segment { seq, ..s.clone() });
            Box::new(fewer.chain(seq))
        }
    }
}

#[cfg(test)]
mod tests {
    // The endpoint never panics, whatever arrives in whatever state (the
    // conformance harness feeds it whatever a stack under test emits), and
    // its invariants hold after every segment: SND.UNA =< SND.NXT, and a
    // CLOSED endpoint keeps no TCB.
    #[cfg(feature = "quickcheck")]
    quickcheck::quickcheck! {
        fn endpoint_survives_any_segment_in_any_state(state_path: Vec<crate::Segment>, seg: crate::Segment) -> bool {
            let cfg = crate::Config::default();
            let mut ep = crate::Endpoint::new();
            let mut out = crate::Output::default();
            let _ = ep.open(&cfg, crate::Open::Passive { iss: crate::SeqNum(7) }, &mut out);
            let invariants = |ep: &crate::Endpoint| {
                ep.tcb().snd_una.le(ep.tcb().snd_nxt)
                    && (ep.state() != crate::State::Closed || *ep.tcb() == crate::Tcb::default())
            };
            for s in &state_path {
                ep.segment_arrives(&cfg, s, &mut out);
                ep.advance(&cfg, 1, &mut out);
                if !invariants(&ep) {
                    return false;
                }
            }
            ep.segment_arrives(&cfg, &seg, &mut out);
            invariants(&ep)
        }
    }

    #[cfg(feature = "proptest")]
    proptest::proptest! {
        #[test]
        fn segment_length_counts_syn_and_fin(seg in proptest::prelude::any::<crate::Segment>()) {
            let expected = seg.payload.len() as u32
                + u32::from(seg.has(crate::Flags::SYN))
                + u32::from(seg.has(crate::Flags::FIN));
            proptest::prop_assert_eq!(seg.len(), expected);
        }
    }
}
