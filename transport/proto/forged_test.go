package proto

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// pair drives two nodes that hear each other at once, on one link.
type pair struct {
	t     *testing.T
	now   time.Duration
	nodes map[NodeID]*Node
	sent  [][]byte // every packet node 1 sent to node 2, as sent
	got   map[NodeID][]DeliverEvent
}

func testConfig(id NodeID, key []byte, inc uint64) Config {
	return Config{
		NodeID: id, ClusterName: "test", Key: key, Incarnation: inc,
		Nodes:     []NodeConfig{{ID: 1}, {ID: 2}},
		Token:     300 * time.Millisecond,
		Rand:      rand.New(rand.NewPCG(uint64(id), inc)),
		MaxPacket: 9000,
	}
}

func newPair(t *testing.T, key []byte) *pair {
	p := &pair{t: t, nodes: map[NodeID]*Node{}, got: map[NodeID][]DeliverEvent{}}
	for id := NodeID(1); id <= 2; id++ {
		n, err := New(testConfig(id, key, 1000+uint64(id)), 0)
		if err != nil {
			t.Fatal(err)
		}
		n.JoinGroup("g")
		p.nodes[id] = n
	}
	return p
}

// run steps both nodes for d, delivering every packet after 100µs.
func (p *pair) run(d time.Duration) {
	end := p.now + d
	type flight struct {
		at   time.Duration
		to   NodeID
		data []byte
	}
	var inFlight []flight
	collect := func(id NodeID) {
		r := p.nodes[id].Ready()
		for _, pk := range r.Packets {
			if id == 1 {
				p.sent = append(p.sent, bytes.Clone(pk.Data))
			}
			inFlight = append(inFlight, flight{p.now + 100*time.Microsecond, pk.To, bytes.Clone(pk.Data)})
		}
		for _, e := range r.Events {
			if d, ok := e.(DeliverEvent); ok {
				p.got[id] = append(p.got[id], d)
			}
		}
	}
	for p.now < end {
		next := end
		for _, n := range p.nodes {
			next = min(next, n.NextTimeout())
		}
		for _, f := range inFlight {
			next = min(next, f.at)
		}
		p.now = max(next, p.now)
		due := inFlight
		inFlight = nil
		for _, f := range due {
			if f.at <= p.now {
				p.nodes[f.to].Receive(p.now, 0, f.data)
				collect(f.to)
			} else {
				inFlight = append(inFlight, f)
			}
		}
		for id, n := range p.nodes {
			n.Tick(p.now)
			collect(id)
		}
		if next == end && len(inFlight) == 0 && p.now >= end {
			break
		}
	}
}

func (p *pair) send(id NodeID, payload string) {
	if err := p.nodes[id].Send("g", []byte(payload)); err != nil {
		p.t.Fatal(err)
	}
}

// TestForgedPackets throws 100,000 forged, tampered, replayed and
// malformed packets at a node in a working view: none is delivered, each
// is counted as dropped, and the view and the real traffic go on.
func TestForgedPackets(t *testing.T) {
	key := bytes.Repeat([]byte{0x42}, 256)
	p := newPair(t, key)
	p.run(time.Second)
	for i := range 100 {
		p.send(1, fmt.Sprintf("real-%d", i))
	}
	p.run(time.Second)
	victim := p.nodes[2]
	if len(p.got[2]) != 100 || !victim.Status().Synced {
		t.Fatalf("setup: node 2 delivered %d of 100, status %+v", len(p.got[2]), victim.Status())
	}
	legit := p.sent
	before := victim.Counters()
	deliveredBefore := len(p.got[2])
	rng := rand.New(rand.NewPCG(1, 2))

	// Packets as node 1 would send them, with units for the group, sealed
	// with the wrong key or for another cluster.
	forger := func(k []byte, cluster string) *sealer {
		s, err := newSealer(k, cluster, 32, 1, 1001, []NodeID{1, 2}, &Counters{})
		if err != nil {
			t.Fatal(err)
		}
		s.seq = 1 << 40 // ahead of the real sender: not a replay
		return s
	}
	wrongKey := forger(bytes.Repeat([]byte{0x43}, 256), "test")
	wrongCluster := forger(key, "other")
	ring := victim.Status().Ring
	forgedMsg := func(i int) any {
		body := append([]byte{kindApp, fragFirst | fragLast, 1, 'g'}, fmt.Sprintf("forged-%d", i)...)
		return &ordered{Ring: ring, Units: []unit{{Seq: uint64(1000 + i), Sender: 1, VSeq: uint64(1000 + i), Body: body}},
			Known: []nodeSeq{{1, 1 << 30}, {2, 1 << 30}}}
	}
	const total = 100000
	kinds := map[string]int{}
	for i := range total {
		var pkt []byte
		switch i % 8 {
		case 0: // forged: wrong authkey
			pkt = wrongKey.sealInPlace(encode(make([]byte, headerLen), forgedMsg(i)))
			kinds["wrong key"]++
		case 1: // forged: right key, other cluster name
			pkt = wrongCluster.sealInPlace(encode(make([]byte, headerLen), forgedMsg(i)))
			kinds["other cluster"]++
		case 2: // tampered: one bit flipped anywhere
			pkt = bytes.Clone(legit[rng.IntN(len(legit))])
			bit := rng.IntN(len(pkt) * 8)
			pkt[bit/8] ^= 1 << (bit % 8)
			kinds["bit flipped"]++
		case 3: // tampered: ciphertext and tag replaced by random bytes
			pkt = bytes.Clone(legit[rng.IntN(len(legit))])
			for j := headerLen; j < len(pkt); j++ {
				pkt[j] = byte(rng.Uint32())
			}
			kinds["body replaced"]++
		case 4, 5: // replayed: an exact copy of a packet already accepted
			pkt = bytes.Clone(legit[rng.IntN(len(legit))])
			kinds["replayed"]++
		case 6: // truncated
			src := legit[rng.IntN(len(legit))]
			pkt = bytes.Clone(src[:rng.IntN(len(src))])
			kinds["truncated"]++
		case 7: // garbage with a plausible header from an unknown or own id
			pkt = make([]byte, 40+rng.IntN(200))
			for j := range pkt {
				pkt[j] = byte(rng.Uint32())
			}
			pkt[0] = wireVersion
			pkt[1] = 0
			kinds["garbage"]++
		}
		victim.Receive(p.now, 0, pkt)
		for _, e := range victim.Ready().Events {
			if d, ok := e.(DeliverEvent); ok {
				t.Fatalf("packet %d delivered %q", i, d.Payload)
			}
		}
	}
	after := victim.Counters()
	dropped := after.DroppedTotal() - before.DroppedTotal()
	if dropped != total || after.PacketsReceived != before.PacketsReceived {
		t.Errorf("dropped %d of %d bad packets; accepted %d", dropped, total, after.PacketsReceived-before.PacketsReceived)
	}
	for _, r := range DropReasons() {
		if d := after.Dropped[r] - before.Dropped[r]; d > 0 {
			t.Logf("dropped as %-18s %6d", r, d)
		}
	}
	t.Logf("sent: %v", kinds)

	// The view survived, and real traffic still flows both ways.
	for i := range 10 {
		p.send(1, fmt.Sprintf("after-%d", i))
		p.send(2, fmt.Sprintf("back-%d", i))
	}
	p.run(time.Second)
	if got := len(p.got[2]) - deliveredBefore; got != 20 {
		t.Errorf("node 2 delivered %d real messages after the attack, want 20", got)
	}
	for _, d := range p.got[2] {
		if bytes.HasPrefix(d.Payload, []byte("forged")) {
			t.Fatalf("delivered %q", d.Payload)
		}
	}

	// After node 1 restarts, its old packets are stale.
	n1, err := New(testConfig(1, key, 5000), p.now)
	if err != nil {
		t.Fatal(err)
	}
	p.nodes[1] = n1
	p.run(time.Second)
	before = victim.Counters()
	for _, pkt := range legit {
		victim.Receive(p.now, 0, bytes.Clone(pkt))
	}
	if d := victim.Counters().Dropped[DropStale] - before.Dropped[DropStale]; d != uint64(len(legit)) {
		t.Errorf("replays of the old incarnation: %d of %d dropped as stale", d, len(legit))
	}
}

func TestReplayWindow(t *testing.T) {
	var w replayWindow
	for _, tc := range []struct {
		seq  uint64
		want DropReason
		mark bool
	}{
		{0, DropReplay, false},
		{5, DropNone, true},
		{5, DropReplay, false},
		{3, DropNone, true},
		{3, DropReplay, false},
		{2000, DropNone, true},
		{5, DropTooOld, false},
		{977, DropNone, true},
		{976, DropTooOld, false},
		{1999, DropNone, true},
		{1999, DropReplay, false},
		{1 << 40, DropNone, true},
		{2000, DropTooOld, false},
	} {
		if got := w.check(tc.seq); got != tc.want {
			t.Errorf("check(%d) = %v, want %v", tc.seq, got, tc.want)
		}
		if tc.mark {
			w.mark(tc.seq)
		}
	}
}
