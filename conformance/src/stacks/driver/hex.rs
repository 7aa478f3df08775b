//! Octets as hex, the protocol's only encoding of bytes: nothing binary
//! crosses the pipe, so a log of the conversation stays readable.

/// `bytes` as lower-case hex, two digits an octet.
pub fn encode(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The octets of `text` (either case, no separators), or a one-line error.
pub fn decode(text: &str) -> Result<Vec<u8>, String> {
    let digits = text.as_bytes();
    if !digits.len().is_multiple_of(2) {
        return Err(format!("odd number of hex digits ({})", digits.len()));
    }
    digits
        .chunks(2)
        .map(|pair| {
            // from_str_radix alone would take a sign ("+1").
            std::str::from_utf8(pair)
                .ok()
                .filter(|p| p.bytes().all(|b| b.is_ascii_hexdigit()))
                .and_then(|p| u8::from_str_radix(p, 16).ok())
                .ok_or_else(|| format!("not hex: {:?}", String::from_utf8_lossy(pair)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn round_trip_and_errors() {
        assert_eq!(super::encode(&[0, 0xab, 0xff]), "00abff");
        assert_eq!(super::decode("00ABff").unwrap(), [0, 0xab, 0xff]);
        assert!(super::decode("abc").is_err());
        assert!(super::decode("zz").is_err());
        assert!(super::decode("+1").is_err());
    }
}
