//! The TUN device of a namespace: the wire between the suite and the
//! kernel. `IFF_TUN | IFF_NO_PI`, so each read or write is one bare IP
//! packet. It is the namespace's only interface that is up, with
//! 192.0.2.1/24 and no other route: whatever the kernel sends goes to the
//! suite, and nothing can leave the namespace.

use super::netns::{os_error, SetupError};
use crate::wire::{self, WireError};
use std::net::Ipv4Addr;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::time::{Duration, Instant};
use synack_model::Segment;

/// Largest packet read at once: the TUN device's MTU is 1500.
const MAX_PACKET: usize = 65_536;

/// An open TUN device, configured and up.
pub(super) struct Tun {
    fd: OwnedFd,
}

/// A zeroed `ifreq` naming `name`.
fn ifreq(name: &str) -> libc::ifreq {
    // SAFETY: ifreq is plain data; all zeroes is a valid value.
    let mut req: libc::ifreq = unsafe { std::mem::zeroed() };
    for (dst, src) in req.ifr_name.iter_mut().zip(name.bytes()) {
        *dst = src as libc::c_char;
    }
    req
}

/// An IPv4 `sockaddr` for `SIOCSIFADDR` and `SIOCSIFNETMASK`.
fn sockaddr(ip: Ipv4Addr) -> libc::sockaddr {
    let sin = libc::sockaddr_in {
        sin_family: libc::AF_INET as libc::sa_family_t,
        sin_port: 0,
        sin_addr: libc::in_addr {
            s_addr: u32::from(ip).to_be(),
        },
        sin_zero: [0; 8],
    };
    // SAFETY: sockaddr_in and sockaddr have the same size on Linux.
    unsafe { std::mem::transmute::<libc::sockaddr_in, libc::sockaddr>(sin) }
}

/// `ioctl(fd, request, req)`, its error named.
fn ioctl(
    fd: &OwnedFd,
    request: libc::Ioctl,
    req: &mut libc::ifreq,
    what: &str,
) -> Result<(), SetupError> {
    // SAFETY: `req` is a valid ifreq for these requests.
    if unsafe { libc::ioctl(fd.as_raw_fd(), request, req as *mut libc::ifreq) } < 0 {
        return Err(os_error(what));
    }
    Ok(())
}

/// A new socket of the calling thread's namespace.
pub(super) fn socket(domain: i32, kind: i32, protocol: i32) -> Result<OwnedFd, SetupError> {
    // SAFETY: plain socket(2); the result is checked.
    let fd = unsafe { libc::socket(domain, kind | libc::SOCK_CLOEXEC, protocol) };
    if fd < 0 {
        return Err(os_error("socket"));
    }
    // SAFETY: a descriptor we just made.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

impl Tun {
    /// Open TUN device `name` in the calling thread's namespace and give it
    /// `address`/24.
    pub(super) fn open(name: &str, address: Ipv4Addr) -> Result<Tun, SetupError> {
        let path = c"/dev/net/tun";
        // SAFETY: a valid C string; the result is checked.
        let raw = unsafe {
            libc::open(
                path.as_ptr(),
                libc::O_RDWR | libc::O_NONBLOCK | libc::O_CLOEXEC,
            )
        };
        if raw < 0 {
            return Err(os_error("open /dev/net/tun"));
        }
        // SAFETY: a descriptor we just opened.
        let fd = unsafe { OwnedFd::from_raw_fd(raw) };
        let mut req = ifreq(name);
        req.ifr_ifru.ifru_flags = (libc::IFF_TUN | libc::IFF_NO_PI) as libc::c_short;
        ioctl(&fd, libc::TUNSETIFF, &mut req, "TUNSETIFF")?;
        // Addresses and flags are set through any socket of the namespace.
        let control = socket(libc::AF_INET, libc::SOCK_DGRAM, 0)?;
        let mut req = ifreq(name);
        req.ifr_ifru.ifru_addr = sockaddr(address);
        ioctl(&control, libc::SIOCSIFADDR, &mut req, "SIOCSIFADDR")?;
        let mut req = ifreq(name);
        req.ifr_ifru.ifru_netmask = sockaddr(Ipv4Addr::new(255, 255, 255, 0));
        ioctl(&control, libc::SIOCSIFNETMASK, &mut req, "SIOCSIFNETMASK")?;
        let mut req = ifreq(name);
        ioctl(&control, libc::SIOCGIFFLAGS, &mut req, "SIOCGIFFLAGS")?;
        // SAFETY: SIOCGIFFLAGS filled in the flags member.
        let flags = unsafe { req.ifr_ifru.ifru_flags };
        req.ifr_ifru.ifru_flags = flags | (libc::IFF_UP | libc::IFF_RUNNING) as libc::c_short;
        ioctl(&control, libc::SIOCSIFFLAGS, &mut req, "SIOCSIFFLAGS")?;
        Ok(Tun { fd })
    }

    /// Hand the kernel one packet, as if it came off the wire. The kernel
    /// processes it before `write` returns (the TUN driver receives it in
    /// the writer's context), answers included.
    pub(super) fn write(&self, packet: &[u8]) -> std::io::Result<()> {
        // SAFETY: a valid buffer of that length.
        let n = unsafe { libc::write(self.fd.as_raw_fd(), packet.as_ptr().cast(), packet.len()) };
        if n < 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(())
    }

    /// Every TCP segment the kernel sent, until it has been quiet for
    /// `settle`. Packets that are not IPv4 TCP are someone else's business
    /// (the kernel's IPv6 or ICMP chatter) and skipped; a TCP packet that
    /// does not decode is an error.
    pub(super) fn drain(&self, settle: Duration) -> Result<Vec<Segment>, WireError> {
        let mut segments = Vec::new();
        let mut buffer = vec![0u8; MAX_PACKET];
        let mut quiet_since = Instant::now();
        loop {
            // SAFETY: a valid buffer of that length.
            let n = unsafe {
                libc::read(
                    self.fd.as_raw_fd(),
                    buffer.as_mut_ptr().cast(),
                    buffer.len(),
                )
            };
            if n > 0 {
                let packet = &buffer[..n as usize];
                if is_ipv4_tcp(packet) {
                    segments.push(wire::decode(packet)?.segment);
                }
                quiet_since = Instant::now();
                continue;
            }
            let left = settle.saturating_sub(quiet_since.elapsed());
            if left.is_zero() {
                return Ok(segments);
            }
            let mut poll = libc::pollfd {
                fd: self.fd.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            let ms = left.as_millis().clamp(1, i32::MAX as u128) as i32;
            // SAFETY: one valid pollfd.
            unsafe { libc::poll(&mut poll, 1, ms) };
        }
    }
}

/// Whether a packet claims to be IPv4 carrying TCP (version 4, protocol 6):
/// only those are decoded, and then strictly.
fn is_ipv4_tcp(packet: &[u8]) -> bool {
    packet.first().map(|b| b >> 4) == Some(4) && packet.get(9) == Some(&6)
}
