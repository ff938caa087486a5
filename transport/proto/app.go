package proto

import (
	"maps"
	"slices"

	"gocrm/transport/quorum"
)

// Unit bodies start with a kind byte. Kinds are part of the wire format:
// never renumber one; add new kinds at the end.
const (
	kindApp        = 1 // flags, group, a piece of an application message
	kindSync       = 2 // a member's votes and groups, first unit of every view
	kindGroupJoin  = 3 // group
	kindGroupLeave = 4 // group
)

const (
	fragFirst = 1
	fragLast  = 2
)

type outMsg struct {
	kind  byte
	units [][]byte
	done  int // units delivered in the current ring
	size  int // bytes counted in outBytes
}

type reasm struct {
	group string
	buf   []byte
}

// appState turns messages into units and units back into events: process
// groups, fragmentation, and the per-view sync of votes and groups.
type appState struct {
	outbox            []*outMsg
	outBytes          int
	pullMsg, pullUnit int
	joined            map[string]bool // this node's groups, as the application asked

	// The current ring's ordered state. A view starts with every member's
	// sync unit; application units are sent only after all of them are
	// delivered (synced), so every member starts from the same groups.
	synced   bool
	syncFrom nodeSet
	groups   map[string]nodeSet
	visible  map[string]nodeSet // what the application was last told
	reasm    map[NodeID]*reasm
}

func (a *appState) init() {
	a.joined = map[string]bool{}
	a.groups = map[string]nodeSet{}
	a.visible = map[string]nodeSet{}
	a.reasm = map[NodeID]*reasm{}
}

func (a *appState) queueMessage(group string, payload []byte, frag int) {
	hdr := 3 + len(group)
	chunk := max(frag-hdr, 1)
	m := &outMsg{kind: kindApp, size: len(payload)}
	for off := 0; off == 0 || off < len(payload); off += chunk {
		end := min(off+chunk, len(payload))
		b := make([]byte, 0, hdr+end-off)
		flags := byte(0)
		if off == 0 {
			flags |= fragFirst
		}
		if end == len(payload) {
			flags |= fragLast
		}
		b = append(b, kindApp, flags, byte(len(group)))
		b = append(b, group...)
		b = append(b, payload[off:end]...)
		m.units = append(m.units, b)
	}
	a.outbox = append(a.outbox, m)
	a.outBytes += m.size
}

func (a *appState) queueControl(kind byte, group string) {
	b := append([]byte{kind, byte(len(group))}, group...)
	a.outbox = append(a.outbox, &outMsg{kind: kind, units: [][]byte{b}})
}

// pull hands the ordering the next unit to send in this ring.
func (a *appState) pull() ([]byte, bool) {
	for a.pullMsg < len(a.outbox) {
		m := a.outbox[a.pullMsg]
		if m.kind != kindSync && !a.synced {
			return nil, false
		}
		if a.pullUnit < len(m.units) {
			a.pullUnit++
			return m.units[a.pullUnit-1], true
		}
		a.pullMsg++
		a.pullUnit = 0
	}
	return nil, false
}

// ownDelivered records the delivery of this node's oldest unit in flight.
func (a *appState) ownDelivered() {
	if len(a.outbox) == 0 {
		return
	}
	m := a.outbox[0]
	m.done++
	if m.done < len(m.units) {
		return
	}
	a.outbox[0] = nil
	a.outbox = a.outbox[1:]
	a.outBytes -= m.size
	if a.pullMsg > 0 {
		a.pullMsg--
	} else {
		a.pullUnit = 0
	}
}

// onInstall starts a view: messages not delivered in the old ring are sent
// again whole, after this node's sync unit.
func (a *appState) onInstall(n *Node) {
	keep := []*outMsg{{kind: kindSync, units: [][]byte{a.syncBody(n.quorum.Own())}}}
	for _, m := range a.outbox {
		if m.kind == kindApp {
			m.done = 0
			keep = append(keep, m)
		}
		// Group joins and leaves are carried by the sync unit.
	}
	a.outbox = keep
	a.pullMsg, a.pullUnit = 0, 0
	a.synced = false
	a.syncFrom = nil
	a.groups = map[string]nodeSet{}
	clear(a.reasm)
}

func (a *appState) syncBody(q quorum.NodeInfo) []byte {
	w := wbuf{kindSync}
	w.u32(q.Votes)
	w.u32(q.ExpectedVotes)
	w.u32(q.Flags)
	w.uv(q.QuorateRing.Seq)
	w.u32(q.QuorateRing.Rep)
	w.u32(q.Lowest)
	w.u32(q.Highest)
	names := slices.Sorted(maps.Keys(a.joined))
	w.uv(uint64(len(names)))
	for _, g := range names {
		w.bytes([]byte(g))
	}
	return w
}

// deliver applies one ordered unit.
func (a *appState) deliver(n *Node, ring RingID, u *unit) {
	b := u.Body
	switch b[0] {
	case kindSync:
		r := &rbuf{b: b[1:]}
		info := quorum.NodeInfo{Votes: r.u32(), ExpectedVotes: r.u32(), Flags: r.u32(),
			QuorateRing: quorum.Ring{Seq: r.uv(), Rep: r.u32()}, Lowest: r.u32(), Highest: r.u32()}
		var names []string
		for range r.count(1) {
			names = append(names, string(r.bytes()))
		}
		if r.err != nil || a.synced || a.syncFrom.has(u.Sender) {
			return
		}
		a.syncFrom = a.syncFrom.add(u.Sender)
		n.quorum.Receive(uint32(u.Sender), info)
		for _, g := range names {
			a.groups[g] = a.groups[g].add(u.Sender)
		}
		if len(a.syncFrom) == len(n.members) {
			a.barrier(n, ring)
		}
	case kindGroupJoin, kindGroupLeave:
		if len(b) < 2 || len(b) != 2+int(b[1]) || !a.synced {
			return
		}
		g := string(b[2:])
		old := a.groups[g]
		if b[0] == kindGroupJoin {
			a.groups[g] = old.add(u.Sender)
		} else {
			a.groups[g] = old.minus(nodeSet{u.Sender})
		}
		a.report(n, ring, g)
	case kindApp:
		if len(b) < 3 || len(b) < 3+int(b[2]) {
			return
		}
		flags, g, chunk := b[1], string(b[3:3+int(b[2])]), b[3+int(b[2]):]
		if flags == fragFirst|fragLast {
			// A whole message in one unit: no copy.
			delete(a.reasm, u.Sender)
			if a.groups[g].has(n.id) {
				n.counters.Delivered++
				n.emit(DeliverEvent{Ring: ring, Seq: u.Seq, Group: g, Sender: u.Sender, Payload: chunk})
			}
			return
		}
		r := a.reasm[u.Sender]
		if flags&fragFirst != 0 {
			r = &reasm{group: g}
			a.reasm[u.Sender] = r
		}
		if r == nil || r.group != g {
			return // the rest of a message whose start was in another view
		}
		if len(r.buf)+len(chunk) > n.cfg.MaxMessage {
			delete(a.reasm, u.Sender) // larger than any node may send
			return
		}
		r.buf = append(r.buf, chunk...)
		if flags&fragLast == 0 {
			return
		}
		delete(a.reasm, u.Sender)
		if a.groups[g].has(n.id) {
			n.counters.Delivered++
			n.emit(DeliverEvent{Ring: ring, Seq: u.Seq, Group: g, Sender: u.Sender, Payload: r.buf})
		}
	}
}

// barrier ends a view's sync: votes are counted and groups reported.
func (a *appState) barrier(n *Node, ring RingID) {
	a.synced = true
	n.quorum.SyncActivate()
	n.emit(QuorumEvent{Ring: ring, Status: n.quorum.Status()})
	names := map[string]bool{}
	for g := range a.groups {
		names[g] = true
	}
	for g := range a.visible {
		names[g] = true
	}
	for _, g := range slices.Sorted(maps.Keys(names)) {
		a.report(n, ring, g)
	}
}

// report tells the application about a group's membership if this node is
// or was in it and it changed.
func (a *appState) report(n *Node, ring RingID, g string) {
	old, cur := a.visible[g], a.groups[g]
	if old.equal(cur) || !old.has(n.id) && !cur.has(n.id) {
		a.visible[g] = cur
		return
	}
	a.visible[g] = cur
	n.emit(GroupEvent{Ring: ring, Group: g, Members: slices.Clone(cur), Joined: cur.minus(old), Left: old.minus(cur)})
}
