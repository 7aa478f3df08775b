//! A stack in any language, behind a child process that speaks the driver
//! protocol (docs/driver-protocol.md): JSON lines over its stdin and
//! stdout. `synack conform --driver 'CMD ARGS'`.
//!
//! The [`Stack`] methods cannot fail (but `call` and `emitted`), so a
//! driver that dies, hangs, writes garbage or answers `fail` is recorded
//! as the stack's failure, its process is killed, and the next
//! [`Stack::emitted`] returns [`WireError::Driver`]: the case fails as
//! *malformed* with one line saying what happened, and the suite goes on.
//!
//! * [`words`]: the command line, split without a shell;
//! * [`process`]: one child, a line out and a line back, killed and reaped;
//! * [`protocol`]: the request and answer shapes, version 1;
//! * [`pool`]: processes kept between cases;
//! * [`serve`]: the other side, any [`Stack`] behind the protocol (the
//!   `synack-reference-driver` binary).

mod hex;
pub mod pool;
pub mod process;
pub mod protocol;
pub mod serve;
pub mod words;

use crate::stack::{Call, CallError, Factory, Stack};
use crate::wire::{self, Packet, WireError, PEER, STACK};
use pool::{Pool, Ready};
use serde_json::{json, Value};
use std::cell::RefCell;
use std::sync::Arc;
use std::time::Duration;
use synack_model::{Segment, State, Ticks};

/// How long one request may take, for cases limited to `limit`: a little
/// less, so a hung driver fails its case with the driver's own one-line
/// reason before the suite gives up on the case's thread.
pub fn request_timeout(limit: Duration) -> Duration {
    limit.mul_f64(0.9)
}

/// A driver that started and said hello.
pub struct Started {
    /// Its name, for reports.
    pub name: String,
    /// The facts it declares about its stack, if any: the profile to judge
    /// it by unless the user names another.
    pub declares: Option<crate::Profile>,
    /// Stacks that share its processes.
    pub make: Factory,
}

/// Start the driver `command` (split by [`words::split`]) and say hello;
/// else one line saying why it cannot run (the CLI exits 2 with it).
pub fn start(command: &str, limit: Duration) -> Result<Started, String> {
    let argv = words::split(command)?;
    let pool = Arc::new(Pool::new(argv, request_timeout(limit), true));
    let ready = pool.take()?;
    let (name, declares) = (ready.hello.name.clone(), ready.hello.declares.clone());
    pool.give_back(ready);
    Ok(Started {
        name,
        declares,
        make: factory(pool),
    })
}

/// A factory of [`Driver`]s over `pool`'s processes. A process that cannot
/// be started fails each case it was needed for, as any broken driver.
pub fn factory(pool: Arc<Pool>) -> Factory {
    Arc::new(move || Box::new(Driver::new(pool.clone())) as Box<dyn Stack>)
}

/// A stack behind a driver process, for one case.
pub struct Driver {
    pool: Arc<Pool>,
    /// `None` once the driver failed (its process is then killed).
    ready: RefCell<Option<Ready>>,
    /// The first failure, reported by the next `emitted`.
    failure: RefCell<Option<String>>,
}

impl Driver {
    /// A stack on a process of `pool`, `reset` for a new case.
    pub fn new(pool: Arc<Pool>) -> Driver {
        let driver = Driver {
            pool,
            ready: RefCell::new(None),
            failure: RefCell::new(None),
        };
        // An idle process that cannot reset (it died while it waited) is
        // not this case's fault: it is dropped, and a new one tried.
        if let Some(mut ready) = driver.pool.idle() {
            let reset = ready
                .process
                .ask(&protocol::op("reset"), driver.pool.timeout());
            if reset.is_ok_and(|answer| protocol::check_fail(&answer).is_ok()) {
                *driver.ready.borrow_mut() = Some(ready);
                return driver;
            }
        }
        match driver.pool.start() {
            Ok(ready) => {
                *driver.ready.borrow_mut() = Some(ready);
                if let Some(answer) = driver.ask(&protocol::op("reset")) {
                    driver.check(protocol::check_fail(&answer));
                }
            }
            Err(e) => driver.fail(e),
        }
        driver
    }

    /// Ask the process; `None` (and the driver failed) if it cannot answer.
    fn ask(&self, request: &Value) -> Option<Value> {
        let mut ready = self.ready.borrow_mut();
        let answer = ready.as_mut()?.process.ask(request, self.pool.timeout());
        drop(ready);
        match answer {
            Ok(answer) => Some(answer),
            Err(e) => {
                self.fail(e);
                None
            }
        }
    }

    /// Record the first failure and kill the process (dropping it does).
    fn fail(&self, why: String) {
        self.failure.borrow_mut().get_or_insert(why);
        drop(self.ready.borrow_mut().take());
    }

    /// The value of `result`, or the driver failed.
    fn check<T>(&self, result: Result<T, String>) -> Option<T> {
        result.map_err(|e| self.fail(e)).ok()
    }

    /// The packets the driver sent, decoded; non-TCP ones skipped.
    fn segments(&self, answer: &Value) -> Result<Vec<Segment>, WireError> {
        let packets = protocol::packets(answer).map_err(WireError::Driver)?;
        let mut segments = Vec::new();
        for text in packets {
            let bytes =
                hex::decode(text).map_err(|e| WireError::Driver(format!("a packet {e}")))?;
            match wire::decode(&bytes) {
                Ok(packet) => segments.push(packet.segment),
                // Only TCP matters: the stack may send ICMP, say.
                Err(WireError::NotTcp(_)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(segments)
    }
}

impl Stack for Driver {
    fn call(&mut self, call: &Call) -> Result<(), CallError> {
        let request = match call {
            Call::Listen => protocol::op("listen"),
            Call::Connect => protocol::op("connect"),
            Call::Send(data) => json!({"op": "send", "data": hex::encode(data)}),
            Call::Close => protocol::op("close"),
            Call::Abort => protocol::op("abort"),
            Call::KeepAlive(k) => {
                let can = self
                    .ready
                    .borrow()
                    .as_ref()
                    .is_some_and(|r| r.hello.keepalive);
                if !can {
                    return Err(CallError("the driver does not do keep-alive".into()));
                }
                let ms = |ticks: u32| u64::from(ticks) * protocol::TICK_MS;
                json!({"op": "keepalive", "idle_ms": ms(k.idle),
                       "interval_ms": ms(k.interval), "count": k.probes})
            }
        };
        if let Call::KeepAlive(_) = call {
            // Answered `{}`, or `fail` if the driver cannot after all.
            let answer = self.ask(&request);
            return match answer.map(|a| protocol::check_fail(&a)) {
                Some(Err(why)) => Err(CallError(why)),
                _ => Ok(()),
            };
        }
        // A broken driver fails at the next `emitted`, not as a refusal.
        let Some(answer) = self.ask(&request) else {
            return Ok(());
        };
        match self.check(protocol::call_result(&answer)) {
            Some(Some(refusal)) => Err(CallError(refusal)),
            _ => Ok(()),
        }
    }

    fn inject(&mut self, segment: &Segment) {
        let packet = wire::encode(&Packet {
            src: PEER,
            dst: STACK,
            segment: segment.clone(),
        });
        let request = json!({"op": "inject", "packet": hex::encode(&packet)});
        if let Some(answer) = self.ask(&request) {
            self.check(protocol::check_fail(&answer));
        }
    }

    fn advance(&mut self, ticks: Ticks) {
        let request = json!({"op": "advance", "ms": u64::from(ticks) * protocol::MS_PER_TICK});
        if let Some(answer) = self.ask(&request) {
            self.check(protocol::check_fail(&answer));
        }
    }

    fn emitted(&mut self) -> Result<Vec<Segment>, WireError> {
        if let Some(why) = self.failure.borrow().clone() {
            return Err(WireError::Driver(why));
        }
        let answer = self.ask(&protocol::op("emitted"));
        // Cloned first: a `Ref` in the match would outlive `fail` below.
        let failure = self.failure.borrow().clone();
        match (answer, failure) {
            (Some(answer), None) => {
                let segments = self.segments(&answer);
                if let Err(e) = &segments {
                    // Garbage from the driver: no process to trust after.
                    self.fail(e.to_string());
                }
                segments
            }
            (_, why) => Err(WireError::Driver(why.unwrap_or_default())),
        }
    }

    fn state(&self) -> Option<State> {
        let can_tell = self.ready.borrow().as_ref()?.hello.state;
        if !can_tell {
            return None;
        }
        let answer = self.ask(&protocol::op("state"))?;
        let name = self.check(protocol::state_name(&answer))??;
        self.check(State::from_rfc_name(name).ok_or_else(|| format!("no such state: {name:?}")))
    }

    fn received(&mut self) -> Option<Vec<u8>> {
        let can_tell = self.ready.borrow().as_ref()?.hello.received;
        if !can_tell {
            return None;
        }
        let answer = self.ask(&protocol::op("received"))?;
        self.check(protocol::received_data(&answer))
    }
}

impl Drop for Driver {
    /// A healthy process serves the next case; a failed one is gone.
    fn drop(&mut self) {
        if let Some(ready) = self.ready.get_mut().take() {
            self.pool.give_back(ready);
        }
    }
}
