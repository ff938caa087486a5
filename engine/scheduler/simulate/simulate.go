package simulate

import (
	"fmt"
	"time"

	"gocrm/cib"
	"gocrm/engine/scheduler"
)

// Options mirror crm_simulate's flags.
type Options struct {
	Run        bool     // -R: compute and show the transition
	Simulate   bool     // -S: also replay it and show the revised status
	ShowScores bool     // -s: show allocation scores
	Quiet      bool     // -Q: only essential output
	NodeUp     []string // -u NODE: bring a node online
	NodeDown   []string // -d NODE: take a node offline
	NodeFail   []string // -f NODE: fail a node (it becomes unclean)
	// Now is "now" for rules and failure timeouts; zero means the CIB's
	// execution-date (crm_simulate's behaviour), else the Unix epoch.
	Now time.Time
}

// Simulate renders what crm_simulate prints for the same options.
func Simulate(c *cib.CIB, opts Options) ([]byte, error) {
	if c == nil {
		return nil, scheduler.ErrNoCIB
	}
	p := &printer{plain: opts.ShowScores}
	if v := c.Attrs.Get(cib.AttrExecutionDate); v != "" && opts.Now.IsZero() {
		now := scheduler.EffectiveNow(scheduler.Input{CIB: c})
		p.line("Using the original execution date of: " + now.UTC().Format("2006-01-02 15:04:05Z"))
	}
	in := scheduler.Input{CIB: c, Now: opts.Now, ShowScores: opts.ShowScores}
	if !opts.Quiet {
		st, err := scheduler.Status(in)
		if err != nil {
			return nil, err
		}
		if st.Disabled > 0 || st.Blocked > 0 {
			p.line(fmt.Sprintf("%d of %d resource instances DISABLED and %d BLOCKED from further action due to failure",
				st.Disabled, st.Primitives, st.Blocked))
			p.blank()
		}
		p.heading("Current cluster status:")
		renderStatus(p, st, true)
		p.blank()
	}
	work := c
	if len(opts.NodeUp)+len(opts.NodeDown)+len(opts.NodeFail) > 0 {
		work = applyNodeChanges(c, opts)
		if !opts.Quiet {
			p.heading("Performing Requested Modifications:")
			for _, n := range opts.NodeUp {
				p.item(1, "Bringing node "+n+" online")
			}
			for _, n := range opts.NodeDown {
				p.item(1, "Taking node "+n+" offline")
			}
			for _, n := range opts.NodeFail {
				p.item(1, "Failing node "+n)
			}
			p.blank()
		}
	}
	if !(opts.Run || opts.Simulate || opts.ShowScores) {
		return []byte(p.b.String()), nil
	}
	in.CIB = work
	g, tr, err := scheduler.Schedule(in)
	if err != nil {
		return nil, err
	}
	if opts.ShowScores {
		for _, s := range tr.Scores {
			p.line(fmt.Sprintf("%s: %s allocation score on %s: %s", s.Stage, s.Resource, s.Node, s.Score))
		}
		p.blank()
	}
	if !opts.Quiet {
		p.heading("Transition Summary:")
		for _, ch := range g.Summary {
			p.item(1, ch.String())
		}
	}
	if !opts.Simulate {
		return []byte(p.b.String()), nil
	}
	now := scheduler.EffectiveNow(in)
	after := copyStatus(work)
	if !opts.Quiet {
		p.blank()
		p.heading("Executing Cluster Transition:")
	}
	for _, i := range execute(g) {
		a := g.Actions[i]
		line := replayAction(after, a, now)
		if !opts.Quiet && line != "" {
			p.item(1, line)
		}
	}
	if !opts.Quiet {
		if v := c.Attrs.Get(cib.AttrExecutionDate); v != "" && opts.Now.IsZero() {
			p.line("Using the original execution date of: " + now.UTC().Format("2006-01-02 15:04:05Z"))
		}
		rst, err := scheduler.Status(scheduler.Input{CIB: after, Now: opts.Now})
		if err != nil {
			return nil, err
		}
		p.blank()
		p.heading("Revised Cluster Status:")
		renderStatus(p, rst, false)
	}
	return []byte(p.b.String()), nil
}

func nodeID(c *cib.CIB, name string) string {
	for _, n := range c.Config.Nodes {
		if n.Uname == name {
			return n.ID
		}
	}
	return name
}

// replayAction applies one fired action to the status copy and returns
// the line crm_simulate prints for it.
func replayAction(c *cib.CIB, a scheduler.GraphAction, now time.Time) string {
	switch a.Kind {
	case scheduler.PseudoAction:
		if a.Task == "stonith" && a.Node != "" {
			// guest node fencing: a pseudo event with its target
			return "Pseudo action:   " + a.Key + " on " + a.Node
		}
		return "Pseudo action:   " + a.Key
	case scheduler.FenceAction:
		if a.FenceAction != "on" {
			ns := findNodeState(c, a.Node, a.NodeID)
			setNodeUp(ns, false)
			ns.LRM = nil
			ns.Transient = nil
		}
		return fmt.Sprintf("Fencing %s (%s)", a.Node, a.FenceAction)
	case scheduler.ClusterAction:
		if a.Resource != "" {
			return fmt.Sprintf("Cluster action:  %s for %s on %s", a.Task, a.Resource, a.Node)
		}
		return fmt.Sprintf("Cluster action:  %s on %s", a.Task, a.Node)
	}
	ns := findNodeState(c, a.Node, a.NodeID)
	if a.Task == "delete" {
		return fmt.Sprintf("Resource action: %-15s %s on %s", a.Resource, a.Task, a.Node)
	}
	lr := lrmResource(ns, a.Resource, a.Class, a.Provider, a.Agent)
	injectResult(lr, a, now)
	if a.Interval > 0 {
		return fmt.Sprintf("Resource action: %-15s %s=%d on %s", a.Resource, a.Task, a.Interval, a.Node)
	}
	return fmt.Sprintf("Resource action: %-15s %s on %s", a.Resource, a.Task, a.Node)
}

// applyNodeChanges returns c with the -u/-d/-f node changes applied to a
// copy of its status section (c itself is not modified).
func applyNodeChanges(c *cib.CIB, opts Options) *cib.CIB {
	if len(opts.NodeUp)+len(opts.NodeDown)+len(opts.NodeFail) == 0 {
		return c
	}
	work := copyNodeStates(c)
	for _, n := range opts.NodeUp {
		setNodeUp(findNodeState(work, n, nodeID(c, n)), true)
	}
	for _, n := range opts.NodeDown {
		setNodeUp(findNodeState(work, n, nodeID(c, n)), false)
	}
	for _, n := range opts.NodeFail {
		ns := findNodeState(work, n, nodeID(c, n))
		setNodeUp(ns, false)
		ns.InCCM = "true"
		ns.Expected = "member"
	}
	return work
}
