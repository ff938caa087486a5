package scheduler

import (
	"fmt"
	"math/rand"
	"testing"
	"time"

	"gocrm/cib"
)

// randomCIB builds a random but valid CIB from a seed: nodes in various
// states, primitives, groups and clones, constraints of every kind, and
// operation history with successes, failures and pending operations.
func randomCIB(seed int64) *cib.CIB {
	rng := rand.New(rand.NewSource(seed))
	c := &cib.CIB{}
	c.Attrs.Set(cib.AttrHaveQuorum, []string{"0", "1"}[rng.Intn(2)])
	c.Attrs.Set(cib.AttrDCUUID, "1")
	props := &cib.NVSet{ID: "opts"}
	add := func(name, val string) {
		props.Pairs = append(props.Pairs, &cib.NVPair{ID: "o-" + name, Name: name, Value: val})
	}
	add("stonith-enabled", []string{"true", "false"}[rng.Intn(2)])
	add("no-quorum-policy", []string{"stop", "ignore", "freeze", "suicide"}[rng.Intn(4)])
	add("symmetric-cluster", []string{"true", "false"}[rng.Intn(2)])
	add("placement-strategy", []string{"default", "balanced", "utilization", "minimal"}[rng.Intn(4)])
	c.Config.CRMConfig = []*cib.NVSet{props}
	nNodes := 1 + rng.Intn(5)
	var nodeNames []string
	for i := 0; i < nNodes; i++ {
		name := fmt.Sprintf("n%d", i+1)
		nodeNames = append(nodeNames, name)
		n := &cib.Node{ID: fmt.Sprint(i + 1), Uname: name}
		if rng.Intn(4) == 0 {
			n.Attributes = []*cib.NVSet{{ID: name + "-a", Pairs: []*cib.NVPair{{ID: name + "-sb", Name: "standby", Value: "on"}}}}
		}
		n.Utilization = []*cib.NVSet{{ID: name + "-u", Pairs: []*cib.NVPair{{ID: name + "-cpu", Name: "cpu", Value: fmt.Sprint(rng.Intn(4))}}}}
		c.Config.Nodes = append(c.Config.Nodes, n)
	}
	prim := func(id string) *cib.Primitive {
		p := &cib.Primitive{ID: id, Class: "ocf", Provider: "heartbeat", Type: "Dummy"}
		if rng.Intn(3) == 0 {
			p.Class, p.Provider, p.Type = "stonith", "", "fence_dummy"
		}
		p.Ops.Ops = []*cib.Op{{ID: id + "-mon", Name: "monitor", Attrs: cib.Attrs{{Name: "interval", Value: "10s"}}}}
		if rng.Intn(3) == 0 {
			p.Meta = []*cib.NVSet{{ID: id + "-m", Pairs: []*cib.NVPair{
				{ID: id + "-tr", Name: "target-role", Value: []string{"Stopped", "Started"}[rng.Intn(2)]},
				{ID: id + "-st", Name: "resource-stickiness", Value: fmt.Sprint(rng.Intn(200))},
				{ID: id + "-mt", Name: "migration-threshold", Value: fmt.Sprint(rng.Intn(3))}}}}
		}
		p.Utilization = []*cib.NVSet{{ID: id + "-u", Pairs: []*cib.NVPair{{ID: id + "-cpu", Name: "cpu", Value: fmt.Sprint(rng.Intn(2))}}}}
		return p
	}
	var prims []string
	var all []string
	nRsc := rng.Intn(8)
	for i := 0; i < nRsc; i++ {
		id := fmt.Sprintf("r%d", i)
		switch rng.Intn(4) {
		case 0:
			g := &cib.Group{ID: "g" + id}
			for j := 0; j < 1+rng.Intn(3); j++ {
				m := prim(fmt.Sprintf("%s-m%d", id, j))
				g.Children = append(g.Children, m)
				prims = append(prims, m.ID)
			}
			c.Config.Resources = append(c.Config.Resources, g)
			all = append(all, g.ID)
		case 1:
			p := prim(id)
			cl := &cib.Clone{ID: id + "-clone", Child: p}
			if rng.Intn(2) == 0 {
				cl.Meta = []*cib.NVSet{{ID: id + "-cm", Pairs: []*cib.NVPair{{ID: id + "-il", Name: "interleave", Value: "true"}}}}
			}
			c.Config.Resources = append(c.Config.Resources, cl)
			prims = append(prims, p.ID)
			all = append(all, cl.ID)
		default:
			p := prim(id)
			c.Config.Resources = append(c.Config.Resources, p)
			prims = append(prims, id)
			all = append(all, id)
		}
	}
	pick := func(l []string) string { return l[rng.Intn(len(l))] }
	scores := []string{"INFINITY", "-INFINITY", "100", "-50", "0", "5"}
	if len(all) > 0 {
		for i := 0; i < rng.Intn(6); i++ {
			id := fmt.Sprintf("c%d", i)
			switch rng.Intn(3) {
			case 0:
				c.Config.Constraints = append(c.Config.Constraints, &cib.Location{ID: id, Rsc: pick(all), Node: pick(nodeNames), Score: pick(scores)})
			case 1:
				c.Config.Constraints = append(c.Config.Constraints, &cib.Colocation{ID: id, Rsc: pick(all), WithRsc: pick(all), Score: pick(scores)})
			case 2:
				c.Config.Constraints = append(c.Config.Constraints, &cib.Order{ID: id, First: pick(all), Then: pick(all),
					Kind: []string{"Mandatory", "Optional", "Serialize", ""}[rng.Intn(4)]})
			}
		}
	}
	tasks := []string{"start", "stop", "monitor", "promote", "demote", "migrate_to"}
	for i, name := range nodeNames {
		ns := &cib.NodeState{ID: fmt.Sprint(i + 1), Uname: name,
			InCCM: []string{"true", "false"}[rng.Intn(2)], Crmd: []string{"online", "offline"}[rng.Intn(2)],
			Join: []string{"member", "down", "pending", "banned"}[rng.Intn(4)], Expected: []string{"member", "down"}[rng.Intn(2)]}
		if rng.Intn(3) == 0 {
			continue
		}
		ns.LRM = &cib.LRM{ID: ns.ID}
		for _, p := range prims {
			if rng.Intn(2) == 0 {
				continue
			}
			lr := &cib.LRMResource{ID: p, Class: "ocf", Provider: "heartbeat", Type: "Dummy"}
			for k := 0; k < 1+rng.Intn(3); k++ {
				task := pick(tasks)
				iv := "0"
				if task == "monitor" && rng.Intn(2) == 0 {
					iv = "10000"
				}
				rc := []string{"0", "7", "1", "5", "8"}[rng.Intn(5)]
				st := []string{"0", "0", "-1", "4"}[rng.Intn(4)]
				call := fmt.Sprint(k + 1)
				if st == "-1" {
					call = "-1"
				}
				lr.Ops = append(lr.Ops, &cib.LRMOp{ID: fmt.Sprintf("%s_%d", p, k), OperationKey: p + "_" + task + "_" + iv,
					Operation: task, CallID: call, RCCode: rc, OpStatus: st, Interval: iv, OnNode: name,
					TransitionKey: "1:1:0:uuid", TransitionMagic: st + ":" + rc + ";1:1:0:uuid", LastRCChange: "1000"})
			}
			ns.LRM.Resources = append(ns.LRM.Resources, lr)
		}
		c.Status.Nodes = append(c.Status.Nodes, ns)
	}
	return c
}

// checkAcyclic verifies that the graph's input edges form no cycle.
func checkAcyclic(g Graph) error {
	idx := map[int]int{}
	for i, a := range g.Actions {
		idx[a.ID] = i
	}
	state := make([]int, len(g.Actions))
	var visit func(i int) error
	visit = func(i int) error {
		switch state[i] {
		case 1:
			return fmt.Errorf("cycle through %s on %s", g.Actions[i].Key, g.Actions[i].Node)
		case 2:
			return nil
		}
		state[i] = 1
		for _, in := range g.Actions[i].Inputs {
			if j, ok := idx[in]; ok {
				if err := visit(j); err != nil {
					return err
				}
			}
		}
		state[i] = 2
		return nil
	}
	for i := range g.Actions {
		if err := visit(i); err != nil {
			return err
		}
	}
	return nil
}

// FuzzSchedule feeds random valid CIBs to the scheduler: it must never
// fail on them and its graph must have no cycles.
func FuzzSchedule(f *testing.F) {
	for _, s := range []int64{1, 2, 3, 42, 1000} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, seed int64) {
		c := randomCIB(seed)
		g, _, err := Schedule(Input{CIB: c, Now: time.Unix(2000, 0)})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if err := checkAcyclic(g); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
	})
}

// TestRandomCIBs runs a fixed batch of random CIBs in the normal test run.
func TestRandomCIBs(t *testing.T) {
	for seed := int64(0); seed < 300; seed++ {
		c := randomCIB(seed)
		g, _, err := Schedule(Input{CIB: c, Now: time.Unix(2000, 0)})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if err := checkAcyclic(g); err != nil {
			t.Errorf("seed %d: %v", seed, err)
		}
	}
}
