#!/usr/bin/env python3
"""A complete synack driver for the smallest TCP stack there is: a closed
port (RFC 9293 section 3.10.7.1). Every segment but a RST is answered by a
RST; every call is refused. Protocol: docs/driver-protocol.md, version 1.

    synack conform --driver 'python3 drivers/example/closed_port.py'
"""
import json
import struct
import sys

RST, ACK, SYN, FIN = 0x04, 0x10, 0x02, 0x01
sent = []  # packets (bytes) not yet collected by `emitted`


def checksum(data):
    """The Internet checksum (RFC 1071): ones' complement of the sum."""
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def packet(src, dst, sport, dport, seq, ack, flags):
    """An IPv4 packet carrying a TCP header with no options and no data."""
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 0, 0, 0)
    pseudo = src + dst + struct.pack("!BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", checksum(pseudo + tcp)) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    return ip + tcp


def arrives(data):
    """Section 3.10.7.1: a segment arrives at a closed port."""
    ihl = (data[0] & 0x0F) * 4
    src, dst = data[12:16], data[16:20]
    tcp = data[ihl:]
    sport, dport, seq, ack, offset, flags = struct.unpack("!HHIIBB", tcp[:14])
    if flags & RST:
        return  # an incoming RST is discarded
    if flags & ACK:
        reply = packet(dst, src, dport, sport, ack, 0, RST)  # <SEQ=SEG.ACK><CTL=RST>
    else:
        seg_len = len(tcp) - (offset >> 4) * 4 + bool(flags & SYN) + bool(flags & FIN)
        reply = packet(dst, src, dport, sport, 0, (seq + seg_len) & 0xFFFFFFFF, RST | ACK)
    sent.append(reply)


def answer(request):
    op = request.get("op")
    if op == "hello":
        return {"version": 1, "name": "closed port (Python example)",
                "state": True, "received": True, "keepalive": False}
    if op == "reset":
        sent.clear()
        return {}
    if op in ("listen", "connect", "send", "close", "abort"):
        return {"result": "error", "error": "connection does not exist"}
    if op == "inject":
        arrives(bytes.fromhex(request["packet"]))
        return {}
    if op == "advance":
        return {}
    if op == "emitted":
        packets = [p.hex() for p in sent]
        sent.clear()
        return {"packets": packets}
    if op == "state":
        return {"state": "CLOSED"}
    if op == "received":
        return {"data": ""}
    return {"fail": "unsupported: %s" % op}


def main():
    for line in sys.stdin:
        request = json.loads(line)
        if request.get("op") == "quit":
            break
        sys.stdout.write(json.dumps(answer(request)) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
