//! The rules the endpoint applies, each with its place in RFC 9293 and the
//! numbered requirements (Appendix B) it rests on.
//!
//! The endpoint names, in [`Output::rules`](crate::Output::rules), every rule
//! that decided what it did on an event. A conformance report grades a
//! stack that did otherwise by those rules: what the RFC's own requirement
//! levels make of breaking them. The rule is still written once, in the
//! endpoint; this module only says where it comes from.
//!
//! ```
//! use synack_model::rule::{Keyword, Rule};
//! assert_eq!(Rule::TimeWaitLingers.requirements(), ["MUST-13"]);
//! assert_eq!(Rule::TimeWaitLingers.keyword(), Keyword::Must);
//! // Most of §3.10 is text with no numbered requirement:
//! assert!(Rule::ListenAckReset.requirements().is_empty());
//! assert_eq!(Rule::ListenAckReset.keyword(), Keyword::Text);
//! ```

use serde::{Deserialize, Serialize};
use smallvec::SmallVec;
use std::fmt;

/// How strongly RFC 9293 asks for something (BCP 14 keywords), or that it
/// uses none: the text of §3.10 describes "one possible implementation"
/// whose substance, not detail, other implementations share.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Keyword {
    /// MUST or MUST NOT.
    Must,
    /// SHOULD or SHOULD NOT (and RFC 1122's REC).
    Should,
    /// MAY: the implementation chooses.
    May,
    /// No keyword: procedure text.
    Text,
}

impl fmt::Display for Keyword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Keyword::Must => "MUST",
            Keyword::Should => "SHOULD",
            Keyword::May => "MAY",
            Keyword::Text => "text",
        })
    }
}

/// A numbered requirement of RFC 9293 (Appendix B, Table 8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Requirement {
    /// Its ReqID: `MUST-13`, `SHLD-31`, `MAY-12`.
    pub id: &'static str,
    /// Its column in Table 8 (MUST NOT counts as MUST, SHOULD NOT as SHOULD).
    pub level: Keyword,
    /// The feature, in Table 8's words.
    pub feature: &'static str,
}

/// The requirements of Table 8 that the endpoint's rules cite. The ID's
/// prefix gives the level except where Table 8 ticks another column
/// (MAY-5, MAY-10 and MAY-11 sit under SHOULD; SHLD-25 under MUST): the
/// column decides.
pub const REQUIREMENTS: &[Requirement] = &[
    req(
        "MUST-10",
        Keyword::Must,
        "Support simultaneous open attempts",
    ),
    req(
        "MUST-11",
        Keyword::Must,
        "SYN-RECEIVED remembers last state",
    ),
    req(
        "MUST-12",
        Keyword::Must,
        "Inform application of aborted conn",
    ),
    req(
        "MUST-13",
        Keyword::Must,
        "In TIME-WAIT state for 2MSL seconds",
    ),
    req("MAY-2", Keyword::May, "Accept SYN from TIME-WAIT state"),
    req("MAY-1", Keyword::May, "Half-duplex close connections"),
    req(
        "MUST-19",
        Keyword::Must,
        "Implement exponential backoff, slow start, and congestion avoidance",
    ),
    req(
        "MUST-20",
        Keyword::Must,
        "Close connection on R2 retransmissions",
    ),
    req("SHLD-31", Keyword::Should, "Queue out-of-order segments"),
    req("MAY-13", Keyword::May, "Send ACK for out-of-order segment"),
    req(
        "MAY-12",
        Keyword::May,
        "Implement data injection protection (RFC 5961)",
    ),
    req("MAY-5", Keyword::Should, "Send Keep-alive Packets"),
    req("MUST-25", Keyword::Must, "Keep-alive default is \"off\""),
    req(
        "MUST-26",
        Keyword::Must,
        "Keep-alive only send if idle for interval",
    ),
    req("MUST-29", Keyword::Must, "Keep-alive tolerant of lost ACKs"),
    req("SHLD-12", Keyword::Should, "Keep-alive send with no data"),
];

const fn req(id: &'static str, level: Keyword, feature: &'static str) -> Requirement {
    Requirement { id, level, feature }
}

/// The requirement with this ReqID, if a rule cites it.
pub fn requirement(id: &str) -> Option<&'static Requirement> {
    REQUIREMENTS.iter().find(|r| r.id == id)
}

macro_rules! rules {
    ($( $(#[$doc:meta])* $name:ident = $id:literal, $section:literal, $keyword:ident, [$($req:literal),*], $says:literal; )*) => {
        /// A rule of RFC 9293 the endpoint applies. Each variant's
        /// [`id`](Rule::id) is a stable name for reports and baselines.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(into = "&'static str")]
        pub enum Rule {
            $( $(#[$doc])* $name, )*
        }

        impl Rule {
            /// Every rule, in the order of RFC 9293 §3.10.
            pub const ALL: &'static [Rule] = &[$(Rule::$name),*];

            /// A stable kebab-case name: `time-wait-lingers`.
            pub fn id(self) -> &'static str {
                match self { $(Rule::$name => $id,)* }
            }

            /// Where RFC 9293 writes it: `§3.10.7.4 fifth step, LAST-ACK`.
            pub fn section(self) -> &'static str {
                match self { $(Rule::$name => $section,)* }
            }

            /// The keyword its own sentence uses; [`Keyword::Text`] when none.
            pub fn keyword(self) -> Keyword {
                match self { $(Rule::$name => Keyword::$keyword,)* }
            }

            /// The numbered requirements (Appendix B) it rests on; empty when
            /// it rests on procedure text alone.
            pub fn requirements(self) -> &'static [&'static str] {
                match self { $(Rule::$name => &[$($req),*],)* }
            }

            /// What it says, briefly, in the RFC's terms.
            pub fn says(self) -> &'static str {
                match self { $(Rule::$name => $says,)* }
            }
        }
    };
}

rules! {
    /// OPEN, passive, in CLOSED.
    OpenPassive = "open-passive", "§3.10.1 OPEN, CLOSED", Text, [],
        "a passive OPEN enters LISTEN";
    /// OPEN, active, in CLOSED.
    OpenActive = "open-active", "§3.10.1 OPEN, CLOSED", Text, [],
        "an active OPEN sends <SEQ=ISS><CTL=SYN> and enters SYN-SENT";
    /// OPEN, active, in LISTEN.
    OpenListenActive = "open-listen-active", "§3.10.1 OPEN, LISTEN", Text, [],
        "an active OPEN on a listening connection makes it active: SYN, SYN-SENT";
    /// OPEN on a connection that exists.
    OpenExists = "open-exists", "§3.10.1 OPEN (§3.9.1 interface)", Text, [],
        "error: connection already exists; nothing else changes";
    /// SEND in CLOSED or LISTEN.
    SendRefused = "send-refused", "§3.10.2 SEND, CLOSED, LISTEN (§3.9.1 interface)", Text, [],
        "error: connection does not exist / remote socket unspecified";
    /// SEND before ESTABLISHED.
    SendQueued = "send-queued", "§3.10.2 SEND, SYN-SENT, SYN-RECEIVED", Text, [],
        "queue the data for transmission after entering ESTABLISHED";
    /// SEND when synchronized.
    SendSegmentize = "send-segmentize", "§3.10.2 SEND, ESTABLISHED, CLOSE-WAIT", Text, [],
        "segmentize the buffer and send it with a piggybacked acknowledgment";
    /// SEND after CLOSE.
    SendClosing = "send-closing", "§3.10.2 SEND, FIN-WAIT-1 and later (§3.9.1 interface)", Text, [],
        "error: connection closing; do not service the request";
    /// CLOSE in CLOSED, or CLOSE again.
    CloseRefused = "close-refused", "§3.10.4 CLOSE (§3.9.1 interface)", Text, [],
        "error: connection does not exist / connection closing";
    /// CLOSE before anything was sent to the peer.
    CloseDeletes = "close-deletes", "§3.10.4 CLOSE, LISTEN, SYN-SENT", Text, [],
        "delete the TCB and enter CLOSED; no segment";
    /// CLOSE in SYN-RECEIVED.
    CloseSynReceived = "close-syn-received", "§3.10.4 CLOSE, SYN-RECEIVED", Text, [],
        "with nothing to send, form a FIN segment, send it and enter FIN-WAIT-1";
    /// CLOSE in ESTABLISHED.
    CloseEstablished = "close-established", "§3.10.4 CLOSE, ESTABLISHED", Text, [],
        "queue a FIN after the data sent, enter FIN-WAIT-1";
    /// CLOSE in CLOSE-WAIT.
    CloseCloseWait = "close-close-wait", "§3.10.4 CLOSE, CLOSE-WAIT", Text, [],
        "send a FIN after the data sent, enter LAST-ACK";
    /// ABORT where no reset is owed.
    AbortSilently = "abort-silently", "§3.10.5 ABORT, LISTEN, SYN-SENT, CLOSING, LAST-ACK, TIME-WAIT", Text, [],
        "delete the TCB, enter CLOSED; no segment";
    /// ABORT of a synchronized connection.
    AbortReset = "abort-reset", "§3.10.5 ABORT, SYN-RECEIVED to CLOSE-WAIT", Text, [],
        "send <SEQ=SND.NXT><CTL=RST>, delete the TCB, enter CLOSED";
    /// ABORT in CLOSED.
    AbortRefused = "abort-refused", "§3.10.5 ABORT, CLOSED (§3.9.1 interface)", Text, [],
        "error: connection does not exist";
    /// A segment for a closed port.
    ClosedReset = "closed-reset", "§3.10.7.1 CLOSED (§3.5.2 group 1)", Text, [],
        "anything but a RST is answered by a RST: <SEQ=SEG.ACK><CTL=RST> or <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>";
    /// A RST for a closed port.
    ClosedDropsRst = "closed-drops-rst", "§3.10.7.1 CLOSED", Text, [],
        "an incoming segment containing a RST is discarded";
    /// LISTEN: RST.
    ListenIgnoresRst = "listen-ignores-rst", "§3.10.7.2 LISTEN, first", Text, [],
        "an incoming RST should be ignored";
    /// LISTEN: ACK.
    ListenAckReset = "listen-ack-reset", "§3.10.7.2 LISTEN, second", Text, [],
        "any acknowledgment is bad in LISTEN: <SEQ=SEG.ACK><CTL=RST>";
    /// LISTEN: SYN.
    ListenSyn = "listen-syn", "§3.10.7.2 LISTEN, third", Text, [],
        "a SYN: <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>, enter SYN-RECEIVED";
    /// LISTEN: anything else.
    ListenDrops = "listen-drops", "§3.10.7.2 LISTEN, fourth", Text, [],
        "any other segment: drop it";
    /// SYN-SENT: unacceptable ACK.
    SynSentBadAck = "syn-sent-bad-ack", "§3.10.7.3 SYN-SENT, first (§3.5.2 group 2)", Text, [],
        "SEG.ACK =< ISS or > SND.NXT: <SEQ=SEG.ACK><CTL=RST> (drop if RST)";
    /// SYN-SENT: RST.
    SynSentReset = "syn-sent-reset", "§3.10.7.3 SYN-SENT, second", Text, [],
        "a RST with an acceptable ACK: connection reset, enter CLOSED; without ACK: drop";
    /// SYN-SENT: SYN acknowledging ours.
    SynSentEstablished = "syn-sent-established", "§3.10.7.3 SYN-SENT, fourth", Text, [],
        "a SYN that ACKs our SYN: enter ESTABLISHED, send <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>";
    /// SYN-SENT: SYN alone (simultaneous open).
    SynSentSimultaneous = "syn-sent-simultaneous", "§3.10.7.3 SYN-SENT, fourth; §3.5", Text, ["MUST-10"],
        "a SYN without ACK: enter SYN-RECEIVED, send <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>";
    /// SYN-SENT: neither SYN nor RST.
    SynSentDrops = "syn-sent-drops", "§3.10.7.3 SYN-SENT, fifth", Text, [],
        "neither SYN nor RST: drop the segment";
    /// Sequence check failed.
    Unacceptable = "unacceptable-ack", "§3.10.7.4 first step (Table 6)", Text, [],
        "an unacceptable segment is answered by <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> (a RST is dropped)";
    /// TIME-WAIT: the peer's FIN again.
    TimeWaitFinAgain = "time-wait-fin-again", "§3.10.7.4 fifth step, TIME-WAIT", Text, [],
        "a retransmitted FIN: acknowledge it and restart the 2 MSL timeout";
    /// RST in the window but not at RCV.NXT (RFC 5961 §3).
    RstChallenge = "rst-challenge-ack", "§3.10.7.4 second step (RFC 5961 §3)", Must, [],
        "with RFC 5961: an in-window RST not at RCV.NXT MUST get a challenge ACK and be dropped";
    /// RST in SYN-RECEIVED after a passive OPEN.
    RstToListen = "rst-back-to-listen", "§3.10.7.4 second step, SYN-RECEIVED", Must, ["MUST-11"],
        "a connection from a passive OPEN returns to LISTEN";
    /// RST in SYN-RECEIVED after an active OPEN.
    RstRefused = "rst-refused", "§3.10.7.4 second step, SYN-RECEIVED", Text, ["MUST-11", "MUST-12"],
        "a connection from an active OPEN: connection refused, enter CLOSED";
    /// RST in a synchronized state.
    RstResets = "rst-resets", "§3.10.7.4 second step, ESTABLISHED to CLOSE-WAIT", Must, ["MUST-12"],
        "a RST at exactly RCV.NXT MUST reset the connection (RFC 5961 §3): the user is told, the TCB deleted, CLOSED";
    /// RST in the window but not at RCV.NXT, without RFC 5961.
    RstInWindow = "rst-in-window", "§3.10.7.4 second step (without RFC 5961: RFC 793)", Text, [],
        "without RFC 5961, a RST anywhere in the window resets the connection";
    /// RST in CLOSING, LAST-ACK, TIME-WAIT.
    RstCloses = "rst-closes", "§3.10.7.4 second step, CLOSING, LAST-ACK, TIME-WAIT", Must, [],
        "a RST at exactly RCV.NXT MUST reset the connection (RFC 5961 §3): enter CLOSED, delete the TCB";
    /// RST in TIME-WAIT, with RFC 1337.
    RstTimeWaitIgnored = "rst-time-wait-ignored", "RFC 1337 §3 (informational; §3.10.7.4 second step allows it, Section 7)", May, [],
        "a RST does not assassinate TIME-WAIT";
    /// A new SYN reopens TIME-WAIT (MAY-2).
    TimeWaitReopen = "time-wait-reopen", "§3.6.1 (MAY-2)", May, ["MAY-2"],
        "a new SYN above RCV.NXT may reopen the connection from TIME-WAIT: an ISS above the old numbers, SYN,ACK, SYN-RECEIVED; back to TIME-WAIT if it was an old duplicate";
    /// Text and FIN on a SYN, held for ESTABLISHED.
    SynTextQueued = "syn-text-queued", "§3.10.7.3 fourth step (§3.10.7.2 third step)", Text, [],
        "other controls or text in a SYN: queue them for processing after the ESTABLISHED state has been reached";
    /// SYN in SYN-RECEIVED after a passive OPEN.
    SynToListen = "syn-back-to-listen", "§3.10.7.4 fourth step, SYN-RECEIVED", Text, [],
        "a SYN in a passively opened SYN-RECEIVED: return to LISTEN";
    /// SYN in a synchronized state (RFC 5961 §4).
    SynChallenge = "syn-challenge-ack", "§3.10.7.4 fourth step (RFC 5961 §4)", Must, [],
        "a SYN in a synchronized state MUST get a challenge ACK and be dropped";
    /// SYN in the window without RFC 5961.
    SynResets = "syn-resets", "§3.10.7.4 fourth step (without RFC 5961)", Text, [],
        "a SYN in the window is an error: send a reset, enter CLOSED";
    /// ACK bit off.
    NoAckDrops = "no-ack-drops", "§3.10.7.4 fifth step (ACK bit off)", Text, [],
        "if the ACK bit is off, drop the segment";
    /// ACK outside RFC 5961's range.
    AckChallenge = "ack-challenge", "§3.10.7.4 fifth step (RFC 5961 §5)", Must, ["MAY-12"],
        "with RFC 5961: SEG.ACK outside SND.UNA-MAX.SND.WND..SND.NXT MUST be discarded and an ACK sent back";
    /// SYN-RECEIVED: ACK of our SYN.
    SynReceivedEstablished = "syn-received-established", "§3.10.7.4 fifth step, SYN-RECEIVED", Text, [],
        "SND.UNA < SEG.ACK =< SND.NXT: enter ESTABLISHED (FIN-WAIT-1 if CLOSE was called)";
    /// SYN-RECEIVED: unacceptable ACK.
    SynReceivedBadAck = "syn-received-bad-ack", "§3.10.7.4 fifth step, SYN-RECEIVED (§3.5.2 group 2)", Text, [],
        "an unacceptable acknowledgment: <SEQ=SEG.ACK><CTL=RST>";
    /// ACK of something not yet sent.
    AckBeyond = "ack-beyond", "§3.10.7.4 fifth step, ESTABLISHED", Text, [],
        "SEG.ACK > SND.NXT: send an ACK, drop the segment";
    /// ACK advancing SND.UNA.
    AckAdvances = "ack-advances", "§3.10.7.4 fifth step, ESTABLISHED", Text, [],
        "SND.UNA < SEG.ACK =< SND.NXT: SND.UNA = SEG.ACK, acknowledged text leaves the queue";
    /// ACK of nothing new.
    AckDuplicate = "ack-duplicate", "§3.10.7.4 fifth step, ESTABLISHED", Text, [],
        "SEG.ACK =< SND.UNA: a duplicate, it can be ignored (text and FIN are still processed)";
    /// FIN-WAIT-1: our FIN acknowledged.
    FinWait1Acked = "fin-wait-1-acked", "§3.10.7.4 fifth step, FIN-WAIT-1", Text, [],
        "if our FIN is now acknowledged, enter FIN-WAIT-2";
    /// CLOSING: our FIN acknowledged.
    ClosingAcked = "closing-acked", "§3.10.7.4 fifth step, CLOSING", Text, [],
        "if the ACK acknowledges our FIN, enter TIME-WAIT, else ignore the segment";
    /// LAST-ACK: our FIN acknowledged.
    LastAckAcked = "last-ack-acked", "§3.10.7.4 fifth step, LAST-ACK", Text, [],
        "if our FIN is now acknowledged, delete the TCB, enter CLOSED";
    /// Out-of-order segment.
    OutOfOrder = "out-of-order", "§3.10.7.4 first step (hold it, SHLD-31); seventh step (ACK it, MAY-13)", Should, ["SHLD-31", "MAY-13"],
        "a segment beyond RCV.NXT SHOULD be held; this endpoint acknowledges RCV.NXT at once";
    /// Text in order.
    Text = "text", "§3.10.7.4 seventh step, ESTABLISHED to FIN-WAIT-2", Text, [],
        "deliver the text, advance RCV.NXT, send <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> (piggybacked if possible)";
    /// Text after the peer's FIN.
    TextAfterFin = "text-after-fin", "§3.10.7.4 seventh step, CLOSE-WAIT to TIME-WAIT", Text, [],
        "text after a FIN should not occur: ignore it";
    /// FIN in order.
    Fin = "fin", "§3.10.7.4 eighth step", Text, [],
        "advance RCV.NXT over the FIN and acknowledge it; ESTABLISHED -> CLOSE-WAIT, FIN-WAIT-1 -> CLOSING or TIME-WAIT, FIN-WAIT-2 -> TIME-WAIT";
    /// Retransmission.
    Retransmit = "retransmit", "§3.10.8 RETRANSMISSION TIMEOUT; §3.8.1", Text, [],
        "send the segment at the front of the retransmission queue again, restart the timer";
    /// R2 reached.
    GiveUp = "give-up", "§3.8.3 R2; §3.10.8", Must, ["MUST-20"],
        "after R2 retransmissions, close the connection";
    /// TIME-WAIT: no early exit.
    TimeWaitLingers = "time-wait-lingers", "§3.6.1 (MUST-13)", Must, ["MUST-13"],
        "an active closer lingers in TIME-WAIT for 2xMSL";
    /// TIME-WAIT expiry.
    TimeWaitExpires = "time-wait-expires", "§3.10.8 TIME-WAIT TIMEOUT", Text, ["MUST-13"],
        "after 2 MSL, delete the TCB and enter CLOSED";
    /// Keep-alive probe.
    KeepAliveProbe = "keep-alive-probe", "§3.8.4 (probe an idle connection)", Should, ["MAY-5", "SHLD-12"],
        "probe an idle connection with <SEQ=SND.NXT-1><CTL=ACK>";
    /// Keep-alive: peer declared dead.
    KeepAliveGiveUp = "keep-alive-give-up", "§3.8.4 (peer unresponsive)", Text, [],
        "after the probes go unanswered, the connection is given up";
}

impl From<Rule> for &'static str {
    fn from(rule: Rule) -> &'static str {
        rule.id()
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Rule {
    /// The rule called `id`.
    pub fn by_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.id() == id)
    }

    /// The strongest level among the rule's own keyword and the
    /// requirements it rests on.
    pub fn level(self) -> Keyword {
        self.requirements()
            .iter()
            .filter_map(|id| requirement(id).map(|r| r.level))
            .chain([self.keyword()])
            .min()
            .unwrap_or(Keyword::Text)
    }

    /// Whether all it asks is that the connection stay in its state
    /// (TIME-WAIT's MUST-13): broken only by a stack that left it.
    pub fn asserts_only_state(self) -> bool {
        self == Rule::TimeWaitLingers
    }

    /// Whether it answers a user call with an error: how the error reaches
    /// the user is the interface's, which §3.9.1 leaves to implementations
    /// ("different TCP implementations may have different user interfaces").
    pub fn is_interface(self) -> bool {
        matches!(
            self,
            Rule::OpenExists
                | Rule::SendRefused
                | Rule::SendClosing
                | Rule::CloseRefused
                | Rule::AbortRefused
        )
    }
}

/// The rules applied on one event, in order. Inline: the model checker
/// makes an [`Output`](crate::Output) for every step it takes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rules(SmallVec<[Rule; 8]>);

impl Rules {
    /// Note that `rule` decided part of what happened.
    pub fn push(&mut self, rule: Rule) {
        if !self.0.contains(&rule) {
            self.0.push(rule);
        }
    }

    /// The rules, in the order applied.
    pub fn as_slice(&self) -> &[Rule] {
        &self.0
    }

    /// Whether no rule was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cited_requirement_is_known() {
        for rule in Rule::ALL {
            for id in rule.requirements() {
                assert!(requirement(id).is_some(), "{rule}: {id} unknown");
            }
        }
    }

    #[test]
    fn ids_are_unique_and_round_trip() {
        for rule in Rule::ALL {
            assert_eq!(Rule::by_id(rule.id()), Some(*rule));
        }
        let mut ids: Vec<_> = Rule::ALL.iter().map(|r| r.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Rule::ALL.len());
    }

    #[test]
    fn level_is_the_strongest() {
        assert_eq!(Rule::OutOfOrder.level(), Keyword::Should);
        assert_eq!(Rule::TimeWaitExpires.level(), Keyword::Must);
        assert_eq!(Rule::ListenSyn.level(), Keyword::Text);
        assert_eq!(Rule::AckChallenge.level(), Keyword::Must);
    }
}
