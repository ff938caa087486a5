package proto

// The leader side of the order: numbering the members' units, sending
// them out, and resending what members lack.

// onData is the leader taking a member's units, in the member's order.
// Units the window has no room for wait, at most Inflight per member (a
// member never has more outstanding), and are ordered as room frees.
func (o *ordering) onData(n *Node, from NodeID, m *data) {
	if o.frozen || !o.isLeader(n) || !o.members.has(from) {
		return
	}
	for _, u := range m.Units {
		last := o.appended[from] + uint64(len(o.waiting[from]))
		if u.VSeq <= last {
			o.statusDue = true // it missed that we have these
			continue
		}
		if u.VSeq != last+1 || len(u.Body) == 0 || len(o.waiting[from]) >= n.cfg.Inflight {
			break
		}
		o.waiting[from] = append(o.waiting[from], u)
	}
	o.admit(n)
}

// admit orders waiting units while the window has room, taking one unit
// from each member in turn.
func (o *ordering) admit(n *Node) {
	for more := true; more && o.room(n); {
		more = false
		for _, id := range o.members {
			w := o.waiting[id]
			if len(w) == 0 || !o.room(n) {
				continue
			}
			o.appendUnit(n, id, w[0].VSeq, w[0].Body)
			w[0] = dataUnit{}
			o.waiting[id] = w[1:]
			more = true
		}
	}
}

// received is the highest vseq of sender the leader holds.
func (o *ordering) received(id NodeID) uint64 {
	return o.appended[id] + uint64(len(o.waiting[id]))
}

// onAck is the leader learning a member's aru and gaps.
func (o *ordering) onAck(n *Node, from NodeID, m *ack) {
	if o.frozen || !o.isLeader(n) || !o.members.has(from) {
		return
	}
	if a := min(m.Aru, o.head); a > o.known[from] {
		o.known[from] = a
		o.statusDue = true
	}
	o.peerDeliv[from] = max(o.peerDeliv[from], min(m.Delivered, o.head))
	var us []*unit
	for _, r := range m.Nacks {
		for s := max(r.First, o.base+1); s <= min(r.Last, o.head) && len(us) < 128; s++ {
			if u := o.get(s); u != nil {
				us = append(us, u)
			}
		}
	}
	if len(us) > 0 {
		n.counters.Retransmits += uint64(len(us))
		o.sendOrdered(n, n.peers[from], us)
	}
}

func (o *ordering) flushLeader(n *Node) {
	o.admit(n)
	for o.room(n) && len(o.tx) < n.cfg.Inflight {
		body, ok := n.app.pull()
		if !ok {
			break
		}
		o.vseq++
		o.tx = append(o.tx, txUnit{vseq: o.vseq, body: body})
		o.appendUnit(n, n.id, o.vseq, body)
	}
	if o.head > o.bcastFrom {
		us := make([]*unit, 0, o.head-o.bcastFrom)
		for s := o.bcastFrom + 1; s <= o.head; s++ {
			us = append(us, o.get(s))
		}
		o.bcastFrom = o.head
		o.statusDue = false
		o.sendOrdered(n, nil, us)
	} else if o.statusDue {
		o.statusDue = false
		o.sendOrdered(n, nil, nil)
	}
	if n.now-o.rtxCheck < n.cfg.Retransmit {
		return
	}
	o.rtxCheck = n.now
	for _, id := range o.members {
		if id == n.id {
			continue
		}
		a := o.known[id]
		if a != o.rtxAru[id] {
			o.rtxNext[id] = 0 // progress: back to the short period
		}
		switch {
		case a < o.head && a == o.rtxAru[id] && n.now >= o.rtxNext[id]:
			// No progress for a whole period: the tail was lost. Resend
			// its start, and back off while it stays unanswered.
			var us []*unit
			for s := a + 1; s <= o.head && len(us) < 64; s++ {
				if u := o.get(s); u != nil {
					us = append(us, u)
				}
			}
			n.counters.Retransmits += uint64(len(us))
			o.sendOrdered(n, n.peers[id], us)
			wait := n.cfg.Retransmit
			if prev := o.rtxNext[id]; prev != 0 {
				wait = min(2*(n.now-prev+n.cfg.Retransmit), n.cfg.Token/4)
			}
			o.rtxNext[id] = n.now + wait
		case a == o.head && o.peerDeliv[id] < o.head && n.now-o.statusAt[id] >= n.cfg.Retransmit:
			// It has everything but may not know it may deliver.
			o.statusAt[id] = n.now
			o.sendOrdered(n, n.peers[id], nil)
		}
		o.rtxAru[id] = a
	}
}

// sendOrdered sends units (possibly none: a status) to one member, or to
// every other member when to is nil, with the leader's arus and vseqs.
func (o *ordering) sendOrdered(n *Node, to *peer, us []*unit) {
	m := &ordered{Ring: o.ring}
	for _, id := range o.members {
		m.Known = append(m.Known, nodeSeq{Node: id, Seq: o.knownAru(n, id)})
		if v := o.received(id); v > 0 {
			m.Received = append(m.Received, nodeSeq{Node: id, Seq: v})
		}
	}
	fixed := 32 + 16*len(o.members)
	limit := n.cfg.MaxPacket - Overhead - fixed
	size := 0
	send := func() {
		if to != nil {
			n.sendPacket(to, n.seal(m, size+fixed))
			return
		}
		n.broadcast(o.members, m, size+fixed)
	}
	for _, u := range us {
		if size > 0 && size+len(u.Body)+24 > limit {
			send()
			m.Units = m.Units[:0]
			size = 0
		}
		m.Units = append(m.Units, *u)
		size += len(u.Body) + 24
	}
	send()
}
