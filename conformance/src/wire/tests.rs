//! Decoding never panics and encoding round-trips (quickcheck), and every
//! kind of damage gets its own typed error.

use super::*;
use quickcheck::{quickcheck, Arbitrary, Gen};
use synack_model::{Flags, SeqNum};

/// A packet with arbitrary addresses and an arbitrary small segment.
#[derive(Clone, Debug)]
struct AnyPacket(Packet);

impl Arbitrary for AnyPacket {
    fn arbitrary(g: &mut Gen) -> AnyPacket {
        let addr = |g: &mut Gen| SocketAddrV4::new(u32::arbitrary(g).into(), u16::arbitrary(g));
        let len = usize::arbitrary(g) % 64;
        AnyPacket(Packet {
            src: addr(g),
            dst: addr(g),
            segment: Segment {
                flags: Flags::from_bits(u8::arbitrary(g)),
                seq: SeqNum(u32::arbitrary(g)),
                ack: SeqNum(u32::arbitrary(g)),
                wnd: u16::arbitrary(g),
                payload: (0..len).map(|_| u8::arbitrary(g)).collect(),
            },
        })
    }
}

/// What decoding can preserve: the acknowledgment field means nothing
/// without ACK (§3.1), so it travels as zero.
fn canonical(mut p: Packet) -> Packet {
    if !p.segment.has(Flags::ACK) {
        p.segment.ack = SeqNum(0);
    }
    p
}

quickcheck! {
    fn decode_never_panics_on_arbitrary_bytes(bytes: Vec<u8>) -> bool {
        let _ = decode(&bytes);
        true
    }

    fn decode_never_panics_on_a_damaged_packet(p: AnyPacket, at: usize, byte: u8, cut: usize) -> bool {
        let mut bytes = encode(&p.0);
        let i = at % bytes.len();
        bytes[i] = byte;
        bytes.truncate(cut % (bytes.len() + 1));
        let _ = decode(&bytes);
        true
    }

    fn encode_then_decode_round_trips(p: AnyPacket) -> bool {
        decode(&encode(&p.0)) == Ok(canonical(p.0))
    }

    fn a_flipped_bit_is_caught(p: AnyPacket, at: usize, bit: u8) -> bool {
        let mut bytes = encode(&p.0);
        let i = at % bytes.len();
        bytes[i] ^= 1 << (bit % 8);
        decode(&bytes) != Ok(canonical(p.0))
    }
}

fn sample() -> Vec<u8> {
    encode(&Packet {
        src: "10.0.0.1:1".parse().unwrap(),
        dst: "10.0.0.2:2".parse().unwrap(),
        segment: Segment {
            flags: Flags::SYN,
            seq: SeqNum(1),
            wnd: 8,
            payload: vec![1, 2, 3],
            ..Segment::default()
        },
    })
}

#[test]
fn each_kind_of_damage_has_its_error() {
    let good = sample();
    let with = |i: usize, v: u8| {
        let mut b = good.clone();
        b[i] = v;
        decode(&b)
    };
    assert!(matches!(
        decode(&good[..10]),
        Err(WireError::Truncated { .. })
    ));
    assert_eq!(with(0, 0x65), Err(WireError::NotIpv4(6)));
    assert_eq!(with(0, 0x44), Err(WireError::BadHeaderLength(4)));
    assert_eq!(with(9, 17), Err(WireError::NotTcp(17)));
    assert_eq!(with(6, 0x20), Err(WireError::Fragmented));
    assert_eq!(
        with(8, 63),
        Err(WireError::BadIpChecksum),
        "TTL changed, checksum not"
    );
    assert_eq!(with(24, 0xff), Err(WireError::BadTcpChecksum));
    assert_eq!(with(32, 0x40), Err(WireError::BadDataOffset(4)));
}

#[test]
fn checksum_of_rfc1071_example() {
    // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2 (complement 220d).
    let bytes = [0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7];
    assert_eq!(internet_checksum(&[&bytes]), !0xddf2);
}
