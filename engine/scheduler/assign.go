package scheduler

// nodeTable is a resource's node scores during assignment: a score per node
// index plus whether the node is in the table at all.
type nodeTable struct {
	score []Score
	set   []bool
}

func (r *resource) table() nodeTable { return nodeTable{r.allowed, r.allowedSet} }

func (t nodeTable) clone() nodeTable {
	return nodeTable{append([]Score(nil), t.score...), append([]bool(nil), t.set...)}
}

// sortNodes orders candidate nodes for a resource (pcmk__sort_nodes):
// score, then (balanced) free capacity, then fewest assigned resources,
// then the preferred node, then name.
func (c *cluster) sortNodes(cands []int, scores []Score, preferred *node) []int {
	cmp := func(a, b int) int {
		na, nb := c.nodes[a], c.nodes[b]
		wa, wb := scores[a], scores[b]
		if !na.available() {
			wa = negInf
		}
		if !nb.available() {
			wb = negInf
		}
		if wa > wb {
			return -1
		}
		if wa < wb {
			return 1
		}
		if c.placementStrategy == "minimal" {
			return naturalCmpStr(na.name, nb.name)
		}
		if c.placementStrategy == "balanced" {
			if r := compareCapacity(na, nb); r != 0 {
				return r
			}
		}
		if na.numResources < nb.numResources {
			return -1
		}
		if na.numResources > nb.numResources {
			return 1
		}
		if preferred != nil {
			if na == preferred {
				return -1
			}
			if nb == preferred {
				return 1
			}
		}
		return naturalCmpStr(na.name, nb.name)
	}
	return glibSort(cands, cmp)
}

func naturalCmpStr(a, b string) int {
	// strcmp, as Pacemaker uses for the final tie-break
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// sortByPriority orders top-level resources by priority, keeping the
// configuration order otherwise (Pacemaker 2.1.5's sort_rsc_priority).
func (c *cluster) sortByPriority() {
	c.resources = glibSort(c.resources, func(a, b *resource) int {
		switch {
		case a.priority > b.priority:
			return -1
		case a.priority < b.priority:
			return 1
		}
		return 0
	})
}

// sortResources orders top-level resources for assignment: priority, then
// score on the current node, then best score on any node.
func (c *cluster) sortResources() {
	nodesIdx := make([]int, len(c.nodes))
	base := make([]Score, len(c.nodes))
	for i, n := range c.nodes {
		nodesIdx[i] = i
		base[i] = n.weight
	}
	order := c.sortNodes(nodesIdx, base, nil)
	weights := map[*resource]nodeTable{}
	get := func(r *resource) nodeTable {
		if t, ok := weights[r]; ok {
			return t
		}
		t := c.mergeWeights(r, r.id, nodeTable{}, "", 1, true, true, false)
		weights[r] = t
		return t
	}
	cmp := func(a, b *resource) int {
		if a.priority > b.priority {
			return -1
		}
		if a.priority < b.priority {
			return 1
		}
		ta, tb := get(a), get(b)
		wa, wb := negInf, negInf
		if n := a.currentNode(); n != nil && a.isRunning() && ta.set[n.idx] {
			wa = ta.score[n.idx]
		}
		if n := b.currentNode(); n != nil && b.isRunning() && tb.set[n.idx] {
			wb = tb.score[n.idx]
		}
		if wa > wb {
			return -1
		}
		if wa < wb {
			return 1
		}
		for _, i := range order {
			wa, wb = negInf, negInf
			if ta.set[i] {
				wa = ta.score[i]
			}
			if tb.set[i] {
				wb = tb.score[i]
			}
			if wa > wb {
				return -1
			}
			if wa < wb {
				return 1
			}
		}
		return 0
	}
	c.resources = glibSort(c.resources, cmp)
}

func (c *cluster) allocateResources() {
	// Resources are already in priority order; only utilization-aware
	// placement strategies also sort by placement (as Pacemaker 2.1.5).
	if c.placementStrategy != "default" {
		c.sortResources()
	}
	if c.haveRemote {
		// remote connections first: their nodes come online only once
		// they are assigned
		for _, r := range c.resources {
			if r.isRemoteConn {
				c.assign(r, nil)
			}
		}
	}
	for _, r := range c.resources {
		if !r.isRemoteConn {
			c.assign(r, nil)
		}
	}
}

func (c *cluster) assign(r *resource, prefer *node) *node {
	switch r.kind {
	case kindGroup:
		return c.assignGroup(r, prefer)
	case kindClone:
		return c.assignClone(r, prefer)
	}
	return c.assignPrimitive(r, prefer)
}

func (c *cluster) assignGroup(r *resource, prefer *node) *node {
	if !r.has(fProvisional) {
		return r.allocatedTo
	}
	if r.has(fAllocating) {
		return nil
	}
	if len(r.children) == 0 {
		r.clear(fProvisional)
		return nil
	}
	r.set(fAllocating)
	first := r.children[0]
	r.role = first.role
	c.expandGroupColocations(r)
	c.traceTable(r, "pcmk__group_assign", true)
	var groupNode *node
	for _, ch := range r.children {
		n := c.assign(ch, prefer)
		if groupNode == nil {
			groupNode = n
		}
	}
	r.nextRole = first.nextRole
	r.clear(fAllocating | fProvisional)
	if !r.groupColocated {
		return nil
	}
	r.allocatedTo = groupNode
	return groupNode
}

func (c *cluster) expandGroupColocations(r *resource) {
	first := r.children[0]
	first.thisWith = append(first.thisWith, r.thisWith...)
	anyUnmanaged := !first.has(fManaged)
	for _, m := range r.children[1:] {
		if anyUnmanaged {
			for _, co := range r.thisWith {
				if co.score == inf {
					m.thisWith = append([]*colocation{co}, m.thisWith...)
				}
			}
		} else if !m.has(fManaged) {
			anyUnmanaged = true
		}
	}
	r.thisWith = nil
	last := r.children[len(r.children)-1]
	last.withThis = append(last.withThis, r.withThis...)
	r.withThis = nil
}

func (c *cluster) assignPrimitive(r *resource, prefer *node) *node {
	if r.parent != nil && !r.parent.has(fAllocating) {
		c.assign(r.parent, prefer)
	}
	if !r.has(fProvisional) {
		return r.allocatedTo
	}
	if r.has(fAllocating) {
		return nil
	}
	r.set(fAllocating)
	c.traceScores(r, "pre")
	for _, co := range r.thisWith {
		var archive nodeTable
		keep := co.dependentRole >= RolePromoted || (co.score < 0 && co.score > negInf)
		if keep {
			archive = r.table().clone()
		}
		c.assign(co.primary, nil)
		c.applyColocationAsDependent(r, co.primary, co)
		if keep && !c.anyAvailable(r.table()) {
			r.allowed, r.allowedSet = archive.score, archive.set
		}
	}
	for _, co := range r.withThis {
		if !co.influence && co.primary.isRunning() {
			continue
		}
		t := c.mergeWeights(co.dependent, r.id, r.table(), co.nodeAttr, float64(co.score)/float64(inf), false, false, true)
		r.allowed, r.allowedSet = t.score, t.set
	}
	if r.nextRole == RoleStopped {
		c.why("target-role", "stopped")
		c.resourceLocation(r, nil, negInf)
	} else if r.nextRole > r.role && !c.haveQuorum && c.noQuorumPolicy == nqFreeze {
		r.nextRole = r.role
	}
	c.traceScores(r, "final")
	if c.stonithEnabled && !c.haveStonithRsc {
		r.clear(fManaged)
	}
	switch {
	case !r.has(fManaged):
		r.nextRole = r.role
		c.finalizeAssignment(r, r.currentNode(), true)
	case c.stopEverything:
		c.finalizeAssignment(r, nil, true)
	case r.has(fProvisional) && c.assignBestNode(r, prefer):
	}
	r.clear(fAllocating)
	if r.isRemoteConn {
		c.remoteConnectionAssigned(r)
	}
	return r.allocatedTo
}

func (c *cluster) anyAvailable(t nodeTable) bool {
	for i, ok := range t.set {
		if ok && t.score[i] >= 0 && c.nodes[i].available() {
			return true
		}
	}
	return false
}

func (c *cluster) assignBestNode(r *resource, prefer *node) bool {
	c.banInsufficientCapacity(r, &prefer)
	if !r.has(fProvisional) {
		return r.allocatedTo != nil
	}
	var cands []int
	for i, ok := range r.allowedSet {
		if ok {
			cands = append(cands, i)
		}
	}
	var chosen *node
	if len(cands) > 0 {
		cands = c.sortNodes(cands, r.allowed, r.currentNode())
		best := cands[0]
		if prefer != nil && r.allowedSet[prefer.idx] {
			if r.allowed[prefer.idx] >= r.allowed[best] && prefer.available() && r.allowed[prefer.idx] >= 0 {
				chosen = prefer
			}
		}
		if chosen == nil {
			chosen = c.nodes[best]
			uniqueClone := r.parent != nil && r.parent.kind == kindClone && r.parent.has(fUnique)
			if !uniqueClone && r.allowed[best] > 0 && chosen.available() {
				running := r.currentNode()
				if running != nil && running.available() && r.allowedSet[running.idx] && r.allowed[running.idx] >= 0 {
					for _, i := range cands[1:] {
						if r.allowed[i] != r.allowed[best] {
							break
						}
						if c.nodes[i] == running {
							chosen = running
						}
					}
				} else if running != nil && running.available() && !r.allowedSet[running.idx] {
					_ = running
				}
			}
		}
	}
	return c.finalizeAssignment(r, chosen, false)
}

func (c *cluster) finalizeAssignment(r *resource, chosen *node, force bool) bool {
	if !force && chosen != nil {
		if r.allowed[chosen.idx] < 0 || !chosen.available() {
			r.nextRole = RoleStopped
			chosen = nil
		}
	}
	r.allocatedTo = nil
	r.clear(fProvisional)
	if chosen == nil {
		r.nextRole = RoleStopped
		for _, a := range r.actions {
			switch a.task {
			case "stop":
				a.clear(aOptional)
			case "start":
				a.clear(aRunnable)
			default:
				if a.interval != 0 && a.targetRC != ocfNotRunning {
					a.clear(aRunnable)
				}
			}
		}
		return false
	}
	r.allocatedTo = chosen
	r.allocScore = r.allowed[chosen.idx]
	chosen.numResources++
	c.consumeCapacity(chosen, r)
	return true
}

const (
	affectsNothing = iota
	affectsLocation
	affectsRole
)

// assignTree is pcmk__assign_resource: assign a resource and its members
// to a node (nil: nowhere).
func (c *cluster) assignTree(r *resource, n *node, force bool) {
	if len(r.children) == 0 {
		if r.kind == kindPrimitive {
			c.unassign(r)
			c.finalizeAssignment(r, n, force)
		}
		return
	}
	for _, ch := range r.children {
		c.assignTree(ch, n, force)
	}
}
