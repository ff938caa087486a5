package scheduler

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gocrm/cib"
)

// Input is everything a scheduling decision depends on.
type Input struct {
	// CIB is the whole cluster information base: configuration and status.
	CIB *cib.CIB
	// Membership overrides the membership and quorum the status section
	// records; nil means "as recorded".
	Membership *Membership
	// Now is the time rules and failure timeouts are evaluated at. When
	// zero, the CIB's execution-date is used (as crm_simulate does); when
	// that is absent too, the Unix epoch.
	Now time.Time
	// ShowScores records the allocation scores (crm_simulate -s) in the
	// Trace.
	ShowScores bool
	// ScoreDetail records every score contribution in the Trace (for
	// explain output); it costs time and memory on large clusters.
	ScoreDetail bool
}

// Membership is a view of the cluster's membership.
type Membership struct {
	// HaveQuorum, when set, replaces the CIB's have-quorum.
	HaveQuorum *bool
	// Nodes maps node names to their membership; nodes not listed keep
	// what the status section says.
	Nodes map[string]NodeMembership
}

// NodeMembership is one node's view in a Membership.
type NodeMembership struct {
	// Member: the node is in the membership with its controller up.
	Member bool
	// Expected: the node is expected to be up (a node that is not a
	// member but expected up is unclean and gets fenced).
	Expected bool
}

// ErrNoCIB is returned when Input.CIB is nil.
var ErrNoCIB = errors.New("scheduler: input has no CIB")

// EffectiveNow returns the time a scheduler run uses: in.Now, else the
// CIB's execution-date, else the Unix epoch.
func EffectiveNow(in Input) time.Time {
	if !in.Now.IsZero() {
		return in.Now
	}
	if in.CIB != nil {
		if v := in.CIB.Attrs.Get(cib.AttrExecutionDate); v != "" {
			if n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil {
				return time.Unix(n, 0).UTC()
			}
		}
	}
	return time.Unix(0, 0).UTC()
}

// Schedule computes the transition for a cluster snapshot. It never
// modifies the input CIB.
func Schedule(in Input) (g Graph, tr Trace, err error) {
	if in.CIB == nil {
		return Graph{}, Trace{}, ErrNoCIB
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("scheduler: internal error on this input: %v", p)
		}
	}()
	c := newCluster(in)
	c.unpack()
	tr.State = c.state()
	c.schedule()
	g = c.buildGraph()
	g.Summary = c.summary()
	tr.Scores = c.trace.Scores
	tr.Contributions = c.trace.Contributions
	return g, tr, nil
}

// Status unpacks a CIB without scheduling: the cluster as it is now.
func Status(in Input) (s State, err error) {
	if in.CIB == nil {
		return State{}, ErrNoCIB
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("scheduler: internal error on this input: %v", p)
		}
	}()
	c := newCluster(in)
	c.unpack()
	return c.state(), nil
}

func newCluster(in Input) *cluster {
	c := &cluster{cib: in.CIB, now: EffectiveNow(in), trace: &Trace{}, scoreDetail: in.ScoreDetail, showScores: in.ShowScores,
		forceReschedule: map[*cib.LRMOp]bool{}}
	c.membership = in.Membership
	return c
}

func (c *cluster) unpack() {
	c.unpackOptions()
	if c.membership != nil && c.membership.HaveQuorum != nil {
		c.haveQuorum = *c.membership.HaveQuorum
	}
	c.unpackNodes()
	c.unpackResources()
	if c.symmetric {
		for _, r := range c.allRsc {
			if r.parent == nil {
				for _, n := range c.nodes {
					c.resourceNodeScore(r, n, 0, true)
				}
			}
		}
	}
	c.applyMembership()
	c.unpackNodeStates()
	c.unpackHistory()
}

// applyMembership rewrites the status view of nodes named in the
// membership override (on copies; the input CIB is not touched).
func (c *cluster) applyMembership() {
	if c.membership == nil || len(c.membership.Nodes) == 0 {
		return
	}
	st := c.cib.Status
	nodes := make([]*cib.NodeState, 0, len(st.Nodes))
	seen := map[string]bool{}
	for _, ns := range st.Nodes {
		if m, ok := c.membership.Nodes[ns.Uname]; ok {
			cp := *ns
			setMembership(&cp, m)
			ns = &cp
			seen[ns.Uname] = true
		}
		nodes = append(nodes, ns)
	}
	for _, n := range c.nodes {
		if m, ok := c.membership.Nodes[n.name]; ok && !seen[n.name] {
			ns := &cib.NodeState{ID: n.id, Uname: n.name}
			setMembership(ns, m)
			nodes = append(nodes, ns)
		}
	}
	cp := *c.cib
	cp.Status.Nodes = nodes
	c.cib = &cp
}

func setMembership(ns *cib.NodeState, m NodeMembership) {
	if m.Member {
		ns.InCCM, ns.Crmd, ns.Join = "true", "online", "member"
	} else {
		ns.InCCM, ns.Crmd, ns.Join = "false", "offline", "down"
	}
	if m.Expected {
		ns.Expected = "member"
	} else {
		ns.Expected = "down"
	}
}

func (c *cluster) schedule() {
	c.unpackConstraints()
	c.applyNodeCriteria()
	for _, r := range c.resources {
		c.internalConstraints(r)
	}
	c.handleConfigChanges()
	c.initCapacity()
	c.allocateResources()
	c.scheduleProbes()
	if c.stopOrphans {
		for _, r := range c.resources {
			c.clearOrphanFailcounts(r)
		}
	}
	for _, r := range c.resources {
		c.createActions(r)
	}
	c.orderRemoteConnectionActions()
	c.scheduleFencing()
	c.applyOrderings()
}

func (c *cluster) clearOrphanFailcounts(r *resource) {
	if !r.has(fOrphan) {
		return
	}
	for _, n := range c.nodes {
		if !n.online {
			continue
		}
		if fc, _ := c.failCount(r, n, true); fc == 0 {
			continue
		}
		clear := c.clearFailcount(r, n, "it is orphaned")
		c.newOrdering(r, "", clear, r, r.key("stop"), nil, oOptional)
	}
}
