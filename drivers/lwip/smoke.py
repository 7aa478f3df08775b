#!/usr/bin/env python3
"""Smoke test of synack's lwIP driver, standalone (no Rust needed).

Speaks docs/driver-protocol.md to build/synack-lwip-driver and walks one
connection through its life, printing every segment lwIP sends:

    python3 drivers/lwip/smoke.py [--deviations] [path/to/synack-lwip-driver]

With --deviations it also reproduces, as checks, the behaviours of lwIP
that README.md lists as departing from RFC 9293. Exits 0 when every check
holds. The peer is 192.0.2.2:4000, the stack
192.0.2.1:80, as the protocol fixes them.
"""
import json
import os
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
STACK, PEER = bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2])
FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def packet(flags, seq, ack=0, payload=b"", window=8192, options=b"", sport=4000, dport=80,
           bad_checksum=False):
    """An IPv4 packet from the peer to the stack carrying one TCP segment."""
    off = (20 + len(options)) // 4
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF,
                      off << 4, flags, window, 0, 0) + options + payload
    pseudo = PEER + STACK + struct.pack("!BBH", 0, 6, len(tcp))
    c = csum(pseudo + tcp) ^ (0xFFFF if bad_checksum else 0)
    tcp = tcp[:16] + struct.pack("!H", c) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0, 64, 6, 0, PEER, STACK)
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return ip + tcp


class Segment:
    """A TCP segment lwIP sent, checked as synack's decoder would."""

    def __init__(self, raw):
        assert raw[0] >> 4 == 4, "not IPv4"
        ihl = (raw[0] & 15) * 4
        assert csum(raw[:ihl]) == 0, "bad IPv4 header checksum"
        assert raw[9] == 6, "not TCP"
        assert raw[12:16] == STACK and raw[16:20] == PEER, "wrong addresses"
        total = struct.unpack("!H", raw[2:4])[0]
        assert total == len(raw), "IPv4 total length is not the packet's"
        tcp = raw[ihl:total]
        pseudo = raw[12:20] + struct.pack("!BBH", 0, 6, len(tcp))
        assert csum(pseudo + tcp) == 0, "bad TCP checksum"
        (self.sport, self.dport, self.seq, self.ack, off, self.flags, self.window, _,
         _) = struct.unpack("!HHIIBBHHH", tcp[:20])
        hl = (off >> 4) * 4
        self.options = tcp[20:hl]
        self.payload = tcp[hl:]

    def __str__(self):
        names = [n for n, b in (("SYN", SYN), ("FIN", FIN), ("RST", RST), ("PSH", PSH),
                                ("ACK", ACK)) if self.flags & b]
        s = "%d→%d %s seq=%d" % (self.sport, self.dport, ",".join(names) or "-", self.seq)
        if self.flags & ACK:
            s += " ack=%d" % self.ack
        s += " win=%d" % self.window
        if self.options:
            s += " opts=" + self.options.hex()
        if self.payload:
            s += " data=%r" % self.payload
        return s


class Driver:
    def __init__(self, path):
        self.p = subprocess.Popen([path], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  text=True)
        self.t = 0

    def req(self, **kw):
        self.p.stdin.write(json.dumps(kw) + "\n")
        self.p.stdin.flush()
        line = self.p.stdout.readline()
        assert line, "driver closed stdout"
        ans = json.loads(line)
        assert "fail" not in ans, "driver failed: %s" % ans["fail"]
        return ans

    def inject(self, pkt):
        assert self.req(op="inject", packet=pkt.hex()) == {}

    def advance(self, ms):
        assert self.req(op="advance", ms=ms) == {}
        self.t += ms

    def emitted(self):
        segs = [Segment(bytes.fromhex(h)) for h in self.req(op="emitted")["packets"]]
        for s in segs:
            print("  t=%5d ms  lwIP sent %s" % (self.t, s))
        return segs

    def state(self):
        return self.req(op="state")["state"]

    def ok(self, **kw):
        ans = self.req(**kw)
        assert ans == {"result": "ok"}, "%s: %s" % (kw["op"], ans)

    def reset(self):
        assert self.req(op="reset") == {}
        self.t = 0


def expect(cond, what):
    if not cond:
        raise AssertionError(what)
    print("ok: " + what)


def established(d):
    """A fresh passive connection; returns the stack's SND.NXT."""
    d.reset()
    d.ok(op="listen")
    d.inject(packet(SYN, 1000))
    [sa] = d.emitted()
    d.inject(packet(ACK, 1001, sa.seq + 1))
    return sa.seq + 1


def deviations(d):
    print("-- deviations from RFC 9293 (README.md)")
    s = established(d)
    d.inject(packet(PSH, 1001, 0, b"noack"))
    expect(d.req(op="received")["data"] == b"noack".hex(),
           "§3.10.7.4: data in a segment without ACK is delivered (RFC: drop)")
    d.reset()
    d.ok(op="connect")
    d.emitted()
    d.inject(packet(SYN, 7000))
    expect(d.emitted() == [] and d.state() == "SYN-SENT",
           "§3.10.7.3: SYN in SYN-SENT ignored (RFC: SYN,ACK, SYN-RECEIVED)")
    s = established(d)
    d.inject(packet(ACK, 1001, s, window=0))
    d.ok(op="send", data=b"x".hex())
    expect(len(d.emitted()) == 1,
           "§3.10.7.4: window shrunk to 0 with the same SEQ/ACK is ignored, data sent")
    d.reset()
    d.ok(op="connect")
    [syn] = d.emitted()
    d.inject(packet(ACK, 7000, syn.seq + 50))
    segs = d.emitted()
    expect(segs[0].flags == RST | ACK and segs[0].seq == syn.seq + 50 and segs[1].flags == SYN,
           "§3.10.7.3: unacceptable ACK in SYN-SENT: RST,ACK (RFC: RST), then the SYN again")
    expect(segs[0].window == 0x6008, "RST window byte-swapped (0x6008 for 0x0860)")
    d.reset()
    d.ok(op="connect")
    d.emitted()
    times = []
    while d.state() == "SYN-SENT" and d.t < 600000:
        d.advance(500)
        if d.emitted():
            times.append(d.t)
    expect(times == [3000 * i for i in range(1, 7)] and d.t == 18500,
           "§3.8.1/§3.8.3: SYN every 3 s, no back-off, given up after 18.5 s (MUST-23: 3 min)")


def main():
    args = [a for a in sys.argv[1:] if a != "--deviations"]
    path = args[0] if args else os.path.join(HERE, "build", "synack-lwip-driver")
    d = Driver(path)
    hello = d.req(op="hello", version=1)
    expect(hello["version"] == 1 and hello["name"] == "lwIP 2.1.3", "hello: %s" % hello)

    print("-- passive OPEN, three-way handshake")
    d.reset()
    expect(d.state() == "CLOSED", "no connection: CLOSED")
    d.ok(op="listen")
    expect(d.state() == "LISTEN", "listen: LISTEN")
    d.inject(packet(SYN, 1000, options=bytes([2, 4, 0x05, 0xb4])))  # MSS 1460
    [synack] = d.emitted()
    iss = synack.seq
    expect(synack.flags == SYN | ACK and synack.ack == 1001 and synack.sport == 80
           and synack.dport == 4000, "SYN,ACK from 192.0.2.1:80 acknowledging 1001")
    expect(d.state() == "SYN-RECEIVED", "state SYN-RECEIVED")
    d.inject(packet(ACK, 1001, iss + 1))
    expect(d.emitted() == [], "the handshake's ACK is not answered")
    expect(d.state() == "ESTABLISHED", "state ESTABLISHED")

    print("-- data in both directions, retransmission")
    d.inject(packet(ACK | PSH, 1001, iss + 1, b"hello"))
    expect(d.req(op="received")["data"] == b"hello".hex(), "the application received 'hello'")
    d.advance(250)  # lwIP delays the ACK until its fast timer
    [a] = d.emitted()
    expect(a.flags == ACK and a.ack == 1006, "delayed ACK of 'hello' within 250 ms")
    d.ok(op="send", data=b"world".hex())
    [w] = d.emitted()
    expect(w.payload == b"world" and w.seq == iss + 1, "'world' sent at once")
    retransmitted = None
    for _ in range(40):
        d.advance(250)
        segs = d.emitted()
        if segs:
            retransmitted = segs[0]
            break
    expect(retransmitted is not None and retransmitted.payload == b"world"
           and retransmitted.seq == iss + 1, "'world' retransmitted after %d ms" % (d.t - 250))
    d.inject(packet(ACK, 1006, iss + 6))

    print("-- CLOSE, then the peer's FIN: TIME-WAIT, 2MSL")
    d.ok(op="close")
    [fin] = d.emitted()
    expect(fin.flags & FIN and fin.seq == iss + 6, "CLOSE sends FIN")
    expect(d.state() == "FIN-WAIT-1", "state FIN-WAIT-1")
    d.inject(packet(ACK, 1006, iss + 7))
    expect(d.state() == "FIN-WAIT-2", "FIN acknowledged: FIN-WAIT-2")
    d.inject(packet(FIN | ACK, 1006, iss + 7))
    [ack] = d.emitted()
    expect(ack.flags == ACK and ack.ack == 1007, "peer's FIN acknowledged")
    expect(d.state() == "TIME-WAIT", "state TIME-WAIT")
    start = d.t
    while d.state() == "TIME-WAIT" and d.t - start < 600000:
        d.advance(500)
    expect(d.state() == "CLOSED", "TIME-WAIT ends after %d ms" % (d.t - start))

    print("-- a bad checksum is dropped; RST in SYN-RECEIVED returns to LISTEN")
    d.reset()
    d.ok(op="listen")
    d.inject(packet(SYN, 5000, bad_checksum=True))
    expect(d.emitted() == [] and d.state() == "LISTEN", "bad TCP checksum: nothing sent")
    d.inject(packet(SYN, 5000))
    [synack] = d.emitted()
    d.inject(packet(RST, 5001))
    expect(d.state() == "LISTEN", "RST in SYN-RECEIVED: LISTEN")

    print("-- active OPEN, then ABORT")
    d.reset()
    expect(d.emitted() == [], "reset: nothing sent")
    d.ok(op="connect")
    [syn] = d.emitted()
    expect(syn.flags == SYN and syn.sport == 80 and syn.dport == 4000, "SYN to 192.0.2.2:4000")
    expect(d.state() == "SYN-SENT", "state SYN-SENT")
    d.inject(packet(SYN | ACK, 7000, syn.seq + 1))
    [ack] = d.emitted()
    expect(ack.flags == ACK and ack.ack == 7001, "SYN,ACK acknowledged")
    expect(d.state() == "ESTABLISHED", "state ESTABLISHED")
    d.ok(op="abort")
    [rst] = d.emitted()
    expect(rst.flags & RST, "ABORT sends RST")
    expect(d.state() == "CLOSED", "state CLOSED")

    print("-- a closed port answers RST; keep-alive")
    d.reset()
    d.inject(packet(SYN, 9000))
    [rst] = d.emitted()
    expect(rst.flags == RST | ACK and rst.ack == 9001, "SYN to a closed port: RST,ACK")
    d.reset()
    assert d.req(op="keepalive", idle_ms=2000, interval_ms=1000, count=3) == {}
    d.ok(op="connect")
    [syn] = d.emitted()
    d.inject(packet(SYN | ACK, 7000, syn.seq + 1))
    d.emitted()
    probes = []
    for _ in range(20):
        d.advance(500)
        probes += d.emitted()
    expect(len(probes) >= 3 and all(p.seq == syn.seq for p in probes[:3]),
           "keep-alive probes (seq = SND.NXT-1)")

    if "--deviations" in sys.argv[1:]:
        deviations(d)

    d.p.stdin.write(json.dumps({"op": "quit"}) + "\n")
    d.p.stdin.close()
    expect(d.p.wait(timeout=5) == 0, "quit: exit status 0")


if __name__ == "__main__":
    main()
