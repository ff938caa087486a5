package scheduler

import (
	"sort"
	"strings"
)

// ActionKind tells how an action is carried out.
type ActionKind int

const (
	// ResourceAction runs a resource agent operation on a node.
	ResourceAction ActionKind = iota
	// PseudoAction is a synchronisation point with nothing to execute.
	PseudoAction
	// ClusterAction is a controller operation (shutdown, fail-count clear).
	ClusterAction
	// FenceAction fences a node.
	FenceAction
)

// GraphAction is one action of a transition.
type GraphAction struct {
	ID       int
	Kind     ActionKind
	Key      string // Pacemaker's operation key, e.g. rsc_start_0
	Task     string // start, stop, monitor, cancel, stonith, do_shutdown, ...
	Resource string // resource id ("" for node actions)
	Node     string
	NodeID   string
	Interval int // milliseconds, for recurring operations
	// Inputs are the IDs of the actions that must complete first.
	Inputs []int
	// TargetRC is the expected result (7 for probes of stopped resources).
	TargetRC int
	// FenceAction is reboot, off or on for fencing actions.
	FenceAction string
	// CancelTask is the operation a cancel action stops.
	CancelTask string
	// Class, Provider and Agent name the resource agent.
	Class, Provider, Agent string
	// Params are the parameters whose digest is recorded with the result.
	Params map[string]string
	// Priority is the synapse priority (from the resource's priority).
	Priority int
	// MigrateSource and MigrateTarget name the nodes a migrate_to or
	// migrate_from moves the resource between.
	MigrateSource, MigrateTarget string
}

// Graph is a transition: its actions in Pacemaker's synapse order, and
// the Transition Summary that describes it.
type Graph struct {
	Actions []GraphAction
	Summary []Change
}

// inGraph is should_add_action_to_graph.
func (c *cluster) inGraph(a *action) bool {
	if !a.is(aRunnable) {
		return false
	}
	if a.is(aOptional) && !a.is(aPrintAlways) {
		return false
	}
	if a.rsc != nil && !a.rsc.has(fManaged) && a.task != "monitor" {
		if a.interval == 0 || a.task != "cancel" {
			return false
		}
	}
	if a.is(aPseudo) || a.task == "stonith" || a.task == "do_shutdown" {
		return true
	}
	if a.node == nil {
		return false
	}
	if a.is(aDC) {
		return true
	}
	if !a.node.online || a.node.unclean {
		return false
	}
	return true
}

func orderingCanChange(t orderFlags) bool {
	return t&^(oImpliesFirstPrinted|oImpliesThenPrinted|oOptional) != 0
}

func (c *cluster) inputInGraph(a *action, l *link, added map[*action]bool) bool {
	in := l.action
	if l.typ == oNone {
		return false
	}
	if !in.is(aRunnable) && !orderingCanChange(l.typ) {
		return false
	}
	if !in.is(aRunnable) && l.typ&oOneOrMore != 0 {
		return false
	}
	if a.is(aPseudo) && l.typ&oStonithStop != 0 {
		return false
	}
	if l.typ&oImpliesFirstMigratable != 0 && !in.is(aRunnable) {
		return false
	}
	if l.typ&oApplyFirstNonMigratable != 0 && in.is(aMigrateRunnable) {
		return false
	}
	if l.typ == oLoad {
		// a migrate_to runs on the old node but loads the new one
		assigned := a.node
		if a.rsc != nil && a.task == "migrate_to" {
			assigned = a.rsc.allocatedTo
		}
		if in.node == nil || assigned == nil || in.node != assigned || in.is(aOptional) {
			return false
		}
	} else if l.typ == oAntiColocation {
		if (in.node != nil && a.node != nil && in.node != a.node) || in.is(aOptional) {
			return false
		}
	} else if in.rsc != nil && in.rsc != a.rsc && in.rsc.has(fFailed) && !in.rsc.has(fManaged) &&
		hasSuffix(in.key, "_stop_0") && a.rsc != nil && a.rsc.kind == kindClone {
		return false
	} else if in.is(aOptional) && !in.is(aPrintAlways) && !added[in] && !c.inGraph(in) {
		return false
	}
	return true
}

func (c *cluster) buildGraph() Graph {
	var order []*action
	added := map[*action]bool{}
	add := func(a *action) {
		if added[a] || !c.inGraph(a) {
			return
		}
		added[a] = true
		order = append(order, a)
	}
	var addRsc func(r *resource)
	addRsc = func(r *resource) {
		if r.kind == kindClone {
			for _, a := range r.actions {
				c.cloneActionFlags(a, nil)
			}
			c.expandNotifications(r)
			for _, ch := range r.children {
				addRsc(ch)
			}
		}
		for _, a := range r.actions {
			add(a)
		}
		for _, ch := range r.children {
			addRsc(ch)
		}
	}
	for _, r := range c.resources {
		addRsc(r)
	}
	for i := len(c.actions) - 1; i >= 0; i-- {
		add(c.actions[i])
	}
	var g Graph
	g.Actions = make([]GraphAction, 0, len(order))
	seen := make([]int, c.nextAction) // stamp: index of the action that last saw an input
	for i := range seen {
		seen[i] = -1
	}
	for ai, a := range order {
		ga := GraphAction{ID: a.id, Key: graphKey(a), Task: a.task, Interval: a.interval, TargetRC: a.targetRC,
			FenceAction: a.fenceAction, CancelTask: a.cancelTask}
		switch {
		case a.is(aPseudo):
			ga.Kind = PseudoAction
			if a.rsc != nil && a.rsc.cloneName != "" && a.task != "notify" {
				// the graph names an instance by its history id
				ga.Key = opKey(a.rsc.cloneName, a.task, a.interval)
			}
		case a.task == "stonith":
			ga.Kind = FenceAction
		case a.task == "do_shutdown" || a.task == "clear_failcount" || a.task == "probe_nodes":
			ga.Kind = ClusterAction
		}
		if a.node != nil {
			ga.Node, ga.NodeID = a.node.name, a.node.id
		}
		if a.migrateSource != nil && a.migrateTarget != nil {
			ga.MigrateSource, ga.MigrateTarget = a.migrateSource.name, a.migrateTarget.name
		}
		if a.rsc != nil {
			ga.Resource = c.graphName(a.rsc)
			ga.Class, ga.Provider, ga.Agent = a.rsc.class, a.rsc.provider, a.rsc.agent
			ga.Priority = a.rsc.priority
			if a.rsc.kind == kindPrimitive && ga.Kind == ResourceAction && a.node != nil {
				task := a.task
				if task == "cancel" {
					task = a.cancelTask
				}
				ga.Params = c.graphParams(a.rsc, task, a.interval, a.node)
			}
		}
		if ga.Kind == ClusterAction && a.rsc != nil {
			// crm_simulate names the resource of a cluster action by the
			// id the transition gives it, without looking the id up.
			ga.Resource = xmlName(a.rsc)
		}
		if a.priority > ga.Priority {
			ga.Priority = a.priority
		}
		for i := len(a.before) - 1; i >= 0; i-- {
			l := a.before[i]
			if seen[l.action.id] == ai || !c.inputInGraph(a, l, added) {
				continue
			}
			seen[l.action.id] = ai
			ga.Inputs = append(ga.Inputs, l.action.id)
		}
		sort.Ints(ga.Inputs)
		g.Actions = append(g.Actions, ga)
	}
	breakCycles(&g)
	return g
}

// breakCycles drops the input edges that close a loop. Ordering
// constraints that contradict each other would otherwise leave a
// transition that can never complete; Pacemaker does not guard against
// that, we prefer a graph that finishes. The walk is deterministic.
func breakCycles(g *Graph) {
	idx := make(map[int]int, len(g.Actions))
	for i, a := range g.Actions {
		idx[a.ID] = i
	}
	state := make([]uint8, len(g.Actions)) // 0 new, 1 on stack, 2 done
	type frame struct{ i, next int }
	for root := range g.Actions {
		if state[root] != 0 {
			continue
		}
		stack := []frame{{root, 0}}
		state[root] = 1
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			a := &g.Actions[top.i]
			if top.next >= len(a.Inputs) {
				state[top.i] = 2
				stack = stack[:len(stack)-1]
				continue
			}
			in := a.Inputs[top.next]
			j, ok := idx[in]
			if !ok {
				top.next++
				continue
			}
			switch state[j] {
			case 1:
				a.Inputs = append(a.Inputs[:top.next], a.Inputs[top.next+1:]...)
			case 2:
				top.next++
			default:
				top.next++
				state[j] = 1
				stack = append(stack, frame{j, 0})
			}
		}
	}
}

// graphName is the resource name a transition uses for an action, as
// crm_simulate resolves it: anonymous clone instances go by their
// configured id when some instance was recorded under it, else by their
// instance id (or the history name they were matched from).
func (c *cluster) graphName(r *resource) string {
	if r.cloneBase == "" {
		return r.id
	}
	if r.has(fOrphan) && r.cloneName != "" {
		return r.cloneName
	}
	if r.has(fUnique) {
		return r.id
	}
	if c.renamed[r.cloneBase] || c.rscByID[r.cloneBase] != nil {
		return r.cloneBase
	}
	if r.cloneName != "" && r.cloneName != r.cloneBase {
		return r.cloneName
	}
	return r.id
}

// xmlName is the id a transition gives a resource (action2xml): an
// orphan's history name, an anonymous instance's configured id, or the
// resource's own id.
func xmlName(r *resource) string {
	switch {
	case r.cloneBase == "":
		return r.id
	case r.has(fOrphan) && r.cloneName != "":
		return r.cloneName
	case !r.has(fUnique):
		return r.cloneBase
	}
	return r.id
}

// graphKey is the operation key the transition uses for an action: an
// instance known under another name in its history is addressed by that
// name (action2xml).
func graphKey(a *action) string {
	if a.rsc == nil || a.rsc.cloneName == "" {
		return a.key
	}
	name := a.rsc.cloneName
	switch {
	case a.task == "notify":
		for _, typ := range []string{"_pre_notify_", "_post_notify_"} {
			if i := strings.LastIndex(a.key, typ); i >= 0 {
				return name + a.key[i:]
			}
		}
	case a.task == "cancel":
		return opKey(name, a.cancelTask, a.interval)
	}
	return opKey(name, a.task, a.interval)
}

type paramKey struct {
	r        *resource
	task     string
	interval int
}

// graphParams returns the digest parameters of an action; when they do
// not depend on the node they are computed once per resource and
// operation and shared (GraphAction.Params must be treated as read-only).
func (c *cluster) graphParams(r *resource, task string, interval int, n *node) map[string]string {
	if setsHaveRules(r.prim.Params) {
		return c.digestParams(r, task, interval, n)
	}
	k := paramKey{r, task, interval}
	if c.graphParamCache == nil {
		c.graphParamCache = map[paramKey]map[string]string{}
	}
	if p, ok := c.graphParamCache[k]; ok {
		return p
	}
	p := c.digestParams(r, task, interval, n)
	c.graphParamCache[k] = p
	return p
}
