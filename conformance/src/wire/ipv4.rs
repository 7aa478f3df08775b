//! The IPv4 header (RFC 791 §3.1), without options on the way out; options
//! on the way in are skipped.

use super::checksum::internet_checksum;
use super::WireError;
use std::net::Ipv4Addr;

const HEADER: usize = 20;
const TCP: u8 = 6;

/// Put a TCP segment in an IPv4 packet: TTL 64, Don't Fragment.
pub(super) fn wrap(src: Ipv4Addr, dst: Ipv4Addr, tcp: &[u8]) -> Vec<u8> {
    let total = (HEADER + tcp.len()) as u16;
    let mut p = Vec::with_capacity(usize::from(total));
    p.extend_from_slice(&[0x45, 0]);
    p.extend_from_slice(&total.to_be_bytes());
    p.extend_from_slice(&[0, 0, 0x40, 0, 64, TCP, 0, 0]);
    p.extend_from_slice(&src.octets());
    p.extend_from_slice(&dst.octets());
    let sum = internet_checksum(&[&p]);
    p[10..12].copy_from_slice(&sum.to_be_bytes());
    p.extend_from_slice(tcp);
    p
}

/// The addresses and the TCP bytes of an IPv4 packet, its header checked.
pub(super) fn unwrap(p: &[u8]) -> Result<(Ipv4Addr, Ipv4Addr, &[u8]), WireError> {
    if p.len() < HEADER {
        return Err(WireError::Truncated {
            what: "IPv4 header",
            needed: HEADER,
            got: p.len(),
        });
    }
    let version = p[0] >> 4;
    if version != 4 {
        return Err(WireError::NotIpv4(version));
    }
    let ihl = p[0] & 0x0f;
    let header = usize::from(ihl) * 4;
    if header < HEADER || header > p.len() {
        return Err(WireError::BadHeaderLength(ihl));
    }
    let total = usize::from(u16::from_be_bytes([p[2], p[3]]));
    if total < header || total > p.len() {
        return Err(WireError::Truncated {
            what: "IPv4 packet",
            needed: total.max(header),
            got: p.len(),
        });
    }
    // More Fragments set, or a fragment offset: not a whole segment.
    if p[6] & 0x20 != 0 || u16::from_be_bytes([p[6] & 0x1f, p[7]]) != 0 {
        return Err(WireError::Fragmented);
    }
    if p[9] != TCP {
        return Err(WireError::NotTcp(p[9]));
    }
    if internet_checksum(&[&p[..header]]) != 0 {
        return Err(WireError::BadIpChecksum);
    }
    let src = Ipv4Addr::new(p[12], p[13], p[14], p[15]);
    let dst = Ipv4Addr::new(p[16], p[17], p[18], p[19]);
    Ok((src, dst, &p[header..total]))
}
