package proto

import (
	"slices"

	"gocrm/transport/quorum"
)

// PeerLink is one peer's state on one link.
type PeerLink struct {
	Node      NodeID
	Connected bool // heard within the link's ping timeout
}

// LinkStatus is one of this node's links.
type LinkStatus struct {
	Number   int
	Priority int
	Peers    []PeerLink // peers with an address on this link, by id
}

// Status is a snapshot of a node for status displays.
type Status struct {
	NodeID      NodeID
	Ring        RingID
	Operational bool
	Synced      bool // the view's votes and groups are exchanged
	Members     []NodeID
	Links       []LinkStatus
	Quorum      quorum.Status
	Counters    Counters
}

// Status returns a snapshot of the node.
func (n *Node) Status() Status {
	s := Status{
		NodeID:      n.id,
		Ring:        n.ring,
		Operational: n.state == stateOperational,
		Synced:      n.state == stateOperational && n.app.synced,
		Members:     slices.Clone([]NodeID(n.members)),
		Quorum:      n.quorum.Status(),
		Counters:    n.counters,
	}
	for _, lc := range n.cfg.Links {
		ls := LinkStatus{Number: lc.Number, Priority: lc.Priority}
		for _, id := range n.peerIDs {
			l := n.peers[id].links[lc.Number]
			if l.configured {
				ls.Peers = append(ls.Peers, PeerLink{Node: id, Connected: l.up})
			}
		}
		s.Links = append(s.Links, ls)
	}
	slices.SortFunc(s.Links, func(a, b LinkStatus) int { return a.Number - b.Number })
	return s
}

// Counters returns the node's packet and protocol statistics.
func (n *Node) Counters() Counters { return n.counters }

func (n *Node) onLeave(p *peer, _ *leave) {
	p.left = true
	p.heard = false
	switch n.state {
	case stateOperational:
		if n.members.has(p.id) {
			n.startGather()
		}
	case stateGather:
		if n.g.rec == nil {
			n.checkConsensus()
		}
	}
}

// QuorateView reports whether the node is in a view whose votes are
// exchanged and which is quorate, with the view's members. The slice must
// not be modified.
func (n *Node) QuorateView() (bool, []NodeID) {
	ok := n.state == stateOperational && n.app.synced && n.quorum.Quorate()
	return ok, n.members
}
