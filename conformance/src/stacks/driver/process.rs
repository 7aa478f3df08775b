//! One driver process: start it, ask it one line and wait for one line
//! back under a time limit, and always kill and reap it in the end.
//!
//! stdout is read by a thread of its own that passes lines over a
//! channel: a blocking read cannot time out, a channel receive can. The
//! thread ends when the process's stdout closes, which killing it does.

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// A line longer than this is garbage, not an answer: it would otherwise
/// let a runaway driver fill synack's memory.
const MAX_LINE: u64 = 16 << 20;

/// A running driver process.
pub struct Process {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<Result<String, String>>,
    /// `SYNACK_DRIVER_LOG`: the conversation, appended.
    log: Option<std::fs::File>,
}

impl Process {
    /// Start `argv` (program first) with piped stdin and stdout; its stderr
    /// goes to synack's only when `SYNACK_DRIVER_LOG` is set.
    pub fn spawn(argv: &[String]) -> Result<Process, String> {
        let (program, args) = argv
            .split_first()
            .ok_or_else(|| "the driver command is empty".to_string())?;
        let log_path = std::env::var_os("SYNACK_DRIVER_LOG");
        let mut child = Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(if log_path.is_some() {
                Stdio::inherit()
            } else {
                Stdio::null()
            })
            .spawn()
            .map_err(|e| format!("cannot start `{program}`: {e}"))?;
        let stdout = child.stdout.take();
        let stdin = child.stdin.take();
        let (tx, lines) = mpsc::channel();
        if let Some(stdout) = stdout {
            let reader = std::thread::Builder::new()
                .name("driver stdout".into())
                .spawn(move || {
                    let mut stdout = BufReader::new(stdout);
                    loop {
                        let mut line = String::new();
                        let read = Read::by_ref(&mut stdout)
                            .take(MAX_LINE)
                            .read_line(&mut line);
                        let message = match read {
                            Ok(0) => Err("closed its stdout".to_string()),
                            Ok(_) if !line.ends_with('\n') && line.len() as u64 >= MAX_LINE => {
                                Err(format!("wrote a line longer than {MAX_LINE} bytes"))
                            }
                            Ok(_) => Ok(line),
                            Err(e) => Err(format!("unreadable output: {e}")),
                        };
                        let end = message.is_err();
                        if tx.send(message).is_err() || end {
                            break;
                        }
                    }
                });
            if let Err(e) = reader {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("cannot start a reader thread: {e}"));
            }
        }
        let log = log_path.and_then(|p| {
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(p)
                .ok()
        });
        Ok(Process {
            child,
            stdin,
            lines,
            log,
        })
    }

    /// Send `request` as one line and return the answer, which must be one
    /// JSON object, within `timeout`. Every error is one line.
    pub fn ask(&mut self, request: &Value, timeout: Duration) -> Result<Value, String> {
        let line = format!("{request}\n");
        self.note(&format!("> {line}"));
        let stdin = self.stdin.as_mut().ok_or("stdin already closed")?;
        if let Err(e) = stdin
            .write_all(line.as_bytes())
            .and_then(|()| stdin.flush())
        {
            return Err(self.gone(&format!("cannot be written to ({e})")));
        }
        let answer = match self.lines.recv_timeout(timeout) {
            Ok(Ok(answer)) => answer,
            Ok(Err(why)) => return Err(self.gone(&why)),
            Err(RecvTimeoutError::Timeout) => {
                return Err(format!("no answer to {request} within {timeout:?}"))
            }
            Err(RecvTimeoutError::Disconnected) => return Err(self.gone("closed its stdout")),
        };
        self.note(&format!("< {answer}"));
        let trimmed = answer.trim_end();
        match serde_json::from_str::<Value>(trimmed) {
            Ok(value) if value.is_object() => Ok(value),
            _ => Err(format!("answered {request} with {}", shorten(trimmed))),
        }
    }

    /// Why the process stopped talking, with its exit status if it exited
    /// (waited for briefly: stdout closes a moment before the exit).
    fn gone(&mut self, why: &str) -> String {
        let deadline = Instant::now() + Duration::from_millis(200);
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => return format!("{why}: the process exited ({status})"),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                _ => return format!("{why} (the process is still running)"),
            }
        }
    }

    fn note(&mut self, line: &str) {
        if let Some(log) = &mut self.log {
            let _ = log.write_all(line.as_bytes());
        }
    }

    /// End a healthy process politely: `quit`, then a moment to exit
    /// before it is killed anyway (Drop).
    pub fn quit(mut self) {
        if let Some(mut stdin) = self.stdin.take() {
            let _ = stdin.write_all(b"{\"op\":\"quit\"}\n");
            // Dropping stdin closes it: EOF ends even a driver that
            // ignores `quit`.
        }
        let deadline = Instant::now() + Duration::from_millis(100);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

impl Drop for Process {
    /// Kill and reap: no driver outlives its use, no zombie is left.
    fn drop(&mut self) {
        drop(self.stdin.take());
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// At most 120 characters of what a driver wrote, so a failure stays one
/// line however much garbage came.
pub fn shorten(text: &str) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    match one_line.char_indices().nth(120) {
        Some((at, _)) => format!("{:?}...", &one_line[..at]),
        None => format!("{one_line:?}"),
    }
}
