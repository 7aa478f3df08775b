package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"os"
	"sync"
	"time"

	"gvisor.dev/gvisor/pkg/bufferv2"
	"gvisor.dev/gvisor/pkg/tcpip"
	"gvisor.dev/gvisor/pkg/tcpip/faketime"
	"gvisor.dev/gvisor/pkg/tcpip/link/channel"
	"gvisor.dev/gvisor/pkg/tcpip/network/ipv4"
	"gvisor.dev/gvisor/pkg/tcpip/stack"
	"gvisor.dev/gvisor/pkg/tcpip/transport/tcp"
	"gvisor.dev/gvisor/pkg/waiter"
)

const (
	nicID = 1
	// mtu is the link MTU; 1500 gives the usual MSS of 1460.
	mtu = 1500
	// rcvBuf is the receive buffer: small, so the advertised window is
	// below 64 KiB (no window scaling needed) and comparable with the
	// model's. gVisor's minimum is tcp.MinBufferSize (4096).
	rcvBuf = 4096
	// stepMs is the granularity of `advance`: after each step the TCP
	// processor drains, so work a timer queued runs before later timers.
	stepMs = 10
	// listenBacklog is the passive OPEN's accept queue capacity.
	listenBacklog = 16
	// waitLimit bounds how long reset waits for the old stack to stop.
	waitLimit = 200 * time.Millisecond
	// seed makes ISS, port and hash secrets the same on every run.
	seed = 1
)

var (
	localAddr  = tcpip.Address("\xc0\x00\x02\x01") // 192.0.2.1
	remoteAddr = tcpip.Address("\xc0\x00\x02\x02") // 192.0.2.2
)

// lockedSource is a deterministic rand.Source that is safe for concurrent
// use, as stack.Options.RandSource requires.
type lockedSource struct {
	mu  sync.Mutex
	src rand.Source
}

func (l *lockedSource) Int63() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.src.Int63()
}

func (l *lockedSource) Seed(s int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.src.Seed(s)
}

// lockedReader is a deterministic io.Reader for stack.Options.SecureRNG.
type lockedReader struct {
	mu sync.Mutex
	r  *rand.Rand
}

func (l *lockedReader) Read(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Read(p)
}

// keepalive holds the settings of a `keepalive` request, applied to the
// connection to come.
type keepalive struct {
	idle, interval time.Duration
	count          int
}

// netstack is one gVisor stack with one NIC, at most one listener and at
// most one connection (the one the suite talks about).
type netstack struct {
	clock *faketime.ManualClock
	s     *stack.Stack
	link  *channel.Endpoint

	listener tcpip.Endpoint
	conn     tcpip.Endpoint
	ka       *keepalive

	out      [][]byte     // emitted packets not yet reported
	received bytes.Buffer // octets delivered to the application
}

func newNetstack() (*netstack, error) {
	clock := faketime.NewManualClock()
	s := stack.New(stack.Options{
		NetworkProtocols:   []stack.NetworkProtocolFactory{ipv4.NewProtocol},
		TransportProtocols: []stack.TransportProtocolFactory{tcp.NewProtocol},
		Clock:              clock,
		RandSource:         &lockedSource{src: rand.NewSource(seed)},
		SecureRNG:          &lockedReader{r: rand.New(rand.NewSource(seed))},
	})
	// A large queue: outbound packets are moved out after every request,
	// but a burst (a window's worth of retransmissions) must not be dropped.
	link := channel.New(4096, mtu, "")
	if err := s.CreateNIC(nicID, link); err != nil {
		return nil, fmt.Errorf("CreateNIC: %s", err)
	}
	pa := tcpip.ProtocolAddress{
		Protocol:          ipv4.ProtocolNumber,
		AddressWithPrefix: tcpip.AddressWithPrefix{Address: localAddr, PrefixLen: 24},
	}
	if err := s.AddProtocolAddress(nicID, pa, stack.AddressProperties{}); err != nil {
		return nil, fmt.Errorf("AddProtocolAddress: %s", err)
	}
	s.SetRouteTable([]tcpip.Route{{Destination: pa.AddressWithPrefix.Subnet(), NIC: nicID}})

	// Protocol-wide options, so that what gVisor sends is comparable with
	// the model endpoint (see README.md for each).
	opts := []tcpip.SettableTransportProtocolOption{
		// The model does not do SACK (RFC 2018).
		func() *tcpip.TCPSACKEnabled { v := tcpip.TCPSACKEnabled(false); return &v }(),
		// Nagle off: a SEND is sent at once, as the model does.
		func() *tcpip.TCPDelayEnabled { v := tcpip.TCPDelayEnabled(false); return &v }(),
		// A fixed window: no receive-buffer auto-tuning.
		func() *tcpip.TCPModerateReceiveBufferOption {
			v := tcpip.TCPModerateReceiveBufferOption(false)
			return &v
		}(),
		&tcpip.TCPReceiveBufferSizeRangeOption{Min: tcp.MinBufferSize, Default: rcvBuf, Max: rcvBuf},
		// Plain RTO-based loss recovery; RACK (the default) adds tail
		// loss probes the model does not send.
		func() *tcpip.TCPRecovery { v := tcpip.TCPRecovery(0); return &v }(),
	}
	for _, o := range opts {
		if err := s.SetTransportProtocolOption(tcp.ProtocolNumber, o); err != nil {
			return nil, fmt.Errorf("SetTransportProtocolOption(%T): %s", o, err)
		}
	}
	return &netstack{clock: clock, s: s, link: link}, nil
}

// destroy aborts every endpoint and stops the TCP processor goroutines.
// Packets it causes are dropped with the link endpoint.
func (n *netstack) destroy() {
	n.s.Close()
	n.link.Close()
	// Wait for the processor goroutines to exit, and remove the NIC, so
	// that nothing keeps the old stack reachable: without it every case
	// leaked about 100 kB. An endpoint's Wait blocks until it is closed;
	// should one never be, a bounded wait leaks this stack rather than
	// hang the run.
	done := make(chan struct{})
	go func() {
		n.s.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(waitLimit):
		fmt.Fprintln(os.Stderr, "synack-gvisor-driver: old stack did not stop; leaked")
	}
}

// settle waits until the stack has nothing left to do at the current
// virtual time. gVisor hands inbound segments to processor goroutines;
// Pause returns only once every processor's queue is empty (a paused
// processor first drains its queue), so Pause+Resume is a barrier. Timers
// due now are run first, since they may queue work. Then the driver plays
// the application: it accepts, reads everything, and collects packets.
func (n *netstack) settle() {
	for i := 0; i < 2; i++ {
		n.clock.Advance(0)
		n.s.Pause()
		n.s.Resume()
		n.app()
	}
	n.collect()
}

// app does what an application blocked in accept() and read() would do.
func (n *netstack) app() {
	if n.conn == nil && n.listener != nil {
		if ep, _, err := n.listener.Accept(nil); err == nil {
			n.conn = ep
			n.applyConnOptions(ep)
		}
	}
	if n.conn != nil {
		for {
			var b bytes.Buffer
			res, err := n.conn.Read(&b, tcpip.ReadOptions{})
			if err != nil || res.Count == 0 {
				break
			}
			n.received.Write(b.Bytes())
		}
	}
}

// collect moves the packets the stack sent into n.out, oldest first.
func (n *netstack) collect() {
	for {
		pkt := n.link.Read()
		if pkt.IsNil() {
			return
		}
		v := pkt.ToView()
		n.out = append(n.out, append([]byte(nil), v.AsSlice()...))
		v.Release()
		pkt.DecRef()
	}
}

func (n *netstack) newEndpoint() (tcpip.Endpoint, error) {
	var wq waiter.Queue
	ep, err := n.s.NewEndpoint(tcp.ProtocolNumber, ipv4.ProtocolNumber, &wq)
	if err != nil {
		return nil, errors.New(err.String())
	}
	n.applyConnOptions(ep)
	if err := ep.Bind(tcpip.FullAddress{NIC: nicID, Addr: localAddr, Port: 80}); err != nil {
		ep.Close()
		return nil, errors.New(err.String())
	}
	return ep, nil
}

// applyConnOptions sets the per-endpoint options: Nagle off (the
// protocol-wide default only covers new endpoints' initial value) and
// keep-alive if requested.
func (n *netstack) applyConnOptions(ep tcpip.Endpoint) {
	ep.SocketOptions().SetDelayOption(false)
	if n.ka != nil {
		idle := tcpip.KeepaliveIdleOption(n.ka.idle)
		intvl := tcpip.KeepaliveIntervalOption(n.ka.interval)
		_ = ep.SetSockOpt(&idle)
		_ = ep.SetSockOpt(&intvl)
		_ = ep.SetSockOptInt(tcpip.KeepaliveCountOption, n.ka.count)
		ep.SocketOptions().SetKeepAlive(true)
	}
}

func (n *netstack) listen() error {
	if n.listener != nil || n.conn != nil {
		return errors.New("connection already exists")
	}
	ep, err := n.newEndpoint()
	if err != nil {
		return err
	}
	// A backlog well above 1: gVisor answers with a SYN cookie (no
	// SYN-RECEIVED endpoint, no SYN,ACK retransmission) once its pending
	// queue reaches capacity-1, which backlog 1 reaches at once.
	if err := ep.Listen(listenBacklog); err != nil {
		ep.Close()
		return errors.New(err.String())
	}
	n.listener = ep
	return nil
}

func (n *netstack) connect() error {
	if n.listener != nil || n.conn != nil {
		return errors.New("connection already exists")
	}
	ep, err := n.newEndpoint()
	if err != nil {
		return err
	}
	terr := ep.Connect(tcpip.FullAddress{NIC: nicID, Addr: remoteAddr, Port: 4000})
	if _, ok := terr.(*tcpip.ErrConnectStarted); terr != nil && !ok {
		ep.Close()
		return errors.New(terr.String())
	}
	n.conn = ep
	return nil
}

func (n *netstack) send(data []byte) error {
	if n.conn == nil {
		return errors.New("connection does not exist")
	}
	var r bytes.Reader
	r.Reset(data)
	for r.Len() > 0 {
		_, err := n.conn.Write(&r, tcpip.WriteOptions{})
		if err != nil {
			return errors.New(err.String())
		}
	}
	return nil
}

// errNotAccepted answers CLOSE and ABORT meant for a connection still in
// SYN-RECEIVED: gVisor gives the application a connection only once the
// handshake is done (Accept), so the call cannot name it, and acting on
// the listener instead would drop it unseen (§3.9.1: the interface is the
// implementation's). Refused, as a socket API would.
var errNotAccepted = errors.New("the connection is not accepted yet: the API cannot name it")

// unaccepted says the listener holds a connection in SYN-RECEIVED that the
// application has not been given.
func (n *netstack) unaccepted() bool {
	return n.conn == nil && n.listener != nil && n.state() == "SYN-RECEIVED"
}

// closeConn is CLOSE: shutdown(SHUT_WR) on the connection, or closing a
// listener that has no connection (LISTEN -> CLOSED, RFC 9293 §3.10.4).
func (n *netstack) closeConn() error {
	switch {
	case n.unaccepted():
		return errNotAccepted
	case n.conn != nil:
		if err := n.conn.Shutdown(tcpip.ShutdownWrite); err != nil {
			return errors.New(err.String())
		}
	case n.listener != nil:
		n.listener.Close()
		n.listener = nil
	default:
		return errors.New("connection does not exist")
	}
	return nil
}

// abort is ABORT: tcp's Abort resets a synchronized connection (RST) and
// simply closes one that is not.
func (n *netstack) abort() error {
	switch {
	case n.unaccepted():
		return errNotAccepted
	case n.conn != nil:
		n.conn.Abort()
	case n.listener != nil:
		n.listener.Abort()
		n.listener = nil
	default:
		return errors.New("connection does not exist")
	}
	return nil
}

func (n *netstack) inject(pkt []byte) {
	p := stack.NewPacketBuffer(stack.PacketBufferOptions{Payload: bufferv2.MakeWithData(pkt)})
	n.link.InjectInbound(ipv4.ProtocolNumber, p)
	p.DecRef()
}

func (n *netstack) advance(ms uint64) {
	for ms > 0 {
		d := uint64(stepMs)
		if ms < d {
			d = ms
		}
		n.clock.Advance(time.Duration(d) * time.Millisecond)
		ms -= d
		n.settle()
	}
}

func (n *netstack) emitted() [][]byte {
	out := n.out
	n.out = nil
	return out
}

func (n *netstack) takeReceived() []byte {
	b := append([]byte(nil), n.received.Bytes()...)
	n.received.Reset()
	return b
}

// state reports the connection's state under RFC 9293's names. The
// connection is the one the driver holds; before a passive open's
// connection is accepted (gVisor queues it for accept only once it is
// ESTABLISHED) it is found among the stack's registered endpoints, which
// include a listener's SYN-RECEIVED children.
func (n *netstack) state() interface{} {
	if n.conn != nil {
		return rfcName(tcp.EndpointState(n.conn.State()))
	}
	if n.listener != nil {
		for _, te := range n.s.RegisteredEndpoints() {
			ep, ok := te.(tcpip.Endpoint)
			if !ok || ep == n.listener {
				continue
			}
			if st := tcp.EndpointState(ep.State()); st != tcp.StateListen {
				return rfcName(st)
			}
		}
		return "LISTEN"
	}
	return "CLOSED"
}

func rfcName(st tcp.EndpointState) interface{} {
	switch st {
	case tcp.StateInitial, tcp.StateBound, tcp.StateClose, tcp.StateError:
		return "CLOSED"
	case tcp.StateListen:
		return "LISTEN"
	case tcp.StateConnecting, tcp.StateSynSent:
		return "SYN-SENT"
	case tcp.StateSynRecv:
		return "SYN-RECEIVED"
	case tcp.StateEstablished:
		return "ESTABLISHED"
	case tcp.StateFinWait1:
		return "FIN-WAIT-1"
	case tcp.StateFinWait2:
		return "FIN-WAIT-2"
	case tcp.StateCloseWait:
		return "CLOSE-WAIT"
	case tcp.StateClosing:
		return "CLOSING"
	case tcp.StateLastAck:
		return "LAST-ACK"
	case tcp.StateTimeWait:
		return "TIME-WAIT"
	}
	return nil
}

var _ io.Reader = (*lockedReader)(nil)
