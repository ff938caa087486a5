package proto

import "time"

// gather is the state of a membership round. A round goes through up to
// three steps: gathering (joins until every node in proc-fail sends the same
// sets), the representative's proposal (acc on the members, prop on the
// representative), and recovery (rec: the ring is committed; old-ring
// messages are exchanged and delivered, then the ring installed).
type gather struct {
	proc, fail nodeSet
	since      time.Duration // round start: joins older than this do not count
	changed    time.Duration // last change of proc or fail: the consensus timer
	nextJoin   time.Duration

	prop *proposal
	acc  *accepted
	rec  *recovery
}

type proposal struct {
	ring     RingID
	members  nodeSet
	reports  map[NodeID]report
	at       time.Duration
	nextSend time.Duration
}

type accepted struct {
	ring     RingID
	members  nodeSet
	counter  uint64 // the representative's join counter when we accepted
	at       time.Duration
	nextSend time.Duration
}

// startGather leaves the view (if any) and starts a membership round with
// every node heard recently.
func (n *Node) startGather() {
	if n.state == stateGather && n.g != nil {
		return
	}
	if n.state == stateOperational {
		n.ord.frozen = true
	}
	n.state = stateGather
	n.trace("gather from ring %v", n.ring)
	g := &gather{since: n.now, changed: n.now}
	g.proc = nodeSet{n.id}
	for _, id := range n.peerIDs {
		p := n.peers[id]
		if n.alive(p) {
			g.proc = g.proc.add(id)
		}
	}
	n.g = g
	n.sendJoin()
}

func (n *Node) sendJoin() {
	g := n.g
	n.joinCounter++
	j := &join{Counter: n.joinCounter, Old: n.ring, MaxSeq: n.maxSeq(), Proc: g.proc, Fail: g.fail}
	for _, id := range n.peerIDs {
		n.send(n.peers[id], j)
	}
	g.nextJoin = n.now + n.cfg.Join
}

func (n *Node) onJoin(p *peer, j *join) {
	if j.Counter <= p.joinCounter {
		return // older than one already seen
	}
	p.joinCounter = j.Counter
	p.lastJoin = j
	p.lastJoinAt = n.now
	n.maxSeqSeen = max(n.maxSeqSeen, j.MaxSeq)
	switch n.state {
	case stateOperational:
		if n.members.has(p.id) && j.Old.Less(n.ring) && j.Counter <= n.joinAt[p.id] {
			return // sent before it accepted our ring
		}
		n.trace("join from %d (old %v) in ring %v", p.id, j.Old, n.ring)
		n.startGather()
	case stateGather:
	default:
		return
	}
	g := n.g
	if g.rec != nil {
		return // committed: the join is seen again after the install
	}
	if g.acc != nil && p.id == g.acc.ring.Rep && j.Counter > g.acc.counter {
		g.acc = nil // the representative gave its proposal up
		g.changed = n.now
	}
	if g.fail.has(p.id) {
		return
	}
	var proc, fail nodeSet
	if makeSet(j.Fail).has(n.id) {
		fail = g.fail.add(p.id)
		proc = g.proc
	} else {
		proc = g.proc.union(n.known(j.Proc)).add(p.id)
		fail = g.fail.union(n.known(j.Fail))
	}
	if !proc.equal(g.proc) || !fail.equal(g.fail) {
		n.setSets(proc, fail)
	}
	n.checkConsensus()
}

// known keeps the configured node ids of a list.
func (n *Node) known(ids []NodeID) nodeSet {
	s := make(nodeSet, 0, len(ids))
	for _, id := range ids {
		if id == n.id || n.peers[id] != nil {
			s = s.add(id)
		}
	}
	return s
}

// setSets changes proc and fail; a pending proposal or acceptance is for
// the old sets, so it is dropped.
func (n *Node) setSets(proc, fail nodeSet) {
	g := n.g
	n.trace("sets proc=%v fail=%v", proc, fail)
	g.proc, g.fail = proc, fail
	g.changed = n.now
	g.prop = nil
	g.acc = nil
	n.sendJoin()
}

// checkConsensus proposes a ring when every node of proc-fail agrees on
// the sets and this node has the lowest id among them.
func (n *Node) checkConsensus() {
	g := n.g
	if g.prop != nil || g.acc != nil || g.rec != nil {
		return
	}
	fail := g.fail
	for _, id := range g.proc {
		if id != n.id && !fail.has(id) && n.silent(n.peers[id]) {
			fail = fail.add(id)
		}
	}
	if !fail.equal(g.fail) {
		n.setSets(g.proc, fail)
	}
	active := g.proc.minus(g.fail)
	for _, id := range active {
		if id == n.id {
			continue
		}
		p := n.peers[id]
		if p.lastJoin == nil || p.lastJoinAt < g.since ||
			!makeSet(p.lastJoin.Proc).equal(g.proc) || !makeSet(p.lastJoin.Fail).equal(g.fail) {
			return
		}
	}
	if n.now-g.since < n.cfg.Join || active[0] != n.id {
		return
	}
	n.propose(active)
}

func (n *Node) tickGather() {
	g := n.g
	switch {
	case g.rec != nil:
		n.tickRecovery()
		return
	case g.prop != nil:
		if n.now-g.prop.at >= n.cfg.Consensus {
			fail := g.fail
			for _, id := range g.prop.members {
				if _, ok := g.prop.reports[id]; !ok {
					fail = fail.add(id)
				}
			}
			n.setSets(g.proc, fail)
		} else if n.now >= g.prop.nextSend {
			n.sendPropose()
		}
	case g.acc != nil:
		if n.now-g.acc.at >= n.cfg.Consensus {
			g.acc = nil
			g.changed = n.now
			n.sendJoin()
		} else if n.now >= g.acc.nextSend {
			n.sendAccept()
		}
	default:
		if n.now-g.changed >= n.cfg.Consensus {
			// Leave out the nodes that have not agreed in time.
			fail := g.fail
			for _, id := range g.proc.minus(g.fail) {
				p := n.peers[id]
				if id != n.id && (p.lastJoin == nil || p.lastJoinAt < g.since ||
					!makeSet(p.lastJoin.Proc).equal(g.proc) || !makeSet(p.lastJoin.Fail).equal(g.fail)) {
					fail = fail.add(id)
				}
			}
			if fail.equal(g.fail) {
				g.changed = n.now
			} else {
				n.setSets(g.proc, fail)
			}
		}
		if n.now >= g.nextJoin {
			n.sendJoin()
		}
	}
	if n.g != nil && n.g.rec == nil {
		n.checkConsensus()
	}
}

func (n *Node) gatherDeadline() time.Duration {
	g := n.g
	switch {
	case g.rec != nil:
		return n.recoveryDeadline()
	case g.prop != nil:
		return min(g.prop.at+n.cfg.Consensus, g.prop.nextSend)
	case g.acc != nil:
		return min(g.acc.at+n.cfg.Consensus, g.acc.nextSend)
	}
	t := min(g.changed+n.cfg.Consensus, g.nextJoin)
	if w := g.since + n.cfg.Join; w > n.now {
		t = min(t, w) // proposals wait one join interval into the round
	}
	for _, id := range g.proc.minus(g.fail) {
		if p := n.peers[id]; id != n.id && p.heard && !p.left {
			t = min(t, p.lastHeard+n.cfg.Token+1)
		}
	}
	return t
}
