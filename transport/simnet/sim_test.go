package simnet

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gocrm/transport/proto"
	"gocrm/transport/quorum"
)

var (
	flagSeeds = flag.Int("seeds", 2000, "TestSimulation: number of seeds to run")
	flagFirst = flag.Uint64("first", 1, "TestSimulation: first seed")
	flagSeed  = flag.Uint64("seed", 0, "TestSimulation: run only this seed, with a trace")
)

// scenario is one seed's cluster, faults and traffic.
type scenario struct {
	seed        uint64
	nodes       int
	links       int
	cfg         proto.Config
	quorumCheck bool
	faultTime   time.Duration
	settleTime  time.Duration
	desc        string
}

func newScenario(seed uint64) scenario {
	rng := rand.New(rand.NewPCG(seed, 0x5ce))
	s := scenario{seed: seed, nodes: 2 + rng.IntN(4), links: 1 + rng.IntN(2)}
	token := time.Duration(200+rng.IntN(4)*100) * time.Millisecond
	s.cfg = proto.Config{
		Token:        token,
		Join:         time.Duration(20+rng.IntN(4)*10) * time.Millisecond,
		Merge:        100 * time.Millisecond,
		MaxPacket:    1400 + rng.IntN(8)*1000,
		FragmentSize: 500 + rng.IntN(4)*300,
		Window:       64 << rng.IntN(3),
		SendQueue:    256 << 10,
		LinkMode:     proto.LinkMode(rng.IntN(3)),
	}
	s.cfg.Inflight = s.cfg.Window / 2
	s.cfg.FragmentSize = min(s.cfg.FragmentSize, s.cfg.MaxPacket-proto.Overhead-64)
	q := &s.cfg.Quorum
	s.quorumCheck = true
	mode := rng.IntN(5)
	switch {
	case s.nodes == 2 && mode < 3:
		q.TwoNode, q.WaitForAll = true, true
		s.quorumCheck = false // both halves keep quorum; fencing decides
	case mode == 1:
		q.WaitForAll = true
	case mode == 2 && s.nodes%2 == 0:
		q.TieBreaker, q.WaitForAll = quorum.TieBreakerLowest, true
	case mode == 3:
		q.LastManStanding, q.WaitForAll = true, true
		q.LastManStandingWindow = 2 * token
		// last_man_standing lowers expected votes to the nodes present, on the
		// premise that the others are dead (fenced): after a cascade of
		// partitions two halves can both be quorate, in votequorum too (see
		// protocol.md). The other invariants are still checked.
		s.quorumCheck = false
	}
	s.faultTime = 12 * time.Second
	s.settleTime = 30 * token
	s.desc = fmt.Sprintf("nodes=%d links=%d token=%v mode=%d window=%d mtu=%d linkmode=%d",
		s.nodes, s.links, token, mode, s.cfg.Window, s.cfg.MaxPacket, s.cfg.LinkMode)
	return s
}

type simResult struct {
	steps, deliveries, views, sent int
}

// runScenario runs one seed and returns the first violation.
func runScenario(s scenario, tracer func(string, ...any)) (simResult, error) {
	var res simResult
	rng := rand.New(rand.NewPCG(s.seed, 0xfa17))
	cfg := s.cfg
	cfg.Trace = tracer
	c := NewCluster(ClusterConfig{Nodes: s.nodes, Links: s.links, Seed: s.seed, Proto: cfg})
	trace := func(f string, a ...any) {
		if tracer != nil {
			tracer("%v "+f, append([]any{c.Sched.Now()}, a...)...)
		}
	}
	c.Net.Faults = Faults{Loss: 0.2, Duplicate: 0.05, MinDelay: 100 * time.Microsecond, MaxDelay: 3 * time.Millisecond}
	chk := NewChecker(parseTestPayload)
	c.Observe = chk.Observe
	c.OnStart = func(sn *SimNode) { sn.Node.JoinGroup("g") }
	sent := map[proto.NodeID][]string{} // messages of the running incarnation
	counter := 0
	check := func() error {
		if s.quorumCheck {
			chk.CheckQuorum(c)
		}
		return chk.Err()
	}
	fail := func(err error) (simResult, error) {
		res.steps = int(c.Sched.Steps())
		return res, fmt.Errorf("at %v: %w", c.Sched.Now(), err)
	}
	for _, id := range c.IDs() {
		if err := c.Start(id); err != nil {
			return res, err
		}
	}
	traffic := func() {
		for _, id := range c.IDs() {
			if !c.Node(id).Up() || rng.IntN(3) != 0 {
				continue
			}
			counter++
			size := 10 + rng.IntN(200)
			switch r := rng.IntN(50); {
			case r == 0:
				size = 5000 + rng.IntN(30000) // many fragments
			case r < 5:
				size = 1000 + rng.IntN(3000)
			}
			msg, payload := testPayload(fmt.Sprintf("n%di%d", id, c.Node(id).Inc), uint64(counter), size)
			if c.Do(id, func(n *proto.Node) error { return n.Send("g", payload) }) == nil {
				sent[id] = append(sent[id], msg)
				res.sent++
			}
		}
	}
	action := func() {
		ids := c.IDs()
		id := ids[rng.IntN(len(ids))]
		sn := c.Node(id)
		switch r := rng.IntN(10); {
		case r < 2:
			if sn.Up() {
				trace("SIM crash %d", id)
				c.Crash(id)
				sent[id] = nil
			} else {
				trace("SIM start %d", id)
				c.Start(id)
			}
		case r == 2:
			if sn.Up() {
				trace("SIM leave %d", id)
				c.Leave(id)
				sent[id] = nil
			}
		case r < 5:
			var a, b []uint32
			for _, x := range ids {
				if rng.IntN(2) == 0 {
					a = append(a, uint32(x))
				} else {
					b = append(b, uint32(x))
				}
			}
			trace("SIM partition %v | %v", a, b)
			c.Net.Partition(a, b)
		case r < 7:
			other := ids[rng.IntN(len(ids))]
			if other != id {
				l := rng.IntN(s.links)
				trace("SIM cut %d-%d link %d", id, other, l)
				c.Net.Cut(uint32(id), uint32(other), l)
			}
		default:
			trace("SIM heal")
			c.Net.Heal()
		}
	}
	end := c.Sched.Now() + s.faultTime
	nextAction := c.Sched.Now() + time.Duration(200+rng.IntN(1300))*time.Millisecond
	for c.Sched.Now() < end {
		step := time.Duration(20+rng.IntN(180)) * time.Millisecond
		if err := c.RunFor(step, check); err != nil {
			return fail(err)
		}
		traffic()
		if c.Sched.Now() >= nextAction {
			action()
			nextAction = c.Sched.Now() + time.Duration(200+rng.IntN(1300))*time.Millisecond
		}
	}
	// Settle: no faults, everyone up; everything must converge.
	trace("SIM settle")
	c.Net.Heal()
	c.Net.Faults = Faults{MinDelay: 100 * time.Microsecond, MaxDelay: time.Millisecond}
	for _, id := range c.IDs() {
		if !c.Node(id).Up() {
			c.Start(id)
		}
	}
	if err := c.RunFor(s.settleTime, check); err != nil {
		return fail(err)
	}
	res.steps, res.deliveries, res.views = int(c.Sched.Steps()), chk.Deliveries, chk.Views
	var ring proto.RingID
	for i, id := range c.IDs() {
		st := c.Node(id).Node.Status()
		if !st.Synced || len(st.Members) != s.nodes || (i > 0 && st.Ring != ring) {
			return fail(fmt.Errorf("no convergence after %v without faults: node %d in ring %v members %v synced=%v",
				s.settleTime, id, st.Ring, st.Members, st.Synced))
		}
		ring = st.Ring
		for _, m := range sent[id] {
			if !chk.Delivered(id, m) {
				return fail(fmt.Errorf("node %d never delivered its own message %s", id, m))
			}
		}
		if q := c.Node(id).Node.QueuedBytes(); q != 0 {
			return fail(fmt.Errorf("node %d still has %d bytes queued", id, q))
		}
	}
	return res, nil
}

// TestSimulation runs thousands of seeded scenarios with crashes, restarts,
// clean leaves, partitions, link cuts, 20% loss, duplicates and reordering,
// and checks the invariants after every event. A failing seed prints the
// command that reruns it alone, with a trace.
func TestSimulation(t *testing.T) {
	if *flagSeed != 0 {
		s := newScenario(*flagSeed)
		t.Logf("seed %d: %s", s.seed, s.desc)
		res, err := runScenario(s, func(f string, a ...any) { t.Logf(f, a...) })
		t.Logf("steps=%d deliveries=%d views=%d sent=%d", res.steps, res.deliveries, res.views, res.sent)
		if err != nil {
			t.Fatalf("seed %d: %v", s.seed, err)
		}
		return
	}
	// The run allocates many short-lived packets: trade memory for less GC.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	n := *flagSeeds
	if testing.Short() {
		n = min(n, 200)
	}
	start := time.Now()
	var next atomic.Uint64
	next.Store(*flagFirst)
	last := *flagFirst + uint64(n)
	var mu sync.Mutex
	var failed []string
	var steps, deliveries, views, quorumChecked atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				seed := next.Add(1) - 1
				if seed >= last {
					return
				}
				s := newScenario(seed)
				if s.quorumCheck {
					quorumChecked.Add(1)
				}
				res, err := runScenario(s, nil)
				steps.Add(int64(res.steps))
				deliveries.Add(int64(res.deliveries))
				views.Add(int64(res.views))
				if err != nil {
					mu.Lock()
					failed = append(failed, fmt.Sprintf("seed %d (%s): %v\n\trerun: go test ./transport/simnet -run 'TestSimulation$' -seed=%d -v", seed, s.desc, err, seed))
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	t.Logf("seeds=%d time=%v steps=%d deliveries=%d views=%d quorum-checked seeds=%d",
		n, time.Since(start).Round(time.Millisecond), steps.Load(), deliveries.Load(), views.Load(), quorumChecked.Load())
	for i, f := range failed {
		if i == 10 {
			t.Errorf("... and %d more failing seeds", len(failed)-10)
			break
		}
		t.Error(f)
	}
}
