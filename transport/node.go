package transport

import (
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	"gocrm/transport/proto"
)

// Options configure a running node.
type Options struct {
	// NodeID is this node; 0 finds it from the host name and the local
	// addresses (see LocalNodeID).
	NodeID uint32
	// Key is the authkey; nil reads it from the configuration's keyfile.
	Key []byte
	// StateDir keeps the ring sequence number across restarts (corosync
	// keeps it in /var/lib/corosync); "" keeps it in memory only.
	StateDir string
	// Logf, if set, receives view, quorum and link changes.
	Logf func(format string, args ...any)
	// EventBuffer is the capacity of Events (default 1024). The node
	// waits when it is full: a consumer that stops makes the node stop
	// too, and the others then see it leave.
	EventBuffer int
}

// Node runs the protocol state machine on real UDP sockets: one loop
// goroutine owns the state machine; one goroutine per link reads packets.
type Node struct {
	cfg   *Config
	id    uint32
	core  *proto.Node
	start time.Time
	state *stateFile

	conns [proto.MaxLinks]*net.UDPConn
	addrs map[proto.NodeID]*[proto.MaxLinks]*net.UDPAddr

	events chan proto.Event
	recv   chan packet
	calls  chan func()
	quit   chan struct{}
	done   chan struct{}
	wg     sync.WaitGroup
	logf   func(string, ...any)

	mu     sync.Mutex
	space  chan struct{} // closed when queued bytes go down (under sendMu)
	status proto.Status
	err    error

	// Messages from Send wait here for the loop, which takes them all at
	// once: one flush then carries many.
	sendMu   sync.Mutex
	pending  []pendingMsg
	pendSize int
	coreSize int             // bytes queued in the state machine, as of the last flush
	joined   map[string]bool // groups joined, for Send's checks
	kick     chan struct{}
	maxMsg   int
}

type pendingMsg struct {
	group   string
	payload []byte
}

// SendQueue bounds the bytes a node holds for sending (queued and not yet
// delivered); Send waits beyond it.
const SendQueue = proto.DefaultSendQueue

type packet struct {
	link int
	data []byte
}

// ErrClosed is returned by calls on a node that has stopped.
var ErrClosed = errors.New("transport node stopped")

// Start binds the node's links and starts its loop.
func Start(cfg *Config, opts Options) (*Node, error) {
	id := opts.NodeID
	if id == 0 {
		var err error
		if id, err = LocalNodeID(cfg); err != nil {
			return nil, err
		}
	}
	key := opts.Key
	if key == nil {
		var err error
		if key, err = ReadAuthKey(cfg.KeyPath()); err != nil {
			return nil, err
		}
	}
	pc, err := cfg.ProtoConfig(id, key)
	if err != nil {
		return nil, err
	}
	st, err := openState(opts.StateDir, id)
	if err != nil {
		return nil, err
	}
	pc.MinRingSeq = st.seq
	pc.Incarnation = st.nextIncarnation(uint64(time.Now().UnixNano()))
	if err := st.save(); err != nil {
		return nil, err
	}
	n := &Node{cfg: cfg, id: id, start: time.Now(), state: st, addrs: map[proto.NodeID]*[proto.MaxLinks]*net.UDPAddr{},
		recv: make(chan packet, 4096), calls: make(chan func()), quit: make(chan struct{}), done: make(chan struct{}),
		space: make(chan struct{}), logf: opts.Logf, joined: map[string]bool{}, kick: make(chan struct{}, 1), maxMsg: proto.DefaultMaxMessage}
	// The node bounds the queue (SendQueue); the state machine's own bound
	// is set above it so that its Send never refuses.
	pc.SendQueue = 2*SendQueue + proto.DefaultMaxMessage
	pc.MaxMessage = n.maxMsg
	if n.logf == nil {
		n.logf = func(string, ...any) {}
	}
	size := opts.EventBuffer
	if size <= 0 {
		size = 1024
	}
	n.events = make(chan proto.Event, size)
	if err := n.bind(); err != nil {
		n.closeConns()
		return nil, err
	}
	if n.core, err = proto.New(pc, n.now()); err != nil {
		n.closeConns()
		return nil, err
	}
	n.status = n.core.Status()
	for l, c := range n.conns {
		if c != nil {
			n.wg.Add(1)
			go n.read(l, c)
		}
	}
	go n.loop()
	return n, nil
}

// bind resolves every node's addresses and opens this node's sockets.
func (n *Node) bind() error {
	ports := map[int]int{}
	for _, l := range n.cfg.Runtime().Links {
		ports[l.Number] = l.Port
	}
	for _, nd := range n.cfg.Nodes {
		a := &[proto.MaxLinks]*net.UDPAddr{}
		for l, host := range nd.Addrs {
			if host == "" {
				continue
			}
			ua, err := net.ResolveUDPAddr("udp", net.JoinHostPort(host, fmt.Sprint(ports[l])))
			if err != nil {
				return fmt.Errorf("%s:%d: node %s ring%d_addr %q: %w", n.cfg.File, nd.Line, nd, l, host, err)
			}
			a[l] = ua
		}
		n.addrs[proto.NodeID(nd.NodeID)] = a
	}
	mine := n.addrs[proto.NodeID(n.id)]
	for l, a := range mine {
		if a == nil {
			continue
		}
		c, err := net.ListenUDP("udp", a)
		if err != nil {
			return fmt.Errorf("binding link %d to %v: %w", l, a, err)
		}
		_ = c.SetReadBuffer(4 << 20)
		_ = c.SetWriteBuffer(4 << 20)
		n.conns[l] = c
	}
	return nil
}

func (n *Node) closeConns() {
	for _, c := range n.conns {
		if c != nil {
			c.Close()
		}
	}
}

func (n *Node) now() time.Duration { return time.Since(n.start) }
