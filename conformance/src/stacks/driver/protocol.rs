//! The shapes of docs/driver-protocol.md, version 1: the requests synack
//! sends and the checks on what comes back.

use super::process::shorten;
use serde_json::{json, Value};

/// The protocol version synack speaks.
pub const VERSION: u64 = 1;

/// Milliseconds in one tick of the suite: the model's RTO is 2 ticks, a
/// real stack's initial RTO 1 s (RFC 6298).
pub const MS_PER_TICK: u64 = 500;

/// What a driver said about itself in its `hello` answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hello {
    /// Shown in reports.
    pub name: String,
    /// Whether it can report its connection state.
    pub state: bool,
    /// Whether it can report the octets its application received.
    pub received: bool,
    /// Whether it does keep-alive (said, not yet exercised by the suite).
    pub keepalive: bool,
    /// The facts the stack declares about itself (`"declares"`), if any.
    pub declares: Option<crate::Profile>,
}

/// Milliseconds in one tick of the suite.
pub const TICK_MS: u64 = 500;

/// The profile a `hello` answer's `"declares"` object gives: the model's
/// configuration with each field present replaced (timers in ms, rounded
/// to the nearest tick, at least one).
fn declared(name: &str, declares: &Value) -> Result<crate::Profile, String> {
    let mut profile = crate::Profile::strict();
    profile.name = name.to_string();
    let c = &mut profile.config;
    let ticks = |field: &str, into: &mut u32| -> Result<(), String> {
        if let Some(v) = declares.get(field) {
            let ms = v
                .as_u64()
                .ok_or_else(|| format!("declares.{field} is not a number of ms"))?;
            *into = u32::try_from(((ms + TICK_MS / 2) / TICK_MS).max(1))
                .map_err(|_| format!("declares.{field} is too large"))?;
        }
        Ok(())
    };
    ticks("rto_ms", &mut c.rto)?;
    ticks("time_wait_ms", &mut c.time_wait)?;
    if let Some(v) = declares.get("retries") {
        c.max_retries = v
            .as_u64()
            .and_then(|n| u8::try_from(n).ok())
            .ok_or("declares.retries is not a count below 256")?;
    }
    for (field, into) in [
        ("rto_backoff", &mut c.rto_backoff),
        ("rfc5961", &mut c.rfc5961),
        ("rfc5961_syn", &mut c.rfc5961_syn),
        ("rfc5961_ack", &mut c.rfc5961_ack),
        ("rfc1337", &mut c.rfc1337),
        ("time_wait_reopen", &mut c.time_wait_reopen),
        ("syn_text_queued", &mut c.syn_text_queued),
    ] {
        if let Some(v) = declares.get(field) {
            *into = v
                .as_bool()
                .ok_or_else(|| format!("declares.{field} is not true or false"))?;
        }
    }
    Ok(profile)
}

/// The first request of every process.
pub fn hello() -> Value {
    json!({"op": "hello", "version": VERSION})
}

/// Check a `hello` answer: version 1, a name.
pub fn parse_hello(answer: &Value) -> Result<Hello, String> {
    check_fail(answer)?;
    match answer.get("version").and_then(Value::as_u64) {
        Some(VERSION) => {}
        Some(v) => {
            return Err(format!(
                "driver speaks protocol version {v}, synack speaks {VERSION}"
            ))
        }
        None => {
            return Err(format!(
                "a hello answer without a version: {}",
                shorten(&answer.to_string())
            ))
        }
    }
    let name = answer.get("name").and_then(Value::as_str).ok_or_else(|| {
        format!(
            "a hello answer without a name: {}",
            shorten(&answer.to_string())
        )
    })?;
    Ok(Hello {
        name: name.to_string(),
        state: flag(answer, "state"),
        received: flag(answer, "received"),
        keepalive: flag(answer, "keepalive"),
        declares: answer
            .get("declares")
            .map(|d| declared(name, d))
            .transpose()?,
    })
}

/// A boolean field of `hello`'s answer; absent means no.
fn flag(answer: &Value, name: &str) -> bool {
    answer.get(name).and_then(Value::as_bool).unwrap_or(false)
}

/// A request with no fields but its `op`.
pub fn op(name: &str) -> Value {
    json!({ "op": name })
}

/// An error if the answer carries `"fail"`: a broken driver, not a refusal.
pub fn check_fail(answer: &Value) -> Result<(), String> {
    match answer.get("fail") {
        None => Ok(()),
        Some(Value::String(why)) => Err(format!("failed: {}", shorten(why))),
        Some(other) => Err(format!("failed: {}", shorten(&other.to_string()))),
    }
}

/// A call's answer: `Ok(None)` for `"ok"`, `Ok(Some(text))` for a refusal,
/// `Err` for anything else.
pub fn call_result(answer: &Value) -> Result<Option<String>, String> {
    check_fail(answer)?;
    match answer.get("result").and_then(Value::as_str) {
        Some("ok") => Ok(None),
        Some("error") => Ok(Some(
            answer
                .get("error")
                .and_then(Value::as_str)
                .unwrap_or("error")
                .to_string(),
        )),
        _ => Err(format!(
            "a call answered with {}",
            shorten(&answer.to_string())
        )),
    }
}

/// The hex packets of an `emitted` answer.
pub fn packets(answer: &Value) -> Result<Vec<&str>, String> {
    check_fail(answer)?;
    let wrong = || format!("emitted answered with {}", shorten(&answer.to_string()));
    answer
        .get("packets")
        .and_then(Value::as_array)
        .ok_or_else(wrong)?
        .iter()
        .map(|p| p.as_str().ok_or_else(wrong))
        .collect()
}

/// The octets of a `received` answer.
pub fn received_data(answer: &Value) -> Result<Vec<u8>, String> {
    check_fail(answer)?;
    let hex = answer
        .get("data")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("received answered with {}", shorten(&answer.to_string())))?;
    super::hex::decode(hex)
}

/// The state name of a `state` answer; `None` for `null`.
pub fn state_name(answer: &Value) -> Result<Option<&str>, String> {
    check_fail(answer)?;
    match answer.get("state") {
        Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        _ => Err(format!(
            "state answered with {}",
            shorten(&answer.to_string())
        )),
    }
}
