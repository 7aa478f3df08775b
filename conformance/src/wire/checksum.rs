//! The Internet checksum (RFC 1071) that IPv4 and TCP share.

/// The ones' complement of the ones' complement sum of `parts`, read as one
/// run of 16-bit big-endian words (an odd final octet is padded with zero).
/// A header whose checksum field is right sums, checksum included, to 0.
pub fn internet_checksum(parts: &[&[u8]]) -> u16 {
    let mut sum: u32 = 0;
    let mut odd: Option<u8> = None;
    for byte in parts.iter().flat_map(|p| p.iter().copied()) {
        match odd.take() {
            Some(high) => sum += u32::from(u16::from_be_bytes([high, byte])),
            None => odd = Some(byte),
        }
    }
    if let Some(high) = odd {
        sum += u32::from(high) << 8;
    }
    // Fold the carries back in: the sum is ones' complement.
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}
