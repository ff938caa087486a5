package simnet

import (
	"fmt"
	"testing"
	"time"

	"gocrm/transport/proto"
)

// linkCluster is three nodes with two links; link 1 has the higher
// priority, so passive mode sends on it.
func linkCluster(t *testing.T, mode proto.LinkMode) (*Cluster, *Checker, *[]proto.Event) {
	c := NewCluster(ClusterConfig{Nodes: 3, Links: 2, Seed: 7, Proto: proto.Config{Token: 400 * time.Millisecond, LinkMode: mode}})
	c.Net.Faults = Faults{MinDelay: 100 * time.Microsecond, MaxDelay: 500 * time.Microsecond}
	chk := NewChecker(parseTestPayload)
	var events []proto.Event
	c.Observe = func(id proto.NodeID, inc uint64, e proto.Event) {
		chk.Observe(id, inc, e)
		events = append(events, e)
	}
	c.OnStart = func(s *SimNode) { s.Node.JoinGroup("g") }
	for _, id := range c.IDs() {
		if err := c.Start(id); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.RunFor(2*time.Second, chk.Err); err != nil {
		t.Fatal(err)
	}
	return c, chk, &events
}

func sendSome(t *testing.T, c *Cluster, tag string, n int) []string {
	var ids []string
	for i := range n {
		id := proto.NodeID(1 + i%3)
		msg, payload := testPayload(fmt.Sprintf("%s%d", tag, id), uint64(i), 100)
		if err := c.Do(id, func(nd *proto.Node) error { return nd.Send("g", payload) }); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, msg)
	}
	return ids
}

func count[T proto.Event](events []proto.Event, keep func(T) bool) int {
	n := 0
	for _, e := range events {
		if x, ok := e.(T); ok && keep(x) {
			n++
		}
	}
	return n
}

// TestLosingOneLinkKeepsMembership cuts the preferred of two links between
// every pair: the link is marked faulty, traffic moves to the other one,
// and no view changes; when it comes back it is marked up again.
func TestLosingOneLinkKeepsMembership(t *testing.T) {
	c, chk, events := linkCluster(t, proto.LinkPassive)
	views := chk.Views
	before := c.Net.Stats.LinkDelivered
	msgs := sendSome(t, c, "a", 60)
	if err := c.RunFor(time.Second, chk.Err); err != nil {
		t.Fatal(err)
	}
	d0, d1 := c.Net.Stats.LinkDelivered[0]-before[0], c.Net.Stats.LinkDelivered[1]-before[1]
	if d1 <= d0 {
		t.Errorf("passive mode: link 1 (priority 1) carried %d datagrams, link 0 (priority 0) %d; want link 1 busier", d1, d0)
	}
	for a := uint32(1); a <= 3; a++ {
		for b := a + 1; b <= 3; b++ {
			c.Net.Cut(a, b, 1)
		}
	}
	msgs = append(msgs, sendSome(t, c, "b", 60)...)
	if err := c.RunFor(3*time.Second, chk.Err); err != nil {
		t.Fatal(err)
	}
	if chk.Views != views {
		t.Fatalf("losing one of two links changed the membership: %d new views", chk.Views-views)
	}
	down := count(*events, func(e proto.LinkEvent) bool { return e.Link == 1 && !e.Up })
	if down != 6 { // each of 3 nodes marks link 1 to each of its 2 peers
		t.Errorf("%d link-down events for link 1, want 6", down)
	}
	st := c.Node(1).Node.Status()
	for _, l := range st.Links {
		for _, p := range l.Peers {
			if want := l.Number == 0; p.Connected != want {
				t.Errorf("node 1 link %d to node %d connected=%v, want %v", l.Number, p.Node, p.Connected, want)
			}
		}
	}
	c.Net.Heal()
	if err := c.RunFor(2*time.Second, chk.Err); err != nil {
		t.Fatal(err)
	}
	up := count(*events, func(e proto.LinkEvent) bool { return e.Link == 1 && e.Up })
	if up != 12 { // up once at start and once after the repair, 6 each
		t.Errorf("%d link-up events for link 1, want 12", up)
	}
	if chk.Views != views {
		t.Errorf("repairing the link changed the membership")
	}
	for _, m := range msgs {
		for _, id := range c.IDs() {
			if !chk.Delivered(id, m) {
				t.Fatalf("node %d did not deliver %s", id, m)
			}
		}
	}
	// Losing both links is losing the node.
	c.Net.Cut(1, 3, 0)
	c.Net.Cut(1, 3, 1)
	c.Net.Cut(2, 3, 0)
	c.Net.Cut(2, 3, 1)
	if err := c.RunFor(2*time.Second, chk.Err); err != nil {
		t.Fatal(err)
	}
	if st := c.Node(1).Node.Status(); len(st.Members) != 2 {
		t.Errorf("node 3 cut off on every link, node 1 still has members %v", st.Members)
	}
}

// TestActiveLinks sends on both links: receivers drop the second copies
// (as replays), and every message is delivered once.
func TestActiveLinks(t *testing.T) {
	c, chk, _ := linkCluster(t, proto.LinkActive)
	msgs := sendSome(t, c, "x", 30)
	if err := c.RunFor(time.Second, chk.Err); err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		for _, id := range c.IDs() {
			if !chk.Delivered(id, m) {
				t.Fatalf("node %d did not deliver %s", id, m)
			}
		}
	}
	if r := c.Node(2).Node.Counters().Dropped[proto.DropReplay]; r == 0 {
		t.Error("active mode: no second copies were dropped")
	}
}
