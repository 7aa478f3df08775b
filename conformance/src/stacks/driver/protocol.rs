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
