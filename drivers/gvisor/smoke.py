#!/usr/bin/env python3
"""Standalone smoke test of synack-gvisor-driver: speaks the driver
protocol (docs/driver-protocol.md) to it without synack.

Passive open, data both ways, a retransmission on the fake clock, CLOSE,
then an active open and ABORT. Exits non-zero at the first surprise.
Usage: python3 drivers/gvisor/smoke.py [DRIVER] [-v]
"""
import json
import os
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LOCAL, REMOTE = bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2])
FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10
VERBOSE = "-v" in sys.argv


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def packet(sport, dport, seq, ack, flags, payload=b"", window=8192, opts=b""):
    """An IPv4 packet from 192.0.2.2 to 192.0.2.1 carrying one TCP segment."""
    off = (20 + len(opts)) // 4
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, off << 4, flags,
                      window, 0, 0) + opts + payload
    pseudo = REMOTE + LOCAL + struct.pack("!BBH", 0, 6, len(tcp))
    c = csum(pseudo + tcp)
    tcp = tcp[:16] + struct.pack("!H", c) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0x4000, 64,
                     6, 0, REMOTE, LOCAL)
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return ip + tcp


def parse(hexpkt):
    b = bytes.fromhex(hexpkt)
    ihl = (b[0] & 15) * 4
    assert csum(b[:ihl]) == 0, "bad IP checksum"
    assert b[9] == 6, "not TCP"
    src, dst = b[12:16], b[16:20]
    tcp = b[ihl:]
    pseudo = src + dst + struct.pack("!BBH", 0, 6, len(tcp))
    assert csum(pseudo + tcp) == 0, "bad TCP checksum"
    sport, dport, seq, ack, off, flags, win = struct.unpack("!HHIIBBH", tcp[:16])
    hl = (off >> 4) * 4
    return dict(src=src, dst=dst, sport=sport, dport=dport, seq=seq, ack=ack,
                flags=flags, win=win, opts=tcp[20:hl], data=tcp[hl:])


def show(p):
    names = "".join(n for bit, n in ((SYN, "S"), (FIN, "F"), (RST, "R"),
                                      (PSH, "P"), (ACK, "A")) if p["flags"] & bit)
    return "%d>%d [%s] seq=%d ack=%d win=%d opts=%s len=%d" % (
        p["sport"], p["dport"], names, p["seq"], p["ack"], p["win"],
        p["opts"].hex() or "-", len(p["data"]))


class Driver:
    def __init__(self, cmd):
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  text=True)

    def __call__(self, **req):
        line = json.dumps(req)
        self.p.stdin.write(line + "\n")
        self.p.stdin.flush()
        ans = self.p.stdout.readline()
        if VERBOSE:
            print(">", line[:120], "\n<", ans.strip()[:160])
        assert ans, "driver closed stdout after %s" % line
        ans = json.loads(ans)
        assert "fail" not in ans, ans
        return ans

    def emitted(self):
        pkts = [parse(h) for h in self(op="emitted")["packets"]]
        for p in pkts:
            print("   gvisor:", show(p))
        return pkts

    def state(self):
        return self(op="state")["state"]

    def inject(self, *args, **kw):
        self(op="inject", packet=packet(*args, **kw).hex())


def expect(cond, what):
    if not cond:
        sys.exit("FAIL: " + what)
    print("ok:", what)


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    cmd = args[0] if args else os.path.join(HERE, "build", "synack-gvisor-driver")
    d = Driver([cmd])
    hello = d(op="hello", version=1)
    expect(hello["version"] == 1, "hello: %s" % hello["name"])
    d(op="reset")
    expect(d(op="listen")["result"] == "ok", "listen")
    expect(d.state() == "LISTEN", "state LISTEN")
    expect(d.emitted() == [], "nothing sent by a listener")

    # Passive open: SYN with MSS 1460 only (no WS/TS/SACK-permitted).
    irs = 1000
    d.inject(4000, 80, irs, 0, SYN, opts=bytes([2, 4, 0x05, 0xB4]))
    pk = d.emitted()
    expect(len(pk) == 1 and pk[0]["flags"] == SYN | ACK and pk[0]["ack"] == irs + 1
           and pk[0]["src"] == LOCAL and pk[0]["sport"] == 80 and pk[0]["dport"] == 4000,
           "SYN,ACK from 192.0.2.1:80")
    iss = pk[0]["seq"]
    st = d.state()
    print("   state after SYN:", st)
    expect(st in ("SYN-RECEIVED", None), "state SYN-RECEIVED (or unknown)")

    d.inject(4000, 80, irs + 1, iss + 1, ACK)
    expect(d.emitted() == [], "no answer to the handshake's ACK")
    expect(d.state() == "ESTABLISHED", "state ESTABLISHED")

    # Data in: delivered to the application and ACKed.
    d.inject(4000, 80, irs + 1, iss + 1, ACK | PSH, payload=b"hello")
    pk = d.emitted()
    expect(any(p["flags"] & ACK and p["ack"] == irs + 6 for p in pk), "data ACKed")
    expect(bytes.fromhex(d(op="received")["data"]) == b"hello", "application received 'hello'")

    # Data out, never ACKed: the RTO (1 s initially) retransmits it.
    expect(d(op="send", data=b"world".hex())["result"] == "ok", "send")
    pk = d.emitted()
    expect(len(pk) == 1 and pk[0]["data"] == b"world" and pk[0]["seq"] == iss + 1,
           "'world' sent at once (Nagle off)")
    d(op="advance", ms=500)
    expect(d.emitted() == [], "nothing at 500 ms")
    d(op="advance", ms=600)
    pk = d.emitted()
    expect(len(pk) == 1 and pk[0]["data"] == b"world" and pk[0]["seq"] == iss + 1,
           "retransmitted after the 1 s RTO")
    d.inject(4000, 80, irs + 6, iss + 6, ACK)
    d(op="advance", ms=5000)
    expect(d.emitted() == [], "quiet once ACKed")

    # CLOSE: FIN, FIN-WAIT-1; ACK it: FIN-WAIT-2; peer's FIN: TIME-WAIT.
    expect(d(op="close")["result"] == "ok", "close")
    pk = d.emitted()
    expect(len(pk) == 1 and pk[0]["flags"] & FIN and pk[0]["seq"] == iss + 6, "FIN sent")
    expect(d.state() == "FIN-WAIT-1", "state FIN-WAIT-1")
    d.inject(4000, 80, irs + 6, iss + 7, ACK)
    expect(d.state() == "FIN-WAIT-2", "state FIN-WAIT-2")
    d.inject(4000, 80, irs + 6, iss + 7, ACK | FIN)
    pk = d.emitted()
    expect(len(pk) == 1 and pk[0]["ack"] == irs + 7, "peer's FIN ACKed")
    expect(d.state() == "TIME-WAIT", "state TIME-WAIT")
    d(op="advance", ms=61000)
    st = d.state()
    print("   state after 61 s:", st)

    # Active open and ABORT on a fresh stack.
    d(op="reset")
    expect(d.state() == "CLOSED", "reset: CLOSED")
    expect(d(op="connect")["result"] == "ok", "connect")
    pk = d.emitted()
    expect(len(pk) == 1 and pk[0]["flags"] == SYN and pk[0]["dport"] == 4000, "SYN to :4000")
    expect(d.state() == "SYN-SENT", "state SYN-SENT")
    iss = pk[0]["seq"]
    d.inject(4000, 80, 5000, iss + 1, SYN | ACK, opts=bytes([2, 4, 0x05, 0xB4]))
    pk = d.emitted()
    expect(len(pk) == 1 and pk[0]["flags"] == ACK and pk[0]["ack"] == 5001, "handshake ACK")
    expect(d.state() == "ESTABLISHED", "state ESTABLISHED (active)")
    expect(d(op="abort")["result"] == "ok", "abort")
    pk = d.emitted()
    expect(len(pk) == 1 and pk[0]["flags"] & RST, "RST on ABORT")
    expect(d.state() == "CLOSED", "state CLOSED after ABORT")

    # Determinism: the same ISS after a reset.
    d(op="reset")
    d(op="connect")
    expect(d.emitted()[0]["seq"] == iss, "same ISS after reset (seeded RNG, fake clock)")

    d.p.stdin.write('{"op":"quit"}\n')
    d.p.stdin.close()
    expect(d.p.wait(timeout=5) == 0, "quit: exit 0")
    print("PASS")


if __name__ == "__main__":
    main()
