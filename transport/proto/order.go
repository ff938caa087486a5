package proto

import "time"

// ordering is one ring's total order. The leader (the ring's lowest node
// id) numbers the units the members send it and sends them to every
// member; members acknowledge what they have received (their aru, "all
// received up to"), and the leader passes the arus on. A unit at position
// s is delivered once every unit before it is, and once its sender is
// known to have received it (its aru >= s): see plan for why.
type ordering struct {
	ring    RingID
	members nodeSet
	leader  NodeID
	frozen  bool   // the node left the ring: nothing is sent or delivered
	window  uint64 // Config.Window: how far ahead of aru a unit can be

	base      uint64 // units up to base are gone
	log       []unit // log[i] is unit base+1+i; Body nil when missing
	aru, high uint64
	delivered uint64
	known     map[NodeID]uint64 // members' arus as known here

	// leader
	head      uint64
	appended  map[NodeID]uint64     // last vseq ordered per sender
	waiting   map[NodeID][]dataUnit // received, not ordered yet: the window is full
	bcastFrom uint64                // units above this still to broadcast
	statusDue bool
	rtxCheck  time.Duration
	rtxAru    map[NodeID]uint64
	rtxNext   map[NodeID]time.Duration // next tail retransmission, backing off
	peerDeliv map[NodeID]uint64
	statusAt  map[NodeID]time.Duration

	// this node as a sender
	tx       []txUnit // handed over in this ring, not yet delivered
	txBase   uint64   // vseq of tx[0]
	vseq     uint64   // last vseq assigned
	acked    uint64   // last vseq the leader is known to hold
	sentUpTo uint64
	lastData time.Duration
	rtxWait  time.Duration // grows while retransmissions get no answer
	rtxAcked uint64        // acked when rtxWait was last reset

	// acknowledgements
	ackDue   bool
	lastAck  time.Duration
	ackedAru uint64
	ackedDel uint64
}

type txUnit struct {
	vseq uint64
	body []byte
}

func newOrdering(n *Node, ring RingID, members nodeSet) *ordering {
	return &ordering{
		ring:      ring,
		members:   members,
		leader:    members[0],
		window:    uint64(n.cfg.Window),
		known:     map[NodeID]uint64{},
		appended:  map[NodeID]uint64{},
		waiting:   map[NodeID][]dataUnit{},
		rtxAru:    map[NodeID]uint64{},
		rtxNext:   map[NodeID]time.Duration{},
		peerDeliv: map[NodeID]uint64{},
		statusAt:  map[NodeID]time.Duration{},
		txBase:    1,
		rtxCheck:  n.now,
		lastAck:   n.now,
	}
}

func (o *ordering) isLeader(n *Node) bool { return o.leader == n.id }

func (o *ordering) get(s uint64) *unit {
	if s <= o.base || s > o.base+uint64(len(o.log)) {
		return nil
	}
	if u := &o.log[s-o.base-1]; u.Body != nil {
		return u
	}
	return nil
}

// put stores a unit; it reports whether the unit was new.
func (o *ordering) put(u *unit) bool {
	// The leader keeps fewer than Window units beyond the lowest aru, so a
	// unit further ahead than that is not one it sent: ignore it rather
	// than grow the log for it.
	if u.Seq <= o.base || u.Seq > o.aru+2*o.window || len(u.Body) == 0 || !o.members.has(u.Sender) || o.get(u.Seq) != nil {
		return false
	}
	i := int(u.Seq - o.base - 1)
	if i >= len(o.log) {
		o.log = append(o.log, make([]unit, i+1-len(o.log))...)
	}
	o.log[i] = *u
	o.high = max(o.high, u.Seq)
	for o.get(o.aru+1) != nil {
		o.aru++
	}
	return true
}

func (o *ordering) knownAru(n *Node, id NodeID) uint64 {
	if id == n.id {
		return o.aru
	}
	return o.known[id]
}

func (o *ordering) stable(n *Node) uint64 {
	s := o.aru
	for _, id := range o.members {
		s = min(s, o.knownAru(n, id))
	}
	return s
}

func (o *ordering) room(n *Node) bool {
	return o.head-o.stable(n) < uint64(n.cfg.Window)
}

func (o *ordering) appendUnit(n *Node, sender NodeID, vseq uint64, body []byte) {
	o.head++
	o.put(&unit{Seq: o.head, Sender: sender, VSeq: vseq, Body: body})
	o.appended[sender] = vseq
	n.counters.UnitsOrdered++
}

// flush sends what is due and delivers what is deliverable.
func (o *ordering) flush(n *Node) {
	if o.frozen {
		return
	}
	if o.isLeader(n) {
		o.flushLeader(n)
	} else {
		o.flushMember(n)
	}
	o.deliver(n)
	o.gc(n)
}

// deliver delivers every unit that may be delivered, in order.
func (o *ordering) deliver(n *Node) {
	for {
		u := o.get(o.delivered + 1)
		if u == nil || o.knownAru(n, u.Sender) < u.Seq {
			return
		}
		n.deliverUnit(o, u)
	}
}

func (n *Node) deliverUnit(o *ordering, u *unit) {
	o.delivered = u.Seq
	n.counters.UnitsDelivered++
	if u.Sender == n.id && len(o.tx) > 0 && o.tx[0].vseq == u.VSeq {
		o.tx = o.tx[1:]
		o.txBase++
		n.app.ownDelivered()
	}
	n.app.deliver(n, o.ring, u)
}

// gc forgets units every member has and this node delivered.
func (o *ordering) gc(n *Node) {
	lim := min(o.stable(n), o.delivered)
	if lim <= o.base {
		return
	}
	k := min(lim-o.base, uint64(len(o.log)))
	clear(o.log[:k])
	o.log = o.log[k:]
	o.base += k
}

// deadline is when flush next has timed work.
func (o *ordering) deadline(n *Node) (time.Duration, bool) {
	if o.frozen {
		return 0, false
	}
	t, ok := time.Duration(1<<62-1), false
	if o.isLeader(n) {
		for _, id := range o.members {
			if id != n.id && (o.known[id] < o.head || o.peerDeliv[id] < o.head) {
				t, ok = o.rtxCheck+n.cfg.Retransmit, true
				break
			}
		}
		return t, ok
	}
	if o.acked < o.vseq {
		t, ok = min(t, o.lastData+max(o.rtxWait, n.cfg.Retransmit)), true
	}
	if o.aru != o.ackedAru || o.delivered != o.ackedDel || o.aru < o.high {
		t, ok = min(t, o.lastAck+n.cfg.Retransmit), true
	}
	return t, ok
}
