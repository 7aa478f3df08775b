//! Reading scripts, with errors that name the line.

use super::{inject, octets, send, Line, Script};
use crate::stack::Call;
use std::fmt;
use synack_model::{Flags, Segment, SeqNum};

/// Why a script cannot be read: the line (from 1) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Line number, counting from 1.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

/// Read a script. Comments are kept (their `#` and one space removed).
///
/// ```
/// let s = synack_conformance::script::parse("connect\n< SYN,ACK seq=0 ack=1 win=4\n").unwrap();
/// assert_eq!(s.lines.len(), 2);
/// let e = synack_conformance::script::parse("connect\n< SYN,PSH seq=0\n").unwrap_err();
/// assert_eq!(e.to_string(), "line 2: unknown control bit `PSH` (SYN, ACK, FIN, RST)");
/// ```
pub fn parse(text: &str) -> Result<Script, ParseError> {
    let mut script = Script::default();
    for (i, raw) in text.lines().enumerate() {
        let at = |message: String| ParseError {
            line: i + 1,
            message,
        };
        let line = raw.trim();
        if let Some(comment) = line.strip_prefix('#') {
            script
                .comments
                .push(comment.strip_prefix(' ').unwrap_or(comment).to_string());
            continue;
        }
        if line.is_empty() {
            continue;
        }
        script.lines.push(parse_line(line).map_err(at)?);
    }
    Ok(script)
}

fn parse_line(line: &str) -> Result<Line, String> {
    let mut words = line.split_whitespace();
    let head = words.next().unwrap_or_default();
    let rest: Vec<&str> = words.collect();
    let no_args = |line: Line| {
        if rest.is_empty() {
            Ok(line)
        } else {
            Err(format!("`{head}` takes no arguments"))
        }
    };
    match head {
        "listen" => no_args(Line::Call(Call::Listen)),
        "connect" => no_args(Line::Call(Call::Connect)),
        "close" => no_args(Line::Call(Call::Close)),
        "abort" => no_args(Line::Call(Call::Abort)),
        "send" => Ok(Line::Call(send(one_number(head, &rest)? as usize))),
        "keepalive" => keepalive(&rest).map(|k| Line::Call(Call::KeepAlive(k))),
        "wait" => Ok(Line::Wait(one_number(head, &rest)?)),
        "<" => parse_segment(&rest).map(inject),
        ">" => Err("`>` lines are what a stack sent; write them as comments (`#>`)".into()),
        other => Err(format!(
            "unknown event `{other}` (listen, connect, send N, close, abort, keepalive IDLE INTERVAL PROBES, wait N, < SEGMENT)"
        )),
    }
}

/// `keepalive IDLE INTERVAL PROBES`: ticks, ticks, and a count of at least 1.
fn keepalive(rest: &[&str]) -> Result<synack_model::Keepalive, String> {
    let [idle, interval, probes] = rest else {
        return Err("`keepalive` takes three numbers: IDLE INTERVAL PROBES".into());
    };
    let number = |w: &str| {
        w.parse::<u32>()
            .map_err(|_| format!("`keepalive` needs numbers, not `{w}`"))
    };
    let probes = u8::try_from(number(probes)?)
        .ok()
        .filter(|p| *p >= 1)
        .ok_or("`keepalive` needs 1 to 255 probes (MUST-29: never one lost probe)")?;
    Ok(synack_model::Keepalive {
        idle: number(idle)?,
        interval: number(interval)?,
        probes,
    })
}

fn one_number(head: &str, rest: &[&str]) -> Result<u32, String> {
    match rest {
        [n] => n
            .parse()
            .map_err(|_| format!("`{head}` needs a number, not `{n}`")),
        _ => Err(format!("`{head}` takes one number")),
    }
}

fn parse_segment(words: &[&str]) -> Result<Segment, String> {
    let Some((flags, fields)) = words.split_first() else {
        return Err("`<` needs control bits, e.g. `< SYN seq=0`".into());
    };
    let mut seg = Segment {
        flags: parse_flags(flags)?,
        ..Segment::default()
    };
    let mut seen_seq = false;
    for field in fields {
        let (name, value) = field
            .split_once('=')
            .ok_or_else(|| format!("expected NAME=VALUE, found `{field}`"))?;
        let number: u32 = value
            .parse()
            .map_err(|_| format!("`{name}` needs a number, not `{value}`"))?;
        match name {
            "seq" => {
                seg.seq = SeqNum(number);
                seen_seq = true;
            }
            "ack" => seg.ack = SeqNum(number),
            "win" => {
                seg.wnd =
                    u16::try_from(number).map_err(|_| format!("win={number} is above 65535"))?
            }
            "len" => {
                if number > 65_535 {
                    return Err(format!("len={number} is above 65535"));
                }
                seg.payload = octets(number as usize);
            }
            _ => return Err(format!("unknown field `{name}` (seq, ack, win, len)")),
        }
    }
    if !seen_seq {
        return Err("a segment needs `seq=`".into());
    }
    Ok(seg)
}

fn parse_flags(word: &str) -> Result<Flags, String> {
    if word == "<none>" {
        return Ok(Flags::NONE);
    }
    word.split(',').try_fold(Flags::NONE, |flags, name| {
        let bit = match name {
            "SYN" => Flags::SYN,
            "ACK" => Flags::ACK,
            "FIN" => Flags::FIN,
            "RST" => Flags::RST,
            _ => return Err(format!("unknown control bit `{name}` (SYN, ACK, FIN, RST)")),
        };
        Ok(flags | bit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_script_reads_back() {
        let text = "# a case\nlisten\n< SYN seq=0 win=4\nsend 2\n< FIN,ACK seq=1 ack=3 win=4 len=1\nwait 3\nclose\nabort\nconnect\n< <none> seq=5 win=0\n";
        let script = parse(text).unwrap();
        assert_eq!(script.to_string(), text);
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            ("listen now", "line 1: `listen` takes no arguments"),
            ("\n\nsend x", "line 3: `send` needs a number, not `x`"),
            ("< SYN", "line 1: a segment needs `seq=`"),
            ("< SYN seq", "line 1: expected NAME=VALUE, found `seq`"),
            ("< SYN seq=1 win=70000", "line 1: win=70000 is above 65535"),
            ("< SYN seq=1 urg=1", "line 1: unknown field `urg` (seq, ack, win, len)"),
            ("#c\nfly", "line 2: unknown event `fly` (listen, connect, send N, close, abort, keepalive IDLE INTERVAL PROBES, wait N, < SEGMENT)"),
            ("keepalive 2 2", "line 1: `keepalive` takes three numbers: IDLE INTERVAL PROBES"),
            ("keepalive 2 2 0", "line 1: `keepalive` needs 1 to 255 probes (MUST-29: never one lost probe)"),
            ("> SYN seq=0", "line 1: `>` lines are what a stack sent; write them as comments (`#>`)"),
            ("<", "line 1: `<` needs control bits, e.g. `< SYN seq=0`"),
        ];
        for (text, message) in cases {
            assert_eq!(parse(text).unwrap_err().to_string(), message, "{text:?}");
        }
    }
}
