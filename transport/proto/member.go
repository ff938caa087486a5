package proto

// The member side of the order: taking ordered units from the leader,
// acknowledging them, and sending this node's units to the leader.

// onOrdered stores units from the ring's leader and what it knows.
func (n *Node) onOrdered(p *peer, m *ordered) {
	o := n.ord
	if o == nil || o.ring != m.Ring || p.id != o.leader || n.state == stateLeft {
		return
	}
	for i := range m.Units {
		u := &m.Units[i]
		if len(u.Body) == 0 {
			continue
		}
		o.put(u)
		if u.Sender == n.id {
			o.acked = max(o.acked, u.VSeq)
		}
	}
	for _, k := range m.Known {
		if k.Node != n.id && o.members.has(k.Node) {
			o.known[k.Node] = max(o.known[k.Node], k.Seq)
		}
	}
	for _, a := range m.Received {
		if a.Node == n.id {
			o.acked = max(o.acked, a.Seq)
		}
	}
	o.ackDue = true
}

func (o *ordering) flushMember(n *Node) {
	// At most Inflight of this node's units are outstanding (sent and not
	// yet delivered here): that bounds what the leader may have to hold.
	for len(o.tx) < n.cfg.Inflight {
		body, ok := n.app.pull()
		if !ok {
			break
		}
		o.vseq++
		o.tx = append(o.tx, txUnit{vseq: o.vseq, body: body})
	}
	leader := n.peers[o.leader]
	if o.acked != o.rtxAcked || o.rtxWait == 0 {
		o.rtxAcked, o.rtxWait = o.acked, n.cfg.Retransmit
	}
	switch {
	case o.vseq > o.sentUpTo:
		o.sendData(n, leader, max(o.sentUpTo, o.acked)+1, o.vseq, 0)
		o.sentUpTo = o.vseq
		o.lastData = n.now
	case o.acked < o.vseq && n.now-o.lastData >= o.rtxWait:
		// Resend one packet from the oldest unit the leader lacks, and
		// wait twice as long for the next try if this one is not
		// answered: a slow leader is not flooded with copies.
		n.counters.Retransmits += o.sendData(n, leader, o.acked+1, o.vseq, 1)
		o.lastData = n.now
		o.rtxWait = min(2*o.rtxWait, n.cfg.Token/4)
	}
	changed := o.aru != o.ackedAru || o.delivered != o.ackedDel
	if o.ackDue || (changed || o.aru < o.high) && n.now-o.lastAck >= n.cfg.Retransmit {
		o.sendAck(n, leader)
	}
}

func (o *ordering) sendAck(n *Node, leader *peer) {
	a := &ack{Ring: o.ring, Aru: o.aru, Delivered: o.delivered}
	for s := o.aru + 1; s < o.high && len(a.Nacks) < 32; s++ {
		if o.get(s) != nil {
			continue
		}
		if k := len(a.Nacks); k > 0 && a.Nacks[k-1].Last+1 == s {
			a.Nacks[k-1].Last = s
		} else {
			a.Nacks = append(a.Nacks, seqRange{First: s, Last: s})
		}
	}
	n.send(leader, a)
	o.ackDue = false
	o.lastAck = n.now
	o.ackedAru, o.ackedDel = o.aru, o.delivered
}

// sendData sends units with vseq first..last to the leader, in at most
// maxPackets packets (0: as many as needed). It returns the units sent.
func (o *ordering) sendData(n *Node, leader *peer, first, last uint64, maxPackets int) uint64 {
	limit := n.cfg.MaxPacket - Overhead - 32
	d := &data{Ring: o.ring}
	size, packets, sent := 0, 0, uint64(0)
	for v := first; v <= last; v++ {
		i := v - o.txBase
		if v < o.txBase || i >= uint64(len(o.tx)) {
			continue
		}
		b := o.tx[i].body
		if size > 0 && size+len(b)+16 > limit {
			n.sendPacket(leader, n.seal(d, size))
			if packets++; packets == maxPackets {
				return sent
			}
			d = &data{Ring: o.ring}
			size = 0
		}
		d.Units = append(d.Units, dataUnit{VSeq: v, Body: b})
		size += len(b) + 16
		sent++
	}
	if len(d.Units) > 0 {
		n.sendPacket(leader, n.seal(d, size))
	}
	return sent
}
