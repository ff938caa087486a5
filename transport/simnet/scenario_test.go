package simnet

import (
	"slices"
	"testing"
	"time"

	"gocrm/transport/proto"
)

// startCluster starts n nodes with a 1 s token and waits for one view.
func startCluster(t *testing.T, n int, seed uint64) (*Cluster, *Checker, map[proto.NodeID]proto.ViewEvent) {
	t.Helper()
	c := NewCluster(ClusterConfig{Nodes: n, Links: 1, Seed: seed, Proto: proto.Config{Token: time.Second}})
	c.Net.Faults = Faults{MinDelay: 100 * time.Microsecond, MaxDelay: time.Millisecond}
	chk := NewChecker(parseTestPayload)
	last := map[proto.NodeID]proto.ViewEvent{}
	c.Observe = func(id proto.NodeID, inc uint64, e proto.Event) {
		chk.Observe(id, inc, e)
		if v, ok := e.(proto.ViewEvent); ok {
			last[id] = v
		}
	}
	c.OnStart = func(s *SimNode) { s.Node.JoinGroup("g") }
	for _, id := range c.IDs() {
		c.Start(id)
	}
	if err := c.RunFor(time.Second, chk.Err); err != nil {
		t.Fatal(err)
	}
	for _, id := range c.IDs() {
		if len(last[id].Members) != n {
			t.Fatalf("node %d: view %v after 1 s", id, last[id])
		}
	}
	return c, chk, last
}

// runUntil runs until cond holds, for at most d; it returns the time taken.
func runUntil(t *testing.T, c *Cluster, chk *Checker, d time.Duration, cond func() bool) time.Duration {
	t.Helper()
	start := c.Sched.Now()
	for !cond() {
		if c.Sched.Now()-start > d {
			t.Fatalf("condition not met within %v", d)
		}
		if err := c.RunFor(time.Millisecond, chk.Err); err != nil {
			t.Fatal(err)
		}
	}
	return c.Sched.Now() - start
}

func TestCleanLeaveSeenAtOnce(t *testing.T) {
	c, chk, last := startCluster(t, 3, 11)
	c.Leave(3)
	took := runUntil(t, c, chk, 5*time.Second, func() bool {
		return slices.Equal(last[1].Members, []proto.NodeID{1, 2}) && slices.Equal(last[2].Members, []proto.NodeID{1, 2})
	})
	// Seen at once: one join interval to gather, a few round trips, far
	// below the 1 s token.
	if took > 100*time.Millisecond {
		t.Errorf("clean leave took %v to be seen", took)
	}
	if !slices.Equal(last[1].Left, []proto.NodeID{3}) {
		t.Errorf("left = %v", last[1].Left)
	}
}

func TestCrashDetectedAfterToken(t *testing.T) {
	c, chk, last := startCluster(t, 3, 12)
	c.Crash(2)
	took := runUntil(t, c, chk, 5*time.Second, func() bool {
		return len(last[1].Members) == 2 && len(last[3].Members) == 2
	})
	if took > time.Second+200*time.Millisecond || took < 500*time.Millisecond {
		t.Errorf("crash detected after %v; want within token (1 s) + 200 ms, and not before the node was silent", took)
	}
}

func TestPartitionAndMerge(t *testing.T) {
	c, chk, last := startCluster(t, 5, 13)
	c.Net.Partition([]uint32{1, 2}, []uint32{3, 4, 5})
	runUntil(t, c, chk, 5*time.Second, func() bool {
		return len(last[1].Members) == 2 && len(last[3].Members) == 3
	})
	if err := c.RunFor(100*time.Millisecond, chk.Err); err != nil {
		t.Fatal(err)
	}
	q1, _ := c.Node(1).Node.QuorateView()
	q3, _ := c.Node(3).Node.QuorateView()
	if q1 || !q3 {
		t.Errorf("minority quorate=%v, majority quorate=%v", q1, q3)
	}
	var minority, majority []string
	for i := range 20 {
		m, p := testPayload("min", uint64(i), 10)
		c.Do(1, func(n *proto.Node) error { return n.Send("g", p) })
		minority = append(minority, m)
		m, p = testPayload("maj", uint64(i), 10)
		c.Do(4, func(n *proto.Node) error { return n.Send("g", p) })
		majority = append(majority, m)
	}
	if err := c.RunFor(time.Second, chk.Err); err != nil {
		t.Fatal(err)
	}
	for _, m := range minority {
		if !chk.Delivered(2, m) || chk.Delivered(3, m) {
			t.Fatalf("%s: delivered in the wrong partition", m)
		}
	}
	for _, m := range majority {
		if !chk.Delivered(5, m) || chk.Delivered(1, m) {
			t.Fatalf("%s: delivered in the wrong partition", m)
		}
	}
	c.Net.Heal()
	took := runUntil(t, c, chk, 5*time.Second, func() bool {
		for _, id := range c.IDs() {
			if len(last[id].Members) != 5 {
				return false
			}
		}
		return true
	})
	t.Logf("merged %v after the partition healed", took)
	var rings []proto.RingID
	for _, id := range c.IDs() {
		rings = append(rings, last[id].Ring)
	}
	if len(slices.Compact(slices.Clone(rings))) != 1 {
		t.Errorf("merged views differ: %v", rings)
	}
}
