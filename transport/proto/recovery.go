package proto

import (
	"time"

	"gocrm/transport/quorum"
)

// recovery is the last step of a round: the ring is committed; this node
// fetches the old-ring units the plan says its old ring's survivors
// deliver, delivers them, and installs the ring.
type recovery struct {
	commit   *commit
	plan     *plan
	at       time.Duration
	nextSend time.Duration
}

// plan is what the members of one old ring that move to the new ring
// together deliver in the old ring before installing the new one. Every
// one of them computes it from the same commit, so they deliver the same.
//
// The plan covers units up to end, the last of the contiguous run of units
// one of them holds. A unit is delivered when its sender is known to have
// received it (known[sender] >= seq): only then may anyone have delivered
// it, and only then does its sender count it as sent in the old ring. The
// sender sends the units that fail the test again in the new ring.
type plan struct {
	end     uint64
	known   map[NodeID]uint64
	holders []report // other survivors of the old ring
}

func (n *Node) makePlan(c *commit) *plan {
	pl := &plan{known: map[NodeID]uint64{}}
	if n.ring.IsZero() || n.ord == nil {
		return pl
	}
	var group []*report
	for i := range c.Reports {
		if r := &c.Reports[i]; r.Old == n.ring {
			group = append(group, r)
		}
	}
	start := n.ord.delivered
	for _, r := range group {
		start = min(start, r.Delivered)
		for _, k := range r.Known {
			if n.ord.members.has(k.Node) {
				pl.known[k.Node] = max(pl.known[k.Node], k.Seq)
			}
		}
		pl.known[r.Node] = max(pl.known[r.Node], r.Aru)
		if r.Node != n.id {
			pl.holders = append(pl.holders, *r)
		}
	}
	held := func(r *report, s uint64) bool {
		if s <= r.Aru {
			return true
		}
		k := s - r.Aru - 1
		return s <= r.High && int(k/8) < len(r.Held) && r.Held[k/8]&(1<<(k%8)) != 0
	}
	// Nothing beyond what this node could hold can be delivered: that also
	// bounds the walk whatever the reports say.
	end := start
	for limit := start + 2*uint64(n.cfg.Window); end < limit; end++ {
		found := false
		for _, r := range group {
			if held(r, end+1) {
				found = true
				break
			}
		}
		if !found {
			break
		}
	}
	pl.end = end
	return pl
}

func (n *Node) startRecovery(c *commit) {
	g := n.g
	g.acc = nil
	g.prop = nil
	g.rec = &recovery{commit: c, plan: n.makePlan(c), at: n.now}
	n.trace("commit %v: plan end %d, delivered %d", c.Ring, g.rec.plan.end, n.ordDelivered())
	n.requestMissing()
	n.checkRecovered()
}

// missing lists the units of the plan this node lacks.
func (n *Node) missing() []uint64 {
	var m []uint64
	o := n.ord
	if o == nil {
		return nil
	}
	for s := o.delivered + 1; s <= n.g.rec.plan.end; s++ {
		if o.get(s) == nil {
			m = append(m, s)
		}
	}
	return m
}

func (n *Node) requestMissing() {
	rec := n.g.rec
	rec.nextSend = n.now + n.cfg.Retransmit
	miss := n.missing()
	if len(miss) == 0 {
		return
	}
	asks := map[NodeID][]seqRange{}
	for _, s := range miss {
		var from NodeID
		for i := range rec.plan.holders {
			r := &rec.plan.holders[i]
			if s <= r.Aru {
				from = r.Node
				break
			}
			k := s - r.Aru - 1
			if s <= r.High && int(k/8) < len(r.Held) && r.Held[k/8]&(1<<(k%8)) != 0 {
				from = r.Node
			}
		}
		if from == 0 {
			continue
		}
		rs := asks[from]
		if len(rs) > 0 && rs[len(rs)-1].Last+1 == s {
			rs[len(rs)-1].Last = s
		} else if len(rs) < 64 {
			rs = append(rs, seqRange{First: s, Last: s})
		}
		asks[from] = rs
	}
	for _, id := range n.peerIDs {
		if rs := asks[id]; len(rs) > 0 {
			n.send(n.peers[id], &recoverReq{Old: n.ring, Ranges: rs})
		}
	}
}

func (n *Node) tickRecovery() {
	rec := n.g.rec
	if n.now-rec.at >= n.cfg.Consensus {
		// A holder went away; start over.
		n.trace("recovery of %v timed out, missing %v", rec.commit.Ring, n.missing())
		n.g.rec = nil
		n.g.since = n.now
		n.g.changed = n.now
		n.sendJoin()
		return
	}
	if n.now >= rec.nextSend {
		n.requestMissing()
	}
}

func (n *Node) recoveryDeadline() time.Duration {
	rec := n.g.rec
	return min(rec.at+n.cfg.Consensus, rec.nextSend)
}

func (n *Node) onRecoverReq(p *peer, m *recoverReq) {
	var o *ordering
	switch {
	case n.ord != nil && n.ord.ring == m.Old:
		o = n.ord
	case n.prev != nil && n.prev.ring == m.Old:
		o = n.prev
	default:
		return
	}
	var batch []unit
	size := 0
	budget := 256
	flush := func() {
		if len(batch) > 0 {
			n.send(p, &recoverData{Old: m.Old, Units: batch})
			n.counters.Retransmits += uint64(len(batch))
			batch, size = nil, 0
		}
	}
	last := o.base + uint64(len(o.log))
	for _, r := range m.Ranges {
		for s := max(r.First, o.base+1); s <= min(r.Last, last) && budget > 0; s++ {
			u := o.get(s)
			if u == nil {
				continue
			}
			if size+len(u.Body)+32 > n.cfg.MaxPacket-Overhead-64 {
				flush()
			}
			batch = append(batch, *u)
			size += len(u.Body) + 32
			budget--
		}
	}
	flush()
}

func (n *Node) onRecoverData(p *peer, m *recoverData) {
	if n.state != stateGather || n.ord == nil || n.ord.ring != m.Old {
		return
	}
	for i := range m.Units {
		n.ord.put(&m.Units[i])
	}
	if n.g.rec != nil {
		n.checkRecovered()
	}
}

// checkRecovered delivers the plan and installs the ring once every unit
// of the plan is here.
func (n *Node) checkRecovered() {
	rec := n.g.rec
	if len(n.missing()) > 0 {
		return
	}
	if o := n.ord; o != nil {
		// Known arus only grow, so once one of a sender's units fails the
		// test all its later ones do: each sender's units stay in order.
		for s := o.delivered + 1; s <= rec.plan.end; s++ {
			if u := o.get(s); rec.plan.known[u.Sender] >= s {
				n.deliverUnit(o, u)
			}
		}
	}
	n.install(rec.commit)
}

// install makes the committed ring the current view.
func (n *Node) install(c *commit) {
	oldMembers := n.members
	if n.ord != nil {
		n.prev = n.ord
		n.prev.frozen = true
	}
	n.ring = c.Ring
	n.members = makeSet(c.Members)
	n.ord = newOrdering(n, c.Ring, n.members)
	n.state = stateOperational
	n.installedAt = n.now
	n.g = nil
	n.lastCommit = nil
	if c.Ring.Rep == n.id {
		n.lastCommit = c
	}
	n.joinAt = map[NodeID]uint64{}
	for _, r := range c.Reports {
		n.joinAt[r.Node] = r.Join
	}
	n.counters.ViewsInstalled++
	n.trace("installed %v %v", c.Ring, n.members)
	n.emit(ViewEvent{
		Ring:    c.Ring,
		Members: append([]NodeID(nil), n.members...),
		Joined:  n.members.minus(oldMembers),
		Left:    oldMembers.minus(n.members),
	})
	n.quorum.SyncInit(quorum.Ring{Seq: c.Ring.Seq, Rep: uint32(c.Ring.Rep)}, nodeIDs32(n.members), n.now)
	n.app.onInstall(n)
}

func (n *Node) ordDelivered() uint64 {
	if n.ord == nil {
		return 0
	}
	return n.ord.delivered
}

func nodeIDs32(s nodeSet) []uint32 {
	r := make([]uint32, len(s))
	for i, id := range s {
		r[i] = uint32(id)
	}
	return r
}
