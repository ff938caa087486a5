package quorum

import (
	"slices"
	"time"
)

// Flags carried in NodeInfo.
const (
	FlagQuorate   uint32 = 1 << iota // the sender's partition is quorate
	FlagWFAStatus                    // the sender is still waiting for all
	FlagFirst                        // the sender has never been in a multi-node view
	FlagLeaving                      // the sender is shutting down (informational)
)

// Ring names a view for the tracker: the transport's ring id.
type Ring struct {
	Seq uint64
	Rep uint32
}

// Less orders rings as the transport does.
func (r Ring) Less(o Ring) bool { return r.Seq < o.Seq || r.Seq == o.Seq && r.Rep < o.Rep }

// NodeInfo is what each member announces to the others after every view
// change (votequorum's nodeinfo message). QuorateRing, Lowest and Highest
// go beyond votequorum: the last quorate view the sender saw and the
// lowest and highest node ids in it, so that every member of a view breaks
// ties with the freshest of them (see Tracker.Receive).
type NodeInfo struct {
	Votes         uint32
	ExpectedVotes uint32
	Flags         uint32
	QuorateRing   Ring
	Lowest        uint32
	Highest       uint32
}

type member struct {
	votes    uint32
	expected uint32
	flags    uint32
	present  bool
}

// Tracker is one node's votequorum state.
type Tracker struct {
	cfg Config

	self    *member // this node; self.expected is its sticky expected votes
	quorum  uint32
	quorate bool
	wfa     bool // wait_for_all still armed
	first   bool
	syncing bool

	nodes map[uint32]*member

	members, previous []uint32 // current and previous view
	ring              Ring     // current view
	lowest, highest   uint32   // remembered from the last quorate view,
	quorateRing       Ring     // which is this one

	lmsArmed    bool
	lmsDeadline time.Duration
}

// NewTracker returns a tracker for a configuration that went through
// Normalize. The node starts alone, not quorate, waiting for its first view.
func NewTracker(cfg Config) *Tracker {
	t := &Tracker{
		cfg:     cfg,
		self:    &member{votes: cfg.Votes, expected: cfg.ExpectedVotes, present: true},
		wfa:     cfg.WaitForAll,
		first:   true,
		nodes:   map[uint32]*member{},
		members: []uint32{cfg.NodeID},
	}
	t.nodes[cfg.NodeID] = t.self
	t.recalculate(false, false)
	return t
}

// Own returns the NodeInfo this node announces in the current view.
func (t *Tracker) Own() NodeInfo {
	f := uint32(0)
	if t.quorate {
		f |= FlagQuorate
	}
	if t.wfa {
		f |= FlagWFAStatus
	}
	if t.first {
		f |= FlagFirst
	}
	return NodeInfo{Votes: t.cfg.Votes, ExpectedVotes: t.self.expected, Flags: f,
		QuorateRing: t.quorateRing, Lowest: t.lowest, Highest: t.highest}
}

// SyncInit starts the exchange for a new view with the given members.
// Members that left are counted out at once; their votes no longer count.
func (t *Tracker) SyncInit(ring Ring, members []uint32, now time.Duration) {
	t.ring = ring
	members = slices.Clone(members)
	slices.Sort(members)
	if len(members) > 1 {
		t.first = false
	}
	left := false
	for _, id := range t.members {
		if !slices.Contains(members, id) {
			left = true
			if m := t.nodes[id]; m != nil {
				m.present = false
			}
		}
	}
	if t.cfg.LastManStanding {
		n := uint32(len(members))
		if (n >= t.quorum && left) ||
			(n <= t.quorum && t.cfg.TieBreaker != TieBreakerNone && slices.Contains(members, t.lowest)) {
			t.lmsArmed = true
			t.lmsDeadline = now + t.cfg.LastManStandingWindow
		}
	}
	t.previous = t.members
	t.members = members
	t.syncing = true
}

// Receive applies one member's NodeInfo, delivered in the view's order.
func (t *Tracker) Receive(from uint32, info NodeInfo) {
	if !slices.Contains(t.members, from) {
		return
	}
	m := t.nodes[from]
	if m == nil {
		m = &member{}
		t.nodes[from] = m
	}
	m.flags = info.Flags
	m.votes = info.Votes
	// votequorum remembers the tie breaker of the last quorate view this
	// node was in; a member may have seen a later one, without us (it was
	// quorate in a partition we were not in). Take the freshest, so that
	// two halves never break a tie with different nodes.
	if t.quorateRing.Less(info.QuorateRing) && info.Lowest != 0 {
		t.quorateRing, t.lowest, t.highest = info.QuorateRing, info.Lowest, info.Highest
	}
	if from == t.cfg.NodeID {
		m.votes = t.cfg.Votes
	}
	m.present = true
	allowDecrease := false
	if !t.quorate && info.Flags&FlagQuorate != 0 {
		allowDecrease = true
		t.self.expected = info.ExpectedVotes
	}
	if info.Flags&FlagQuorate != 0 {
		m.expected = info.ExpectedVotes
	} else {
		m.expected = t.self.expected
	}
	if t.cfg.LastManStanding && m.votes > 1 {
		// LMS works only when every node has one vote.
		t.cfg.LastManStanding = false
		t.lmsArmed = false
	}
	t.recalculate(allowDecrease, false)
	if t.cfg.WaitForAll && info.Flags&FlagWFAStatus == 0 && info.Flags&FlagQuorate != 0 {
		t.wfa = false
	}
}

// SyncActivate ends the exchange: every member's NodeInfo has been
// received. It returns whether the partition is quorate.
func (t *Tracker) SyncActivate() bool {
	t.syncing = false
	t.recalculate(false, false)
	return t.quorate
}

// Syncing reports whether a view's exchange is still in progress.
func (t *Tracker) Syncing() bool { return t.syncing }

// Quorate reports whether this node's partition is quorate.
func (t *Tracker) Quorate() bool { return t.quorate }

// NextDeadline returns when Tick has work to do, if ever.
func (t *Tracker) NextDeadline() (time.Duration, bool) {
	return t.lmsDeadline, t.lmsArmed
}

// Tick runs the last_man_standing timer. It returns true when the quorum
// numbers changed.
func (t *Tracker) Tick(now time.Duration) bool {
	if !t.lmsArmed || now < t.lmsDeadline {
		return false
	}
	t.lmsArmed = false
	if !t.quorate {
		return false
	}
	before := t.Status()
	t.recalculate(true, true)
	after := t.Status()
	return before.ExpectedVotes != after.ExpectedVotes || before.Quorum != after.Quorum || before.Quorate != after.Quorate
}

func (t *Tracker) present() (votes uint32, nodes int, highest uint32) {
	for _, id := range t.members {
		m := t.nodes[id]
		if m == nil || !m.present {
			continue
		}
		votes += m.votes
		nodes++
		highest = max(highest, m.expected)
	}
	return votes, nodes, highest
}

func (t *Tracker) recalculate(allowDecrease, byCurrentNodes bool) {
	total, nodes, _ := t.present()
	if total > t.self.expected {
		t.self.expected = total
	}
	maxExpected := uint32(0)
	if byCurrentNodes {
		maxExpected = uint32(nodes)
	}
	t.quorum = t.calculate(allowDecrease, maxExpected)
	if maxExpected > 0 {
		for _, id := range t.members {
			if m := t.nodes[id]; m != nil && m.present {
				m.expected = maxExpected
			}
		}
	}
	t.decide(total)
}

func (t *Tracker) calculate(allowDecrease bool, maxExpected uint32) uint32 {
	total, nodes, highest := t.present()
	if maxExpected > 0 {
		highest = maxExpected
	}
	q := max((highest+2)/2, (total+2)/2)
	if !allowDecrease {
		q = max(q, t.quorum)
	}
	if t.cfg.TwoNode && nodes <= 2 {
		q = 1
	}
	return q
}

func (t *Tracker) decide(total uint32) {
	if t.cfg.WaitForAll && t.wfa {
		if total != t.self.expected {
			t.quorate = false
			return
		}
		t.wfa = false
	}
	quorate := total >= t.quorum
	if quorate && !t.syncing {
		t.lowest, t.highest = t.members[0], t.members[len(t.members)-1]
		t.quorateRing = t.ring
	}
	if t.cfg.TieBreaker != TieBreakerNone && total == t.self.expected/2 &&
		uint32(max(len(t.previous)-len(t.members), 0)) < t.quorum && t.tieBreakerPresent() {
		quorate = true
		if !t.syncing {
			t.quorateRing = t.ring
		}
	}
	t.quorate = quorate
	if t.cfg.WaitForAll {
		t.wfa = !quorate
	}
}

func (t *Tracker) tieBreakerPresent() bool {
	switch t.cfg.TieBreaker {
	case TieBreakerLowest:
		return slices.Contains(t.members, t.lowest)
	case TieBreakerHighest:
		return slices.Contains(t.members, t.highest)
	case TieBreakerList:
		for i, id := range t.cfg.TieBreakerNodes {
			if !slices.Contains(t.members, id) {
				continue
			}
			// An earlier list node that was with us before may now be in
			// the other half: we cannot know, so we may not win.
			for _, earlier := range t.cfg.TieBreakerNodes[:i] {
				if slices.Contains(t.previous, earlier) {
					return false
				}
			}
			return true
		}
	}
	return false
}
