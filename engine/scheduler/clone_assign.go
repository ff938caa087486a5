package scheduler

// assignClone distributes a clone's instances over the nodes
// (pcmk__clone_allocate and distribute_children).
func (c *cluster) assignClone(r *resource, prefer *node) *node {
	if !r.has(fProvisional) || r.has(fAllocating) {
		return nil
	}
	if r.has(fPromotable) {
		c.addPromotionScores(r)
	}
	r.set(fAllocating)
	for _, co := range r.thisWith {
		c.assign(co.primary, prefer)
	}
	for _, co := range r.withThis {
		if !co.influence && co.primary.isRunning() {
			continue
		}
		t := c.mergeWeightsOpt(co.dependent, r.id, r.table(), co.nodeAttr, float64(co.score)/float64(inf), false, false, true, true)
		r.allowed, r.allowedSet = t.score, t.set
	}
	c.traceTable(r, "pcmk__clone_allocate", true)
	var cands []int
	for i, ok := range r.allowedSet {
		if ok {
			cands = append(cands, i)
		}
	}
	cands = c.sortNodes(cands, r.allowed, nil)
	r.children = glibSort(r.children, c.cmpInstance)
	c.distributeChildren(r, cands)
	if r.has(fPromotable) {
		c.setInstanceRoles(r)
	}
	r.clear(fProvisional | fAllocating)
	return nil
}

func (c *cluster) distributeChildren(r *resource, nodes []int) {
	r.count = make([]int, len(c.nodes))
	available := 0
	for _, i := range nodes {
		if c.nodes[i].available() {
			available++
		}
	}
	max := r.cloneMax
	allColoc := max < available
	loopMax := 1
	if available > 0 && max/available > 1 {
		loopMax = max / available
	}
	allocated := 0
	for _, ch := range r.children {
		if allocated >= max {
			break
		}
		cur := ch.currentNode()
		if cur == nil || !ch.has(fProvisional) || ch.has(fFailed) {
			continue
		}
		if !cur.available() || cur.weight < 0 {
			continue
		}
		if r.allowedSet[cur.idx] && r.count[cur.idx] >= loopMax {
			continue
		}
		if c.assignInstance(r, ch, cur, allColoc) != nil {
			allocated++
		}
	}
	for _, ch := range r.children {
		if !ch.has(fProvisional) {
			continue
		}
		if allocated >= max {
			c.resourceLocation(ch, nil, negInf)
			c.finalizeTree(ch)
			continue
		}
		if c.assignInstance(r, ch, nil, allColoc) != nil {
			allocated++
		}
	}
}

// finalizeTree assigns a banned instance (and its members) to nowhere.
func (c *cluster) finalizeTree(r *resource) {
	if r.kind != kindPrimitive {
		for _, ch := range r.children {
			c.finalizeTree(ch)
		}
		r.clear(fProvisional)
		return
	}
	if r.has(fProvisional) {
		c.finalizeAssignment(r, nil, true)
	}
}

func (c *cluster) assignInstance(clone, inst *resource, prefer *node, allColoc bool) *node {
	if !inst.has(fProvisional) {
		return inst.location()
	}
	if inst.has(fAllocating) {
		return nil
	}
	c.appendParentColocation(clone, inst, allColoc)
	if prefer != nil {
		if !inst.allowedSet[prefer.idx] || inst.allowed[prefer.idx] < 0 {
			return nil
		}
	}
	c.canRunInstance(clone, inst)
	backup := inst.table().clone()
	chosen := c.assign(inst, prefer)
	if chosen != nil && prefer != nil && chosen != prefer {
		inst.allowed, inst.allowedSet = backup.score, backup.set
		c.unassign(inst)
		chosen = nil
	}
	if chosen != nil {
		clone.count[chosen.idx]++
	}
	return chosen
}

func (c *cluster) unassign(r *resource) {
	if r.kind != kindPrimitive {
		for _, ch := range r.children {
			c.unassign(ch)
		}
		r.allocatedTo = nil
		r.set(fProvisional)
		return
	}
	if old := r.allocatedTo; old != nil {
		r.set(fProvisional)
		r.allocatedTo = nil
		old.numResources--
		for k, v := range r.utilization {
			old.capacity[k] += v
		}
	}
}

func (c *cluster) appendParentColocation(clone, inst *resource, all bool) {
	for _, co := range clone.thisWith {
		if all || co.score < 0 || co.score == inf {
			inst.thisWith = append([]*colocation{co}, inst.thisWith...)
		}
	}
	for _, co := range clone.withThis {
		if !co.influence && inst.isRunning() {
			continue
		}
		if all || co.score < 0 {
			inst.withThis = append([]*colocation{co}, inst.withThis...)
		}
	}
}

func (c *cluster) updateScore(r *resource, i int, s Score) {
	if r.allowedSet[i] {
		r.allowed[i] = add(r.allowed[i], s)
	}
	for _, ch := range r.children {
		c.updateScore(ch, i, s)
	}
}

// canRunInstance bans an instance from nodes where the clone cannot place
// another instance.
func (c *cluster) canRunInstance(clone, inst *resource) {
	for i, ok := range inst.allowedSet {
		if !ok {
			continue
		}
		n := c.nodes[i]
		switch {
		case !n.available() || inst.has(fOrphan):
			c.updateScore(inst, i, negInf)
		case !clone.allowedSet[i]:
			c.updateScore(inst, i, negInf)
		case clone.allowed[i] < 0:
			c.updateScore(inst, i, clone.allowed[i])
		case clone.count[i] < clone.cloneNodeMax:
		default:
			c.updateScore(inst, i, negInf)
		}
	}
}
