//! The driver side of the protocol, for a [`Stack`] written in Rust: what
//! `synack-reference-driver` runs. It shows the protocol end to end (the
//! reference behind it must pass everything) and is a template for a
//! driver in another language.

use super::hex;
use super::protocol::{MS_PER_TICK, VERSION};
use crate::stack::{Call, Stack};
use crate::wire::{self, Packet, PEER, STACK};
use serde_json::{json, Value};
use std::io::{self, BufRead, Write};

/// Serve stacks made by `make` over `input` and `output`, one request a
/// line, until `quit` or the end of `input`. `name` is what `hello` says.
/// Only I/O errors end it early: a bad request is answered with `fail`.
pub fn serve(
    make: &dyn Fn() -> Box<dyn Stack>,
    name: &str,
    input: impl BufRead,
    mut output: impl Write,
) -> io::Result<()> {
    let mut server = Server {
        make,
        name,
        stack: make(),
        spare_ms: 0,
    };
    for line in input.lines() {
        let line = line?;
        let request = serde_json::from_str::<Value>(&line).unwrap_or(Value::Null);
        if request.get("op").and_then(Value::as_str) == Some("quit") {
            break;
        }
        let answer = server
            .answer(&request)
            .unwrap_or_else(|fail| json!({ "fail": fail }));
        writeln!(output, "{answer}")?;
        output.flush()?;
    }
    Ok(())
}

struct Server<'a> {
    make: &'a dyn Fn() -> Box<dyn Stack>,
    name: &'a str,
    stack: Box<dyn Stack>,
    /// Milliseconds advanced that do not make a whole tick yet.
    spare_ms: u64,
}

impl Server<'_> {
    fn answer(&mut self, request: &Value) -> Result<Value, String> {
        let op = request.get("op").and_then(Value::as_str).unwrap_or("");
        let call = |c: Call, stack: &mut Box<dyn Stack>| match stack.call(&c) {
            Ok(()) => json!({"result": "ok"}),
            Err(e) => json!({"result": "error", "error": e.0}),
        };
        Ok(match op {
            "hello" => json!({
                "version": VERSION, "name": self.name,
                "state": true, "received": true, "keepalive": true,
            }),
            "reset" => {
                self.stack = (self.make)();
                self.spare_ms = 0;
                json!({})
            }
            "listen" => call(Call::Listen, &mut self.stack),
            "connect" => call(Call::Connect, &mut self.stack),
            "close" => call(Call::Close, &mut self.stack),
            "abort" => call(Call::Abort, &mut self.stack),
            "send" => {
                let data = hex::decode(field(request, "data")?)?;
                call(Call::Send(data), &mut self.stack)
            }
            "inject" => {
                let bytes = hex::decode(field(request, "packet")?)?;
                let packet = wire::decode(&bytes).map_err(|e| e.to_string())?;
                self.stack.inject(&packet.segment);
                json!({})
            }
            "advance" => {
                let ms = request
                    .get("ms")
                    .and_then(Value::as_u64)
                    .ok_or("advance without ms")?;
                let total = self.spare_ms + ms;
                self.spare_ms = total % MS_PER_TICK;
                let ticks = u32::try_from(total / MS_PER_TICK).map_err(|e| e.to_string())?;
                if ticks > 0 {
                    self.stack.advance(ticks);
                }
                json!({})
            }
            "emitted" => {
                let segments = self.stack.emitted().map_err(|e| e.to_string())?;
                let packets: Vec<String> = segments
                    .into_iter()
                    .map(|segment| {
                        hex::encode(&wire::encode(&Packet {
                            src: STACK,
                            dst: PEER,
                            segment,
                        }))
                    })
                    .collect();
                json!({ "packets": packets })
            }
            "state" => json!({ "state": self.stack.state().map(|s| s.rfc_name()) }),
            "received" => {
                let data = self.stack.received().unwrap_or_default();
                json!({ "data": hex::encode(&data) })
            }
            "keepalive" => {
                let ticks = |name: &str| {
                    request
                        .get(name)
                        .and_then(Value::as_u64)
                        .map(|ms| (ms / super::protocol::TICK_MS) as u32)
                        .ok_or(format!("no {name}"))
                };
                let probes = request
                    .get("count")
                    .and_then(Value::as_u64)
                    .and_then(|n| u8::try_from(n).ok())
                    .ok_or("no count")?;
                let k = synack_model::Keepalive {
                    idle: ticks("idle_ms")?,
                    interval: ticks("interval_ms")?,
                    probes,
                };
                match self.stack.call(&Call::KeepAlive(k)) {
                    Ok(()) => json!({}),
                    Err(e) => json!({ "fail": e.0 }),
                }
            }
            other => return Err(format!("unknown op {other:?}")),
        })
    }
}

fn field<'v>(request: &'v Value, name: &str) -> Result<&'v str, String> {
    request
        .get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("no {name}"))
}
