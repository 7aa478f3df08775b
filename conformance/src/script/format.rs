//! Writing scripts: the inverse of `parse.rs`.

use super::{Line, Script};
use std::fmt;
use synack_model::{Flags, Segment};

/// `FLAGS seq=S [ack=A] win=W [len=N]` for a segment whose numbers are
/// already relative.
fn segment_fields(f: &mut fmt::Formatter<'_>, s: &Segment) -> fmt::Result {
    write!(f, "{} seq={}", s.flags, s.seq)?;
    if s.has(Flags::ACK) {
        write!(f, " ack={}", s.ack)?;
    }
    write!(f, " win={}", s.wnd)?;
    if !s.payload.is_empty() {
        write!(f, " len={}", s.payload.len())?;
    }
    Ok(())
}

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Line::Call(call) => write!(f, "{call}"),
            Line::Inject(s) => {
                f.write_str("< ")?;
                segment_fields(f, s)
            }
            Line::Wait(n) => write!(f, "wait {n}"),
        }
    }
}

impl fmt::Display for Script {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in &self.comments {
            writeln!(f, "# {c}")?;
        }
        for l in &self.lines {
            writeln!(f, "{l}")?;
        }
        Ok(())
    }
}

/// A segment the stack sent (or the oracle expected), written as a script
/// writes it: `> FLAGS seq=S ack=A win=W`, its numbers made relative
/// (`seq` to the stack's ISS, `ack` to the peer's).
pub fn emitted_line(relative: &Segment) -> String {
    struct Fields<'a>(&'a Segment);
    impl fmt::Display for Fields<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            segment_fields(f, self.0)
        }
    }
    format!("> {}", Fields(relative))
}
