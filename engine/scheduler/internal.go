package scheduler

import "sort"

// internalConstraints creates the orderings and colocations every resource
// implies (stop before start, group member chains, ...).
func (c *cluster) internalConstraints(r *resource) {
	switch r.kind {
	case kindGroup:
		c.groupInternalConstraints(r)
	case kindClone:
		c.cloneInternalConstraints(r)
	default:
		c.primitiveInternalConstraints(r)
	}
}

func (c *cluster) primitiveInternalConstraints(r *resource) {
	if !r.has(fManaged) {
		return
	}
	top := r.top()
	c.newOrdering(r, r.key("stop"), nil, r, r.key("start"), nil, oOptional|oImpliesThen|oRestart)
	if top.has(fPromotable) || r.role > RoleUnpromoted {
		c.newOrdering(r, r.key("demote"), nil, r, r.key("stop"), nil, oPromotedImpliesFirst)
		c.newOrdering(r, r.key("start"), nil, r, r.key("promote"), nil, oRunnableLeft)
	}
	c.newOrdering(r, r.key("delete"), nil, r, r.key("monitor"), nil, oSameNode|oThenCancelsFirst)
	if len(r.utilization) > 0 && c.placementStrategy != "default" {
		c.utilizationConstraints(r)
	}
	c.remoteInternalConstraints(r)
}

// utilizationConstraints orders stops of resources on a node before the
// start of this one there (load orderings).
func (c *cluster) utilizationConstraints(r *resource) {
	for _, n := range r.runningOn {
		load := c.loadStopped(n)
		c.newOrdering(r, r.key("stop"), nil, nil, "", load, oLoad)
	}
	idx := []int{}
	for i, ok := range r.allowedSet {
		if ok {
			idx = append(idx, i)
		}
	}
	sort.Slice(idx, func(a, b int) bool { return c.nodes[idx[a]].name < c.nodes[idx[b]].name })
	for _, i := range idx {
		load := c.loadStopped(c.nodes[i])
		c.newOrdering(nil, "", load, r, r.key("start"), nil, oLoad)
		c.newOrdering(nil, "", load, r, r.key("migrate_to"), nil, oLoad)
	}
}

func (c *cluster) loadStopped(n *node) *action {
	a := c.pseudoOp("load_stopped_" + n.name)
	if a.node == nil {
		a.node = n
		a.clear(aOptional)
	}
	return a
}

func (c *cluster) groupInternalConstraints(r *resource) {
	top := r.top()
	promotable := top.has(fPromotable)
	c.orderRscActions(r, "stopped", r, "start", oOptional)
	c.orderRscActions(r, "start", r, "running", oRunnableLeft)
	c.orderRscActions(r, "stop", r, "stopped", oRunnableLeft)
	var last, lastActive *resource
	for _, ch := range r.children {
		stop := oNone
		stopped := oImpliesThenPrinted
		start := oImpliesThen | oRunnableLeft
		started := oRunnableLeft | oImpliesThen | oImpliesThenPrinted
		c.internalConstraints(ch)
		if last == nil {
			if r.groupOrdered {
				stop |= oOptional
				stopped = oImpliesThen
			}
		} else if r.groupColocated {
			c.newColocation("group:internal_colocation", inf, ch, last, RoleUnknown, RoleUnknown, "", ch.has(fCritical))
		}
		if promotable {
			c.orderRscActions(r, "demote", ch, "demote", stop|oImpliesFirstPrinted)
			c.orderRscActions(ch, "demote", r, "demoted", stopped)
			c.orderRscActions(ch, "promote", r, "promoted", started)
			c.orderRscActions(r, "promote", ch, "promote", oImpliesFirstPrinted)
		}
		c.orderRscActions(r, "start", ch, "start", oImpliesFirstPrinted)
		c.orderRscActions(r, "stop", ch, "stop", stop|oImpliesFirstPrinted)
		c.orderRscActions(ch, "stop", r, "stopped", stopped)
		c.orderRscActions(ch, "start", r, "running", started)
		switch {
		case !r.groupOrdered:
			c.orderRscActions(r, "start", ch, "start", start|oImpliesFirstPrinted)
			if promotable {
				c.orderRscActions(r, "promote", ch, "promote", start|oImpliesFirstPrinted)
			}
		case last != nil:
			c.orderRscActions(last, "start", ch, "start", start)
			c.orderRscActions(ch, "stop", last, "stop", oOptional|oRestart)
			if promotable {
				c.orderRscActions(last, "promote", ch, "promote", start)
				c.orderRscActions(ch, "demote", last, "demote", oOptional)
			}
		}
		if len(ch.runningOn) > 0 {
			if r.groupOrdered && last != nil && len(last.runningOn) == 0 && lastActive != nil && len(lastActive.runningOn) > 0 {
				c.orderRscActions(ch, "stop", lastActive, "stop", oOptional)
			}
			lastActive = ch
		}
		last = ch
	}
	if r.groupOrdered && last != nil {
		c.orderRscActions(r, "stop", last, "stop", oImpliesThen)
		c.orderRscActions(last, "stop", r, "stopped", oOptional)
		if promotable {
			c.orderRscActions(r, "demote", last, "demote", oImpliesThen)
			c.orderRscActions(last, "demote", r, "demoted", oOptional)
		}
	}
}
