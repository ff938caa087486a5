package proto

// propose starts the representative's step of a round: a new ring id,
// persisted before anyone hears of it, so that no restart can reuse it.
func (n *Node) propose(members nodeSet) {
	g := n.g
	seq := n.maxSeq()
	for _, id := range members {
		if p := n.peers[id]; p != nil && p.lastJoin != nil {
			seq = max(seq, p.lastJoin.MaxSeq)
		}
	}
	seq++
	n.persist(seq)
	g.prop = &proposal{
		ring:    RingID{Seq: seq, Rep: n.id},
		members: members,
		reports: map[NodeID]report{n.id: n.makeReport()},
		at:      n.now,
	}
	n.trace("propose %v %v", g.prop.ring, members)
	n.sendPropose()
	n.maybeCommit()
}

func (n *Node) sendPropose() {
	pr := n.g.prop
	m := &propose{Ring: pr.ring, Counter: n.joinCounter, Members: pr.members}
	for _, id := range pr.members {
		if _, ok := pr.reports[id]; !ok {
			n.send(n.peers[id], m)
		}
	}
	pr.nextSend = n.now + n.cfg.Join
}

// onPropose accepts a proposal for a ring above every ring this node has
// accepted or proposed: from then on it delivers nothing in its old ring
// except what the commit decides.
func (n *Node) onPropose(p *peer, m *propose) {
	members := makeSet(m.Members)
	if m.Ring.Rep != p.id || len(members) != len(m.Members) || len(members) == 0 ||
		members[0] != p.id || !members.has(n.id) || len(n.known(members)) != len(members) {
		return
	}
	n.maxSeqSeen = max(n.maxSeqSeen, m.Ring.Seq)
	switch n.state {
	case stateGather:
		if g := n.g; g.acc != nil && g.acc.ring == m.Ring {
			n.sendAccept()
			return
		}
	case stateLeft:
		return
	}
	if m.Ring.Seq <= n.persisted {
		return
	}
	n.persist(m.Ring.Seq)
	if n.state == stateOperational {
		n.startGather()
	}
	g := n.g
	g.prop = nil
	g.rec = nil
	g.acc = &accepted{ring: m.Ring, members: members, counter: m.Counter, at: n.now}
	n.trace("accept %v %v", m.Ring, members)
	n.sendAccept()
}

func (n *Node) sendAccept() {
	acc := n.g.acc
	n.send(n.peers[acc.ring.Rep], &accept{Ring: acc.ring, Rep: n.makeReport()})
	acc.nextSend = n.now + n.cfg.Join
}

// makeReport describes this node's old ring for the new one.
func (n *Node) makeReport() report {
	r := report{Node: n.id, Join: n.joinCounter, Old: n.ring}
	o := n.ord
	if o == nil {
		return r
	}
	r.Aru, r.Delivered, r.High = o.aru, o.delivered, o.high
	if o.high > o.aru {
		r.Held = make([]byte, (o.high-o.aru+7)/8)
		for s := o.aru + 1; s <= o.high; s++ {
			if o.get(s) != nil {
				k := s - o.aru - 1
				r.Held[k/8] |= 1 << (k % 8)
			}
		}
	}
	for _, id := range o.members {
		r.Known = append(r.Known, nodeSeq{Node: id, Seq: o.knownAru(n, id)})
	}
	return r
}

func (n *Node) onAccept(p *peer, m *accept) {
	if n.state == stateOperational && n.lastCommit != nil && m.Ring == n.ring {
		n.send(p, n.lastCommit) // it missed the commit
		return
	}
	if n.state != stateGather {
		return
	}
	g := n.g
	if g.rec != nil && g.rec.commit.Ring == m.Ring && g.rec.commit.Ring.Rep == n.id {
		n.send(p, g.rec.commit)
		return
	}
	if g.prop == nil || g.prop.ring != m.Ring || !g.prop.members.has(p.id) || m.Rep.Node != p.id {
		return
	}
	g.prop.reports[p.id] = m.Rep
	n.maybeCommit()
}

// maybeCommit commits the proposal once every member has accepted it.
func (n *Node) maybeCommit() {
	pr := n.g.prop
	if len(pr.reports) != len(pr.members) {
		return
	}
	c := &commit{Ring: pr.ring, Members: pr.members}
	for _, id := range pr.members {
		c.Reports = append(c.Reports, pr.reports[id])
	}
	n.g.prop = nil
	for _, id := range c.Members {
		if id != n.id {
			n.send(n.peers[id], c)
		}
	}
	n.startRecovery(c)
}

func (n *Node) onCommit(p *peer, c *commit) {
	if n.state != stateGather {
		return
	}
	g := n.g
	if g.acc == nil || g.acc.ring != c.Ring || p.id != c.Ring.Rep {
		return
	}
	members := makeSet(c.Members)
	if !members.equal(g.acc.members) || len(c.Reports) != len(members) {
		return
	}
	for i := range c.Reports {
		if c.Reports[i].Node != members[i] {
			return
		}
	}
	n.startRecovery(c)
}
