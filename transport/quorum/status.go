package quorum

import (
	"cmp"
	"slices"
)

// Member is one node of the current view as votequorum sees it.
type Member struct {
	NodeID uint32
	Votes  uint32
}

// Status holds the numbers corosync-quorumtool -s prints under
// "Votequorum information".
type Status struct {
	NodeID          uint32
	Quorate         bool
	ExpectedVotes   uint32 // this node's expected votes
	HighestExpected uint32 // highest expected votes among the members
	TotalVotes      uint32 // votes of the members present
	Quorum          uint32
	TwoNode         bool
	WaitForAll      bool
	LastManStanding bool
	AutoTieBreaker  bool
	Members         []Member // sorted by node id
}

// Status returns the current numbers.
func (t *Tracker) Status() Status {
	total, _, highest := t.present()
	s := Status{
		NodeID:          t.cfg.NodeID,
		Quorate:         t.quorate,
		ExpectedVotes:   t.self.expected,
		HighestExpected: highest,
		TotalVotes:      total,
		Quorum:          t.quorum,
		TwoNode:         t.cfg.TwoNode,
		WaitForAll:      t.cfg.WaitForAll,
		LastManStanding: t.cfg.LastManStanding,
		AutoTieBreaker:  t.cfg.TieBreaker != TieBreakerNone,
	}
	for _, id := range t.members {
		votes := uint32(0)
		if m := t.nodes[id]; m != nil && m.present {
			votes = m.votes
		}
		s.Members = append(s.Members, Member{NodeID: id, Votes: votes})
	}
	slices.SortFunc(s.Members, func(a, b Member) int { return cmp.Compare(a.NodeID, b.NodeID) })
	return s
}
