//! Driver processes kept between cases: the suite makes one stack a case,
//! and starting a process (an interpreter, say) for each would cost more
//! than the case. A stack takes an idle process, `reset`s it, and gives it
//! back if nothing went wrong; a process that failed is killed instead.

use super::process::Process;
use super::protocol::{self, Hello};
use std::sync::Mutex;
use std::time::Duration;

/// A process that answered `hello`.
pub struct Ready {
    /// The process.
    pub process: Process,
    /// What it said about itself.
    pub hello: Hello,
}

/// Idle driver processes of one command, started on demand.
pub struct Pool {
    argv: Vec<String>,
    timeout: Duration,
    /// Whether processes are reused between cases (else one a case).
    reuse: bool,
    idle: Mutex<Vec<Ready>>,
}

impl Pool {
    /// A pool of `argv` processes; each request may take `timeout`.
    pub fn new(argv: Vec<String>, timeout: Duration, reuse: bool) -> Pool {
        Pool {
            argv,
            timeout,
            reuse,
            idle: Mutex::new(Vec::new()),
        }
    }

    /// How long one request may take.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// An idle process, if one waits: it may have died since its last case.
    pub fn idle(&self) -> Option<Ready> {
        self.lock().pop()
    }

    /// An idle process, or a new one that answered `hello`.
    pub fn take(&self) -> Result<Ready, String> {
        if let Some(ready) = self.idle() {
            return Ok(ready);
        }
        self.start()
    }

    /// A new process that answered `hello`.
    pub fn start(&self) -> Result<Ready, String> {
        let mut process = Process::spawn(&self.argv)?;
        let answer = process.ask(&protocol::hello(), self.timeout)?;
        let hello = protocol::parse_hello(&answer)?;
        Ok(Ready { process, hello })
    }

    /// A healthy process back, for the next case.
    pub fn give_back(&self, ready: Ready) {
        if self.reuse {
            self.lock().push(ready);
        } else {
            ready.process.quit();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Ready>> {
        // A panic elsewhere while holding the lock leaves a valid Vec.
        self.idle.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for Pool {
    /// The run is over: every idle process quits, and is reaped.
    fn drop(&mut self) {
        for ready in self.lock().drain(..) {
            ready.process.quit();
        }
    }
}
