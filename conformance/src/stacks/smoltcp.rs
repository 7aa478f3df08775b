//! smoltcp (crates.io), the TCP/IP stack of embedded Rust, behind the
//! [`Stack`] trait: the first real stack the suite checks, all in memory.
//!
//! Each case gets a fresh [`Interface`] on a [`Wire`](device) of medium IP,
//! one TCP socket, and a virtual clock. An injected segment is encoded as
//! an IPv4 packet ([`wire::encode`]), read by `Interface::poll_ingress_single`,
//! and whatever smoltcp sends is decoded back ([`wire::decode`]): bytes that
//! do not decode are a [`WireError`], never a panic.
//!
//! Choices that make smoltcp's output comparable with the endpoint's (the
//! report in `docs/stacks/smoltcp.md` lists them):
//!
//! * delayed ACK off (`set_ack_delay(None)`): the endpoint acknowledges at
//!   once, and a delayed ACK would land in a later event;
//! * Nagle off (`set_nagle_enabled(false)`): the endpoint sends text as
//!   soon as the window allows;
//! * no user timeout and no keep-alive (`set_timeout(None)`,
//!   `set_keep_alive(None)`, smoltcp's defaults): the model's scenarios ask
//!   for neither;
//! * a receive buffer of the endpoint's RCV.WND (4 octets), read empty
//!   after every segment and before smoltcp answers it, so the window it
//!   advertises is the endpoint's (the suite never calls RECEIVE: the
//!   application reads at once);
//! * a fixed random seed ([`RANDOM_SEED`]), so the ISS and every run repeat.
//!
//! Time: one tick is [`TICK`] (500 ms), so smoltcp's initial RTO of one
//! second (RFC 6298 2.1, its minimum too) is the endpoint's 2 ticks, and its
//! TIME-WAIT of 10 s is 20 ticks. `advance` jumps the clock from one
//! `poll_at` deadline to the next instead of waiting.

mod device;
pub mod profile;

use crate::stack::{Call, CallError, Stack};
use crate::wire::{self, Packet, WireError};
use device::Wire;
use smoltcp::iface::{Config, Interface, PollIngressSingleResult, SocketHandle, SocketSet};
use smoltcp::socket::tcp;
use smoltcp::time::{Duration, Instant};
use smoltcp::wire::{HardwareAddress, IpAddress, IpCidr};
use synack_model::{Segment, State, Ticks};

/// How much of smoltcp's time one tick of the suite is.
pub const TICK: Duration = Duration::from_millis(500);

/// The seed of smoltcp's random number generator (its ISS, its ports):
/// fixed, so every run of a case is the same run.
pub const RANDOM_SEED: u64 = 0x5eed_0009_2930;

use crate::wire::{PEER, STACK};

/// Octets of send buffer: far more than a script queues (three octets a
/// call, a few calls a case), so SEND never fails for want of room.
const SEND_BUFFER: usize = 256;

/// Wake-ups one `advance` may take; smoltcp asks for far fewer. A bound,
/// so a stack that keeps asking to be polled "now" cannot hang the case.
const MAX_WAKEUPS: usize = 10_000;

/// smoltcp's interface and one TCP socket, on a virtual clock.
pub struct Smoltcp {
    iface: Interface,
    wire: Wire,
    sockets: SocketSet<'static>,
    socket: SocketHandle,
    now: Instant,
    /// Text the application read and the suite has not collected.
    received: Vec<u8>,
}

impl Smoltcp {
    /// A fresh interface with one closed socket, at time zero.
    pub fn new() -> Smoltcp {
        let mut wire = Wire::default();
        let mut config = Config::new(HardwareAddress::Ip);
        config.random_seed = RANDOM_SEED;
        let now = Instant::ZERO;
        let mut iface = Interface::new(config, &mut wire, now);
        iface.update_ip_addrs(|addrs| {
            // The peer is on the same /24: no route needed.
            addrs
                .push(IpCidr::new(IpAddress::Ipv4(*STACK.ip()), 24))
                .expect("an interface has room for one address");
        });
        let rcv_wnd = usize::from(crate::Profile::strict().config.rcv_wnd);
        let mut socket = tcp::Socket::new(
            tcp::SocketBuffer::new(vec![0; rcv_wnd]),
            tcp::SocketBuffer::new(vec![0; SEND_BUFFER]),
        );
        socket.set_ack_delay(None);
        socket.set_nagle_enabled(false);
        socket.set_timeout(None);
        socket.set_keep_alive(None);
        let mut sockets = SocketSet::new(Vec::new());
        let socket = sockets.add(socket);
        Smoltcp {
            iface,
            wire,
            sockets,
            socket,
            now,
            received: Vec::new(),
        }
    }

    fn socket(&mut self) -> &mut tcp::Socket<'static> {
        self.sockets.get_mut::<tcp::Socket>(self.socket)
    }

    /// Let smoltcp read every injected packet and send what it has to, at
    /// the current time. The application reads between the two, as the
    /// endpoint's does, so the window smoltcp advertises is whole again.
    fn poll(&mut self) {
        while self
            .iface
            .poll_ingress_single(self.now, &mut self.wire, &mut self.sockets)
            != PollIngressSingleResult::None
        {
            self.read_everything();
        }
        self.read_everything();
        // poll_egress sends what each socket has, a bounded amount a call;
        // `poll` itself loops the same way.
        for _ in 0..MAX_WAKEUPS {
            let result = self
                .iface
                .poll_egress(self.now, &mut self.wire, &mut self.sockets);
            if result == smoltcp::iface::PollResult::None {
                break;
            }
        }
    }

    /// RECEIVE everything the socket holds, for [`Stack::received`].
    fn read_everything(&mut self) {
        let mut got = Vec::new();
        let socket = self.socket();
        while socket.can_recv() {
            let read = socket.recv(|text| {
                got.extend_from_slice(text);
                (text.len(), ())
            });
            if read.is_err() {
                break;
            }
        }
        self.received.extend(got);
    }
}

impl Default for Smoltcp {
    fn default() -> Smoltcp {
        Smoltcp::new()
    }
}

/// smoltcp's words for a refused call.
fn refused(error: impl std::fmt::Display) -> CallError {
    CallError(format!("smoltcp: {error}"))
}

impl Stack for Smoltcp {
    fn call(&mut self, call: &Call) -> Result<(), CallError> {
        let result = match call {
            Call::Listen => self.socket().listen(STACK.port()).map_err(refused),
            Call::Connect => {
                let (iface, sockets) = (&mut self.iface, &mut self.sockets);
                let peer = (IpAddress::Ipv4(*PEER.ip()), PEER.port());
                sockets
                    .get_mut::<tcp::Socket>(self.socket)
                    .connect(iface.context(), peer, STACK.port())
                    .map_err(refused)
            }
            Call::Send(text) => match self.socket().send_slice(text) {
                Ok(n) if n == text.len() => Ok(()),
                Ok(n) => Err(refused(format!("queued {n} of {} octets", text.len()))),
                Err(e) => Err(refused(e)),
            },
            // smoltcp's CLOSE and ABORT cannot fail: they return nothing.
            Call::Close => {
                self.socket().close();
                Ok(())
            }
            Call::Abort => {
                self.socket().abort();
                Ok(())
            }
            // smoltcp has one keep-alive interval and gives up only by its
            // user timeout: no idle time, no probe count (§3.8.4's three).
            Call::KeepAlive(_) => Err(refused("keep-alive has one interval and no probe count")),
        };
        self.poll();
        result
    }

    fn inject(&mut self, segment: &Segment) {
        self.wire.inbound.push_back(wire::encode(&Packet {
            src: PEER,
            dst: STACK,
            segment: segment.clone(),
        }));
        self.poll();
    }

    fn advance(&mut self, ticks: Ticks) {
        let end = self.now + TICK * ticks;
        for _ in 0..MAX_WAKEUPS {
            match self.iface.poll_at(self.now, &self.sockets) {
                Some(at) if at <= end => {
                    self.now = self.now.max(at);
                    self.poll();
                }
                _ => break,
            }
        }
        self.now = end;
        self.poll();
    }

    fn emitted(&mut self) -> Result<Vec<Segment>, WireError> {
        std::mem::take(&mut self.wire.outbound)
            .iter()
            .map(|bytes| wire::decode(bytes).map(|packet| packet.segment))
            .collect()
    }

    fn received(&mut self) -> Option<Vec<u8>> {
        Some(std::mem::take(&mut self.received))
    }

    fn state(&self) -> Option<State> {
        let socket = self.sockets.get::<tcp::Socket>(self.socket);
        Some(match socket.state() {
            tcp::State::Closed => State::Closed,
            tcp::State::Listen => State::Listen,
            tcp::State::SynSent => State::SynSent,
            tcp::State::SynReceived => State::SynReceived,
            tcp::State::Established => State::Established,
            tcp::State::FinWait1 => State::FinWait1,
            tcp::State::FinWait2 => State::FinWait2,
            tcp::State::CloseWait => State::CloseWait,
            tcp::State::Closing => State::Closing,
            tcp::State::LastAck => State::LastAck,
            tcp::State::TimeWait => State::TimeWait,
        })
    }
}
