// Command synack-gvisor-driver puts gVisor's netstack (pkg/tcpip) behind
// synack's driver protocol, version 1 (docs/driver-protocol.md): JSON
// lines on stdin, one answer line per request on stdout.
package main

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"time"
)

// name is shown in synack's reports.
const name = "gVisor netstack 20221219 (Debian golang-gvisor-gvisor-dev)"

// request has every field any request carries; absent ones stay zero.
type request struct {
	Op       string `json:"op"`
	Version  int    `json:"version"`
	Data     string `json:"data"`
	Packet   string `json:"packet"`
	Ms       uint64 `json:"ms"`
	IdleMs   uint64 `json:"idle_ms"`
	Interval uint64 `json:"interval_ms"`
	Count    int    `json:"count"`
}

type obj = map[string]interface{}

func result(err error) obj {
	if err != nil {
		return obj{"result": "error", "error": err.Error()}
	}
	return obj{"result": "ok"}
}

func main() {
	// One P means one TCP processor goroutine (gVisor starts GOMAXPROCS of
	// them), so settle's Pause barrier covers all work, and the order in
	// which segments are processed does not depend on scheduling.
	runtime.GOMAXPROCS(1)

	in := bufio.NewReader(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	var n *netstack

	for {
		line, err := in.ReadBytes('\n')
		if len(line) == 0 && err != nil {
			// stdin closed without quit: synack is gone.
			return
		}
		var req request
		var ans obj
		if jerr := json.Unmarshal(line, &req); jerr != nil {
			ans = obj{"fail": fmt.Sprintf("bad request %q: %v", line, jerr)}
		} else {
			if req.Op == "quit" {
				return
			}
			if n == nil && req.Op != "hello" && req.Op != "reset" {
				// Tolerate a missing reset: start a stack on first use.
				if n, err = newNetstack(); err != nil {
					ans = obj{"fail": err.Error()}
				}
			}
			if ans == nil {
				ans = handle(&n, &req)
			}
		}
		if err := enc.Encode(ans); err != nil {
			os.Exit(1)
		}
		if err := out.Flush(); err != nil {
			os.Exit(1)
		}
	}
}

// handle serves one request; *np is the current stack, replaced on reset.
func handle(np **netstack, req *request) obj {
	n := *np
	switch req.Op {
	case "hello":
		// Whatever version synack asks for, answer with ours: on a
		// mismatch synack reports it (docs/driver-protocol.md).
		// The facts synack judges gVisor by (docs/driver-protocol.md):
		// initial RTO 1 s, TIME-WAIT 60 s, 6 SYN retransmissions, RTO
		// backed off; challenge ACKs for SYN but any in-window RST resets.
		return obj{"version": 1, "name": name, "state": true, "received": true, "keepalive": true,
			"declares": obj{"rto_ms": 1000, "time_wait_ms": 60000, "retries": 6,
				"rto_backoff": true, "rfc5961": false, "rfc5961_syn": true, "rfc5961_ack": false}}
	case "reset":
		if n != nil {
			n.destroy()
		}
		fresh, err := newNetstack()
		if err != nil {
			return obj{"fail": err.Error()}
		}
		*np = fresh
		return obj{}
	case "listen":
		err := n.listen()
		n.settle()
		return result(err)
	case "connect":
		err := n.connect()
		n.settle()
		return result(err)
	case "send":
		data, err := hex.DecodeString(req.Data)
		if err != nil {
			return obj{"fail": "bad hex in data: " + err.Error()}
		}
		err = n.send(data)
		n.settle()
		return result(err)
	case "close":
		err := n.closeConn()
		n.settle()
		return result(err)
	case "abort":
		err := n.abort()
		n.settle()
		return result(err)
	case "inject":
		pkt, err := hex.DecodeString(req.Packet)
		if err != nil {
			return obj{"fail": "bad hex in packet: " + err.Error()}
		}
		n.inject(pkt)
		n.settle()
		return obj{}
	case "advance":
		n.advance(req.Ms)
		return obj{}
	case "emitted":
		n.settle()
		pkts := []string{}
		for _, p := range n.emitted() {
			pkts = append(pkts, hex.EncodeToString(p))
		}
		return obj{"packets": pkts}
	case "state":
		n.settle()
		return obj{"state": n.state()}
	case "received":
		n.settle()
		return obj{"data": hex.EncodeToString(n.takeReceived())}
	case "keepalive":
		n.ka = &keepalive{
			idle:     time.Duration(req.IdleMs) * time.Millisecond,
			interval: time.Duration(req.Interval) * time.Millisecond,
			count:    req.Count,
		}
		if n.conn != nil {
			n.applyConnOptions(n.conn)
		}
		return obj{}
	}
	return obj{"fail": fmt.Sprintf("unknown op %q", req.Op)}
}
