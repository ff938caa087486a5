package proto

import (
	"errors"
	"slices"
	"time"

	"gocrm/transport/quorum"
)

type nodeState int

const (
	stateGather      nodeState = iota // forming a view
	stateOperational                  // in a view, ordering messages
	stateLeft                         // left cleanly; does nothing more
)

// Errors returned by Send and the group calls.
var (
	ErrBackpressure = errors.New("send queue full; wait for deliveries and retry")
	ErrTooLarge     = errors.New("message larger than MaxMessage")
	ErrNotMember    = errors.New("not a member of the group; join it first")
	ErrLeft         = errors.New("node has left the cluster")
	ErrBadGroup     = errors.New("group name must be 1 to 255 bytes")
)

// Node is one node's protocol state machine: membership, ordering,
// process groups and quorum. It holds no goroutine, socket or clock: the
// caller feeds it packets (Receive) and time (Tick), and after every call
// takes what it has to do from Ready. Time is a monotonic duration from an
// arbitrary origin, the same for every call.
type Node struct {
	cfg      Config
	id       NodeID
	now      time.Duration
	sealer   *sealer
	counters Counters

	peers    map[NodeID]*peer
	peerIDs  []NodeID // sorted
	hasLink  [MaxLinks]bool
	linkPrio [MaxLinks]int

	state       nodeState
	ring        RingID
	members     nodeSet
	installedAt time.Duration
	persisted   uint64 // highest ring seq accepted or proposed
	persistOut  uint64 // to hand to the caller in the next Ready
	maxSeqSeen  uint64
	joinCounter uint64

	nextHeartbeat time.Duration

	g          *gather
	ord        *ordering // the installed ring's order (nil before the first view)
	prev       *ordering // the ring before, kept to serve recovery requests
	lastCommit *commit   // the installed ring's commit, when this node made it
	// joinAt holds, per member of the installed ring, the counter of its
	// last join before it accepted the ring: a later join means it left.
	joinAt map[NodeID]uint64

	app    appState
	quorum *quorum.Tracker

	out    []Packet
	events []Event
}

// New returns a node in the gather state, as after a start: it will find
// its peers and form or join a view.
func New(cfg Config, now time.Duration) (*Node, error) {
	cfg.setDefaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	qc := cfg.Quorum
	qc.NodeID = uint32(cfg.NodeID)
	if qc.NodeCount == 0 {
		qc.NodeCount = len(cfg.Nodes)
	}
	if qc.ExpectedVotes == 0 {
		// No quorum configuration: one vote per node.
		qc.ExpectedVotes = uint32(len(cfg.Nodes))
		qc.Votes = 1
	}
	qc, _, err := qc.Normalize()
	if err != nil {
		return nil, err
	}
	n := &Node{
		cfg:        cfg,
		id:         cfg.NodeID,
		now:        now,
		peers:      map[NodeID]*peer{},
		persisted:  cfg.MinRingSeq,
		maxSeqSeen: cfg.MinRingSeq,
		quorum:     quorum.NewTracker(qc),
	}
	for _, l := range cfg.Links {
		n.hasLink[l.Number] = true
		n.linkPrio[l.Number] = l.Priority
	}
	ids := []NodeID{}
	for _, nc := range cfg.Nodes {
		ids = append(ids, nc.ID)
		if nc.ID == n.id {
			continue
		}
		p := &peer{id: nc.ID}
		for _, l := range nc.Links {
			if n.hasLink[l] {
				p.links[l].configured = true
			}
		}
		n.peers[nc.ID] = p
		n.peerIDs = append(n.peerIDs, nc.ID)
	}
	slices.Sort(n.peerIDs)
	if n.sealer, err = newSealer(cfg.Key, cfg.ClusterName, cfg.KeyBits/8, n.id, cfg.Incarnation, ids, &n.counters); err != nil {
		return nil, err
	}
	n.app.init()
	n.nextHeartbeat = now + time.Duration(cfg.Rand.Int64N(int64(cfg.PingInterval/4)+1))
	n.startGather()
	return n, nil
}

// ID returns the node's id.
func (n *Node) ID() NodeID { return n.id }

func (n *Node) advance(now time.Duration) {
	if now > n.now {
		n.now = now
	}
}

// Receive hands the node a packet that arrived on one of its links. The
// node owns pkt from then on: it decrypts it in place and keeps parts of
// it.
func (n *Node) Receive(now time.Duration, link int, pkt []byte) {
	n.advance(now)
	if n.state == stateLeft {
		return
	}
	from, inc, fresh, body, why := n.sealer.open(pkt)
	if why != DropNone {
		n.counters.Dropped[why]++
		return
	}
	p := n.peers[from]
	if fresh && p.inc != 0 {
		n.peerRestarted(p)
	}
	p.inc = inc
	m, err := decode(body)
	if err != nil {
		n.counters.Dropped[DropMalformed]++
		return
	}
	if p.left {
		n.counters.Dropped[DropLeft]++
		return
	}
	n.counters.PacketsReceived++
	n.heard(p, link)
	switch m := m.(type) {
	case *heartbeat:
		n.onHeartbeat(p, m)
	case *join:
		n.onJoin(p, m)
	case *propose:
		n.onPropose(p, m)
	case *accept:
		n.onAccept(p, m)
	case *commit:
		n.onCommit(p, m)
	case *data:
		if n.state == stateOperational && m.Ring == n.ring {
			n.ord.onData(n, p.id, m)
		}
	case *ordered:
		n.onOrdered(p, m)
	case *ack:
		if n.state == stateOperational && m.Ring == n.ring {
			n.ord.onAck(n, p.id, m)
		}
	case *recoverReq:
		n.onRecoverReq(p, m)
	case *recoverData:
		n.onRecoverData(p, m)
	case *leave:
		n.onLeave(p, m)
	}
}

// Tick tells the node the time; it runs whatever timers expired.
func (n *Node) Tick(now time.Duration) {
	n.advance(now)
	if n.state == stateLeft {
		return
	}
	n.tickLinks()
	switch n.state {
	case stateOperational:
		for _, id := range n.members {
			if id != n.id && !n.alive(n.peers[id]) {
				n.trace("member %d silent", id)
				n.startGather()
				break
			}
		}
	case stateGather:
		n.tickGather()
	}
	if n.quorum.Tick(now) && n.state == stateOperational && n.app.synced {
		n.emit(QuorumEvent{Ring: n.ring, Status: n.quorum.Status()})
	}
}

// NextTimeout returns when Tick next has work to do.
func (n *Node) NextTimeout() time.Duration {
	if n.state == stateLeft {
		return n.now + time.Hour
	}
	t := n.nextHeartbeat
	t = min(t, n.linkDeadline())
	switch n.state {
	case stateOperational:
		for _, id := range n.members {
			if id != n.id {
				t = min(t, n.peers[id].lastHeard+n.cfg.Token+1)
			}
		}
		if d, ok := n.ord.deadline(n); ok {
			t = min(t, d)
		}
	case stateGather:
		t = min(t, n.gatherDeadline())
	}
	if d, ok := n.quorum.NextDeadline(); ok {
		t = min(t, d)
	}
	return max(t, n.now)
}

// Ready runs the work that batches across calls (ordering, delivery,
// acknowledgements) and returns everything the caller has to do. The
// returned slices belong to the caller.
func (n *Node) Ready() Ready {
	if n.state == stateOperational {
		n.ord.flush(n)
	}
	r := Ready{PersistRingSeq: n.persistOut, Packets: n.out, Events: n.events}
	n.persistOut = 0
	n.out = nil
	n.events = nil
	return r
}

func (n *Node) emit(e Event) { n.events = append(n.events, e) }

func (n *Node) trace(format string, args ...any) {
	if n.cfg.Trace != nil {
		n.cfg.Trace("%v node %d: "+format, append([]any{n.now, n.id}, args...)...)
	}
}

// persist records a ring sequence number that must survive a restart.
func (n *Node) persist(seq uint64) {
	if seq > n.persisted {
		n.persisted = seq
		n.persistOut = seq
	}
}

func (n *Node) maxSeq() uint64 {
	return max(n.persisted, n.maxSeqSeen, n.ring.Seq)
}
