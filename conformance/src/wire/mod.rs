//! Wire helpers for adapters that speak bytes: IPv4 (RFC 791) and TCP
//! (RFC 9293 §3.1) headers with their checksums.
//!
//! A stack that lives behind a TUN device, a raw socket or a byte-level
//! API emits packets, not [`Segment`]s. [`decode`] turns such a packet into
//! a [`Packet`] or a typed [`WireError`]; it never panics, whatever the
//! bytes (a property test feeds it arbitrary ones). [`encode`] builds the
//! packet the suite injects.
//!
//! ```
//! use synack_conformance::wire::{self, Packet};
//! use synack_model::{Flags, Segment, SeqNum};
//! let syn = Packet {
//!     src: "10.0.0.1:40000".parse().unwrap(),
//!     dst: "10.0.0.2:80".parse().unwrap(),
//!     segment: Segment { flags: Flags::SYN, seq: SeqNum(7), wnd: 1024, ..Segment::default() },
//! };
//! let bytes = wire::encode(&syn);
//! assert_eq!(wire::decode(&bytes), Ok(syn));
//! assert!(wire::decode(&bytes[..30]).is_err(), "a truncated packet is an error, not a panic");
//! ```

mod checksum;
mod ipv4;
mod tcp;

#[cfg(test)]
mod tests;

pub use checksum::internet_checksum;
pub use tcp::{decode_tcp, encode_tcp};

use std::fmt;
use std::net::{Ipv4Addr, SocketAddrV4};
use synack_model::Segment;

/// The stack's address in every adapter that speaks bytes (TEST-NET-1,
/// RFC 5737): one place, so the kernel, smoltcp and drivers agree.
pub const STACK: SocketAddrV4 = SocketAddrV4::new(Ipv4Addr::new(192, 0, 2, 1), 80);
/// The suite's peer, the other end of every connection.
pub const PEER: SocketAddrV4 = SocketAddrV4::new(Ipv4Addr::new(192, 0, 2, 2), 4000);

/// A TCP segment with the addresses it travels between.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Packet {
    /// Source address and port.
    pub src: SocketAddrV4,
    /// Destination address and port.
    pub dst: SocketAddrV4,
    /// The segment, as the connection state machine sees it.
    pub segment: Segment,
}

/// Why bytes are not a TCP segment the suite can judge.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum WireError {
    /// Fewer bytes than the header (or length field) says there are.
    Truncated {
        /// Which header or field ran out.
        what: &'static str,
        /// Bytes needed.
        needed: usize,
        /// Bytes present.
        got: usize,
    },
    /// The IP version is not 4.
    NotIpv4(u8),
    /// An IPv4 header length below 5 words or past the packet (RFC 791 IHL).
    BadHeaderLength(u8),
    /// The IPv4 protocol is not TCP (6).
    NotTcp(u8),
    /// A fragment: the suite judges whole segments only.
    Fragmented,
    /// The IPv4 header checksum does not add up.
    BadIpChecksum,
    /// The TCP checksum (with its pseudo-header) does not add up.
    BadTcpChecksum,
    /// A TCP data offset below 5 words or past the segment (§3.1).
    BadDataOffset(u8),
    /// More text than a segment the suite can carry (more than 65,535 octets).
    TooLong(usize),
    /// Anything else an adapter could not turn into a segment.
    Other(String),
    /// A driver process (`--driver`) died, hung, wrote garbage or failed:
    /// one line saying what happened.
    Driver(String),
}

impl fmt::Display for WireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WireError::Truncated { what, needed, got } => {
                write!(f, "truncated {what}: {needed} bytes needed, {got} present")
            }
            WireError::NotIpv4(v) => write!(f, "IP version {v}, not 4"),
            WireError::BadHeaderLength(ihl) => write!(f, "IPv4 header length {ihl} words"),
            WireError::NotTcp(p) => write!(f, "IP protocol {p}, not TCP (6)"),
            WireError::Fragmented => f.write_str("an IPv4 fragment"),
            WireError::BadIpChecksum => f.write_str("bad IPv4 header checksum"),
            WireError::BadTcpChecksum => f.write_str("bad TCP checksum"),
            WireError::BadDataOffset(o) => write!(f, "TCP data offset {o} words"),
            WireError::TooLong(n) => write!(f, "{n} octets of text is too long"),
            WireError::Other(msg) => f.write_str(msg),
            WireError::Driver(msg) => write!(f, "driver: {msg}"),
        }
    }
}

impl std::error::Error for WireError {}

/// An IPv4 packet carrying the TCP segment (20-octet headers, no options).
pub fn encode(packet: &Packet) -> Vec<u8> {
    let tcp = encode_tcp(packet.src, packet.dst, &packet.segment);
    ipv4::wrap(*packet.src.ip(), *packet.dst.ip(), &tcp)
}

/// The TCP segment in an IPv4 packet, both checksums verified.
pub fn decode(bytes: &[u8]) -> Result<Packet, WireError> {
    let (src, dst, tcp) = ipv4::unwrap(bytes)?;
    let (src_port, dst_port, segment) = decode_tcp(src, dst, tcp)?;
    Ok(Packet {
        src: SocketAddrV4::new(src, src_port),
        dst: SocketAddrV4::new(dst, dst_port),
        segment,
    })
}
