package proto

import "time"

type linkState struct {
	configured bool // both ends have an address on this link
	heard      bool
	lastHeard  time.Duration
	up         bool
	pongs      int // heartbeats heard since the link went down
}

type peer struct {
	id        NodeID
	links     [MaxLinks]linkState
	heard     bool
	lastHeard time.Duration
	inc       uint64
	left      bool // said goodbye; ignored until it restarts

	ring        RingID // from its heartbeats
	operational bool

	joinCounter uint64
	lastJoin    *join
	lastJoinAt  time.Duration

	rr int // round-robin position
}

// heard records that an authenticated packet came from p on link.
func (n *Node) heard(p *peer, link int) {
	p.heard = true
	p.lastHeard = n.now
	if link < 0 || link >= MaxLinks || !p.links[link].configured {
		return
	}
	l := &p.links[link]
	l.heard = true
	l.lastHeard = n.now
	if !l.up {
		l.pongs++
		if l.pongs >= n.cfg.PongCount {
			l.up = true
			n.emit(LinkEvent{Node: p.id, Link: link, Up: true})
		}
	}
}

// alive reports whether p was heard on any link within the token timeout.
func (n *Node) alive(p *peer) bool {
	return p != nil && p.heard && !p.left && n.now-p.lastHeard <= n.cfg.Token
}

// silent reports whether p left, or was heard and then not for longer than
// the token timeout. A node never heard is not silent: another node may
// hear it, and the consensus timeout decides.
func (n *Node) silent(p *peer) bool {
	return p.left || p.heard && n.now-p.lastHeard > n.cfg.Token
}

func (n *Node) peerRestarted(p *peer) {
	p.left = false
	p.joinCounter = 0
	p.lastJoin = nil
	p.ring = RingID{}
	p.operational = false
	if n.state == stateOperational && n.members.has(p.id) {
		n.trace("member %d restarted", p.id)
		n.startGather()
	}
}

// tickLinks sends heartbeats when due and marks silent links faulty.
func (n *Node) tickLinks() {
	for _, id := range n.peerIDs {
		p := n.peers[id]
		for i := range p.links {
			l := &p.links[i]
			if l.up && n.now-l.lastHeard > n.cfg.PingTimeout {
				l.up = false
				l.pongs = 0
				n.emit(LinkEvent{Node: id, Link: i, Up: false})
			}
			if !l.up && l.pongs > 0 && n.now-l.lastHeard > n.cfg.PingTimeout {
				l.pongs = 0
			}
		}
	}
	if n.now < n.nextHeartbeat {
		return
	}
	n.nextHeartbeat = n.now + n.cfg.PingInterval
	hb := &heartbeat{Ring: n.ring, Operational: n.state == stateOperational, MaxSeq: n.maxSeq()}
	for _, id := range n.peerIDs {
		n.sendEveryLink(n.peers[id], hb)
	}
}

func (n *Node) linkDeadline() time.Duration {
	t := time.Duration(1<<62 - 1)
	for _, id := range n.peerIDs {
		p := n.peers[id]
		for i := range p.links {
			if l := &p.links[i]; l.up || l.pongs > 0 {
				t = min(t, l.lastHeard+n.cfg.PingTimeout+1)
			}
		}
	}
	return t
}

// onHeartbeat notices peers outside the view and members that moved on.
func (n *Node) onHeartbeat(p *peer, hb *heartbeat) {
	p.ring = hb.Ring
	p.operational = hb.Operational
	n.maxSeqSeen = max(n.maxSeqSeen, hb.MaxSeq)
	if n.state != stateOperational {
		return
	}
	if n.members.has(p.id) {
		// A member in a later ring left ours; one gathering from our
		// ring is forming a new one. Older rings are stale packets.
		if n.ring.Less(hb.Ring) || (hb.Ring == n.ring && !hb.Operational) {
			n.trace("heartbeat from member %d in ring %v operational=%v", p.id, hb.Ring, hb.Operational)
			n.startGather()
		}
		return
	}
	if n.now-n.installedAt >= n.cfg.Merge {
		n.trace("heartbeat from %d outside the view", p.id)
		n.startGather()
	}
}

// linksFor picks the links protocol traffic to p goes on.
func (n *Node) linksFor(p *peer) []int {
	var up, all [MaxLinks]int
	nu, na := 0, 0
	for i := range p.links {
		if !p.links[i].configured {
			continue
		}
		all[na] = i
		na++
		if p.links[i].up {
			up[nu] = i
			nu++
		}
	}
	cand := up[:nu]
	if nu == 0 {
		// Nothing known to be up: try every link.
		return all[:na:na]
	}
	switch n.cfg.LinkMode {
	case LinkActive:
		return cand
	case LinkRoundRobin:
		p.rr++
		i := cand[p.rr%len(cand)]
		return []int{i}
	}
	best := cand[0]
	for _, i := range cand[1:] {
		if n.linkPrio[i] > n.linkPrio[best] {
			best = i
		}
	}
	return []int{best}
}

// send seals m for p and sends it on the chosen links (one packet: on a
// second link it is a copy the receiver drops).
func (n *Node) send(p *peer, m any) {
	n.sendPacket(p, n.seal(m, 0))
}

func (n *Node) sendPacket(p *peer, pkt []byte) {
	for _, l := range n.linksFor(p) {
		n.emitPacket(p.id, l, pkt)
	}
}

// sendEveryLink sends m on each of p's links, sealed once per link: each
// copy counts as a sign of life for its link.
func (n *Node) sendEveryLink(p *peer, m any) {
	for i := range p.links {
		if p.links[i].configured {
			n.emitPacket(p.id, i, n.seal(m, 0))
		}
	}
}

// broadcast seals m once and sends the same packet to every peer in to:
// a packet does not depend on its receiver.
func (n *Node) broadcast(to []NodeID, m any, sizeHint int) {
	var pkt []byte
	for _, id := range to {
		if id == n.id {
			continue
		}
		if pkt == nil {
			pkt = n.seal(m, sizeHint)
		}
		n.sendPacket(n.peers[id], pkt)
	}
}

// seal encodes m straight into a new packet and seals it in place.
func (n *Node) seal(m any, sizeHint int) []byte {
	pkt := make([]byte, headerLen, headerLen+sizeHint+tagLen+64)
	return n.sealer.sealInPlace(encode(pkt, m))
}

func (n *Node) emitPacket(to NodeID, link int, pkt []byte) {
	n.counters.PacketsSent++
	n.counters.BytesSent += uint64(len(pkt))
	n.out = append(n.out, Packet{To: to, Link: link, Data: pkt})
}
