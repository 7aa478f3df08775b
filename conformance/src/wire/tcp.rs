//! The TCP header (RFC 9293 §3.1) and its checksum over the IPv4
//! pseudo-header (§3.1, "Checksum").

use super::checksum::internet_checksum;
use super::WireError;
use std::net::{Ipv4Addr, SocketAddrV4};
use synack_model::{Flags, Segment, SeqNum};

const HEADER: usize = 20;
const PROTOCOL: u8 = 6;

// Header bit positions (§3.1 figure 1); Flags keeps its own numbering.
const FIN: u8 = 0x01;
const SYN: u8 = 0x02;
const RST: u8 = 0x04;
const ACK: u8 = 0x10;
const WIRE_BITS: [(u8, Flags); 4] = [
    (FIN, Flags::FIN),
    (SYN, Flags::SYN),
    (RST, Flags::RST),
    (ACK, Flags::ACK),
];

/// The pseudo-header the TCP checksum covers: addresses, protocol, length.
fn pseudo_header(src: Ipv4Addr, dst: Ipv4Addr, len: usize) -> [u8; 12] {
    let mut h = [0u8; 12];
    h[..4].copy_from_slice(&src.octets());
    h[4..8].copy_from_slice(&dst.octets());
    h[9] = PROTOCOL;
    h[10..].copy_from_slice(&(len as u16).to_be_bytes());
    h
}

/// A TCP segment's bytes with a correct checksum: no options, URG and PSH
/// clear (connection management does not read them).
pub fn encode_tcp(src: SocketAddrV4, dst: SocketAddrV4, seg: &Segment) -> Vec<u8> {
    let mut t = Vec::with_capacity(HEADER + seg.payload.len());
    t.extend_from_slice(&src.port().to_be_bytes());
    t.extend_from_slice(&dst.port().to_be_bytes());
    t.extend_from_slice(&seg.seq.0.to_be_bytes());
    // "If the ACK control bit is set", the field carries SEG.ACK; else zero.
    let ack = if seg.has(Flags::ACK) { seg.ack.0 } else { 0 };
    t.extend_from_slice(&ack.to_be_bytes());
    let bits = WIRE_BITS
        .iter()
        .filter(|(_, f)| seg.has(*f))
        .fold(0u8, |b, (w, _)| b | w);
    t.extend_from_slice(&[(HEADER as u8 / 4) << 4, bits]);
    t.extend_from_slice(&seg.wnd.to_be_bytes());
    t.extend_from_slice(&[0, 0, 0, 0]); // checksum, urgent pointer
    t.extend_from_slice(&seg.payload);
    let sum = internet_checksum(&[&pseudo_header(*src.ip(), *dst.ip(), t.len()), &t]);
    t[16..18].copy_from_slice(&sum.to_be_bytes());
    t
}

/// Source port, destination port and segment of TCP bytes sent from `src`
/// to `dst`, checksum verified; options are skipped.
pub fn decode_tcp(
    src: Ipv4Addr,
    dst: Ipv4Addr,
    t: &[u8],
) -> Result<(u16, u16, Segment), WireError> {
    if t.len() < HEADER {
        return Err(WireError::Truncated {
            what: "TCP header",
            needed: HEADER,
            got: t.len(),
        });
    }
    let offset = t[12] >> 4;
    let header = usize::from(offset) * 4;
    if header < HEADER || header > t.len() {
        return Err(WireError::BadDataOffset(offset));
    }
    if t.len() > usize::from(u16::MAX) {
        return Err(WireError::TooLong(t.len() - header));
    }
    if internet_checksum(&[&pseudo_header(src, dst, t.len()), t]) != 0 {
        return Err(WireError::BadTcpChecksum);
    }
    let word = |i: usize| u32::from_be_bytes([t[i], t[i + 1], t[i + 2], t[i + 3]]);
    let flags = WIRE_BITS
        .iter()
        .filter(|(w, _)| t[13] & w != 0)
        .fold(Flags::NONE, |f, (_, flag)| f | *flag);
    let segment = Segment {
        flags,
        seq: SeqNum(word(4)),
        ack: SeqNum(if flags.contains(Flags::ACK) {
            word(8)
        } else {
            0
        }),
        wnd: u16::from_be_bytes([t[14], t[15]]),
        payload: t[header..].to_vec(),
    };
    Ok((
        u16::from_be_bytes([t[0], t[1]]),
        u16::from_be_bytes([t[2], t[3]]),
        segment,
    ))
}
