package simnet

import (
	"math/rand/v2"
	"time"
)

// Handler receives a datagram that arrived on one of a node's links.
type Handler func(link int, pkt []byte)

// Faults are the network's random misbehaviour, applied to every datagram.
type Faults struct {
	Loss      float64       // probability a datagram is lost
	Duplicate float64       // probability it arrives twice
	MinDelay  time.Duration // delay, uniform in [MinDelay, MaxDelay]:
	MaxDelay  time.Duration // datagrams overtake each other when these differ
}

// NetStats counts what happened to datagrams.
type NetStats struct {
	Sent, Delivered, Lost, Duplicated, Blocked uint64
	// LinkDelivered counts delivered datagrams per link number.
	LinkDelivered [8]uint64
}

// Network carries datagrams between nodes over numbered links.
type Network struct {
	sched    *Scheduler
	rng      *rand.Rand
	Faults   Faults
	Stats    NetStats
	handlers map[uint32]Handler
	down     map[uint32]bool
	group    map[uint32]int // partition: nodes talk only within a group
	cut      map[cutKey]bool
}

type cutKey struct {
	a, b uint32
	link int
}

func key(a, b uint32, link int) cutKey {
	if a > b {
		a, b = b, a
	}
	return cutKey{a, b, link}
}

// NewNetwork returns a network on the scheduler's clock, with no faults.
func NewNetwork(s *Scheduler, rng *rand.Rand) *Network {
	return &Network{sched: s, rng: rng, handlers: map[uint32]Handler{}, down: map[uint32]bool{},
		group: map[uint32]int{}, cut: map[cutKey]bool{}}
}

// Attach connects a node; its datagrams are handed to h.
func (n *Network) Attach(node uint32, h Handler) { n.handlers[node] = h }

// SetDown takes a node off the wire (crashed) or puts it back. Datagrams in
// flight to a down node are lost.
func (n *Network) SetDown(node uint32, down bool) { n.down[node] = down }

// Partition splits the nodes into groups that cannot talk to each other;
// nodes not listed are isolated. Heal undoes it.
func (n *Network) Partition(groups ...[]uint32) {
	clear(n.group)
	for i, g := range groups {
		for _, id := range g {
			n.group[id] = i + 1
		}
	}
}

// Heal ends any partition and restores every cut link.
func (n *Network) Heal() {
	clear(n.group)
	clear(n.cut)
}

// Cut breaks link between a and b in both directions; Restore mends it.
func (n *Network) Cut(a, b uint32, link int)     { n.cut[key(a, b, link)] = true }
func (n *Network) Restore(a, b uint32, link int) { delete(n.cut, key(a, b, link)) }

// Connected reports whether a datagram from a to b on link would get
// through the partition and the cuts (faults aside).
func (n *Network) Connected(a, b uint32, link int) bool {
	return !n.down[a] && !n.down[b] && n.path(a, b, link)
}

// path reports whether the partition and the cuts let a datagram through.
func (n *Network) path(a, b uint32, link int) bool {
	if n.cut[key(a, b, link)] {
		return false
	}
	return len(n.group) == 0 || n.group[a] != 0 && n.group[a] == n.group[b]
}

// Send sends a datagram from node from to node to on link.
func (n *Network) Send(from, to uint32, link int, pkt []byte) {
	n.Stats.Sent++
	if !n.Connected(from, to, link) {
		n.Stats.Blocked++
		return
	}
	if n.Faults.Loss > 0 && n.rng.Float64() < n.Faults.Loss {
		n.Stats.Lost++
		return
	}
	n.schedule(from, to, link, pkt)
	if n.Faults.Duplicate > 0 && n.rng.Float64() < n.Faults.Duplicate {
		n.Stats.Duplicated++
		n.schedule(from, to, link, pkt)
	}
}

func (n *Network) schedule(from, to uint32, link int, pkt []byte) {
	d := n.Faults.MinDelay
	if span := n.Faults.MaxDelay - n.Faults.MinDelay; span > 0 {
		d += time.Duration(n.rng.Int64N(int64(span) + 1))
	}
	n.sched.After(d, func() {
		// A datagram in flight still arrives if its sender crashed since.
		h := n.handlers[to]
		if h == nil || n.down[to] || !n.path(from, to, link) {
			n.Stats.Blocked++
			return
		}
		n.Stats.Delivered++
		if link >= 0 && link < len(n.Stats.LinkDelivered) {
			n.Stats.LinkDelivered[link]++
		}
		// Each delivery gets its own copy: receivers may own and change
		// what they are given, and a datagram may be delivered twice or
		// sent to several nodes.
		h(link, append([]byte(nil), pkt...))
	})
}
