package simnet

import (
	"fmt"
	"hash/maphash"
	"slices"

	"gocrm/transport/proto"
)

// Checker verifies, event by event, the guarantees of the transport:
//
//   - a node installs ring ids in increasing order, across restarts;
//
//   - two nodes that install the same ring id have the same members;
//
//   - in a ring, every node delivers messages in one order: a message has
//     one position, and a node's positions only grow;
//
//   - a node delivers a message at most once, in its whole life;
//
//   - a message is delivered in one ring only (sent in a view, delivered
//     in that view or not at all);
//
//   - nodes that move together from one ring to the next delivered the
//     same messages in the first (virtual synchrony);
//
//   - (CheckQuorum) two nodes in disjoint views are not both quorate.
//
//   - a node delivers each sender's messages in the order they were sent,
//     and delivers them whole.
//
// The first violation is kept; Err returns it.
type Checker struct {
	// Parse returns a message's identity, the sender stream it belongs to
	// and its position in that stream; an error if the payload is damaged.
	Parse func(payload []byte) (id, stream string, pos uint64, err error)

	err       error
	last      map[proto.NodeID]proto.RingID
	members   map[proto.RingID][]proto.NodeID
	cur       map[incKey]*viewState
	order     map[proto.RingID]map[uint64]string
	position  map[proto.RingID]map[string]uint64
	delivered map[proto.NodeID]map[string]bool
	msgRing   map[string]proto.RingID
	moves     map[[2]proto.RingID]move
	fifo      map[fifoKey]uint64
	seed      maphash.Seed
	quorate   []quorateView

	// Deliveries counts delivered messages, Views installed views.
	Deliveries, Views int
}

type quorateView struct {
	id      proto.NodeID
	members []proto.NodeID
}

type fifoKey struct {
	node   proto.NodeID
	stream string
}

type incKey struct {
	id  proto.NodeID
	inc uint64
}

type viewState struct {
	ring    proto.RingID
	lastSeq uint64
	count   int
	hash    uint64
}

type move struct {
	node  proto.NodeID
	count int
	hash  uint64
}

// NewChecker returns a checker; parse reads message payloads.
func NewChecker(parse func(payload []byte) (id, stream string, pos uint64, err error)) *Checker {
	return &Checker{
		Parse:     parse,
		fifo:      map[fifoKey]uint64{},
		last:      map[proto.NodeID]proto.RingID{},
		members:   map[proto.RingID][]proto.NodeID{},
		cur:       map[incKey]*viewState{},
		order:     map[proto.RingID]map[uint64]string{},
		position:  map[proto.RingID]map[string]uint64{},
		delivered: map[proto.NodeID]map[string]bool{},
		msgRing:   map[string]proto.RingID{},
		moves:     map[[2]proto.RingID]move{},
		seed:      maphash.MakeSeed(),
	}
}

// Err returns the first violation seen, or nil.
func (c *Checker) Err() error { return c.err }

func (c *Checker) fail(format string, args ...any) {
	if c.err == nil {
		c.err = fmt.Errorf(format, args...)
	}
}

// Observe checks one event of node id's incarnation inc.
func (c *Checker) Observe(id proto.NodeID, inc uint64, e proto.Event) {
	switch e := e.(type) {
	case proto.ViewEvent:
		c.view(id, inc, e)
	case proto.DeliverEvent:
		c.deliver(id, inc, e)
	}
}

func (c *Checker) view(id proto.NodeID, inc uint64, e proto.ViewEvent) {
	c.Views++
	if last, ok := c.last[id]; ok && !last.Less(e.Ring) {
		c.fail("node %d installed ring %v after ring %v: ring ids must grow", id, e.Ring, last)
	}
	c.last[id] = e.Ring
	if m, ok := c.members[e.Ring]; ok && !slices.Equal(m, e.Members) {
		c.fail("ring %v installed by node %d with members %v, by others with %v", e.Ring, id, e.Members, m)
	} else if !ok {
		c.members[e.Ring] = slices.Clone(e.Members)
	}
	k := incKey{id, inc}
	if v := c.cur[k]; v != nil {
		mk := [2]proto.RingID{v.ring, e.Ring}
		mv := move{node: id, count: v.count, hash: v.hash}
		if other, ok := c.moves[mk]; ok && (other.count != mv.count || other.hash != mv.hash) {
			c.fail("nodes %d and %d moved from ring %v to ring %v after delivering different messages in %v (%d and %d messages)",
				other.node, id, v.ring, e.Ring, v.ring, other.count, mv.count)
		} else if !ok {
			c.moves[mk] = mv
		}
	}
	c.cur[k] = &viewState{ring: e.Ring}
}

func (c *Checker) deliver(id proto.NodeID, inc uint64, e proto.DeliverEvent) {
	c.Deliveries++
	msg, stream, pos, err := c.Parse(e.Payload)
	if err != nil {
		c.fail("node %d delivered a damaged message in ring %v at %d: %v", id, e.Ring, e.Seq, err)
		return
	}
	d := c.delivered[id]
	if d == nil {
		d = map[string]bool{}
		c.delivered[id] = d
	}
	if d[msg] {
		c.fail("node %d delivered %q twice", id, msg)
	}
	d[msg] = true
	fk := fifoKey{id, stream}
	if last, ok := c.fifo[fk]; ok && pos <= last {
		c.fail("node %d delivered %q (position %d of %s) after position %d: sender order broken", id, msg, pos, stream, last)
	}
	c.fifo[fk] = pos
	v := c.cur[incKey{id, inc}]
	if v == nil || v.ring != e.Ring {
		c.fail("node %d delivered %q in ring %v, which it has not installed", id, msg, e.Ring)
		return
	}
	if e.Seq <= v.lastSeq {
		c.fail("node %d delivered %q at position %d after position %d in ring %v", id, msg, e.Seq, v.lastSeq, e.Ring)
	}
	v.lastSeq = e.Seq
	v.count++
	var h maphash.Hash
	h.SetSeed(c.seed)
	fmt.Fprintf(&h, "%d %d %s", v.hash, e.Seq, msg)
	v.hash = h.Sum64()

	ord := c.order[e.Ring]
	if ord == nil {
		ord = map[uint64]string{}
		c.order[e.Ring] = ord
		c.position[e.Ring] = map[string]uint64{}
	}
	if other, ok := ord[e.Seq]; ok && other != msg {
		c.fail("ring %v position %d: node %d delivered %q, another node %q", e.Ring, e.Seq, id, msg, other)
	}
	ord[e.Seq] = msg
	if pos, ok := c.position[e.Ring][msg]; ok && pos != e.Seq {
		c.fail("ring %v: %q delivered at position %d by node %d, at %d by another", e.Ring, msg, e.Seq, id, pos)
	}
	c.position[e.Ring][msg] = e.Seq

	if r, ok := c.msgRing[msg]; ok && r != e.Ring {
		c.fail("%q delivered in ring %v and in ring %v", msg, r, e.Ring)
	}
	c.msgRing[msg] = e.Ring
}

// Delivered reports whether node id delivered msg.
func (c *Checker) Delivered(id proto.NodeID, msg string) bool { return c.delivered[id][msg] }

// CheckQuorum fails when two running nodes whose views are synced and
// disjoint both say they are quorate. It is not run for two_node clusters,
// where both halves keep quorum by design and fencing decides.
func (c *Checker) CheckQuorum(cl *Cluster) {
	quorate := c.quorate[:0]
	for _, id := range cl.IDs() {
		sn := cl.Node(id)
		if !sn.Up() {
			continue
		}
		if ok, members := sn.Node.QuorateView(); ok {
			quorate = append(quorate, quorateView{id, members})
		}
	}
	c.quorate = quorate
	for i := range quorate {
		for j := i + 1; j < len(quorate); j++ {
			a, b := quorate[i], quorate[j]
			if !slices.ContainsFunc(a.members, func(x proto.NodeID) bool { return slices.Contains(b.members, x) }) {
				c.fail("nodes %d (view %v) and %d (view %v) are both quorate in disjoint partitions", a.id, a.members, b.id, b.members)
			}
		}
	}
}
