package transport

import (
	"context"
	"sync"
	"testing"
	"time"

	"gocrm/transport/proto"
)

// BenchmarkOrderedBroadcast measures ordered delivery of 1 KiB messages
// among three nodes on real loopback sockets: every node sends b.N/3
// messages as fast as back-pressure lets it, and every node delivers all
// b.N. msgs/s is the messages each node delivers per second.
func BenchmarkOrderedBroadcast(b *testing.B) {
	dir := b.TempDir()
	conf, _ := loopbackConf(b, dir, 3, "\ttoken: 3000\n")
	cfg, err := LoadConfig(conf)
	if err != nil {
		b.Fatal(err)
	}
	var nodes []*Node
	for i := 1; i <= 3; i++ {
		n, err := Start(cfg, Options{NodeID: uint32(i), EventBuffer: 1 << 16})
		if err != nil {
			b.Fatal(err)
		}
		defer n.Close()
		if err := n.JoinGroup("bench"); err != nil {
			b.Fatal(err)
		}
		nodes = append(nodes, n)
	}
	// Wait until all three are in one synced view with the group joined.
	payload := make([]byte, 1024)
	per := max(b.N/3, 1)
	total := per * 3
	groupReady := make([]chan struct{}, 3)
	allDelivered := make([]chan struct{}, 3)
	for i, n := range nodes {
		groupReady[i] = make(chan struct{})
		allDelivered[i] = make(chan struct{})
		go func() {
			ready, got := false, 0
			for e := range n.Events() {
				if g, ok := e.(proto.GroupEvent); ok && len(g.Members) == 3 && !ready {
					ready = true
					close(groupReady[i])
				}
				if _, ok := e.(proto.DeliverEvent); ok {
					if got++; got == total {
						close(allDelivered[i])
					}
				}
			}
		}()
	}
	for i := range nodes {
		select {
		case <-groupReady[i]:
		case <-time.After(15 * time.Second):
			b.Fatalf("node %d: group not formed", i+1)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	b.SetBytes(1024)
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for _, n := range nodes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range per {
				if err := n.Send(ctx, "bench", payload); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	for i := range nodes {
		select {
		case <-allDelivered[i]:
		case <-ctx.Done():
			b.Fatalf("node %d did not deliver all %d messages", i+1, total)
		}
	}
	elapsed := time.Since(start)
	wg.Wait()
	b.StopTimer()
	b.ReportMetric(float64(total)/elapsed.Seconds(), "msgs/s")
}
