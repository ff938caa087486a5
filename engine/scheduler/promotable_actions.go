package scheduler

// createPromotableActions creates the clone's promote/promoted and
// demote/demoted pseudo-actions once the instances' actions exist, and
// gives the instances back the clone's priority (it was borrowed for
// promotion scores).
func (c *cluster) createPromotableActions(clone *resource) {
	promoting, demoting := false, false
	for _, inst := range clone.children {
		roleChanges(inst, &demoting, &promoting)
	}
	promote := c.rscPseudo(clone, "promote", !promoting, true)
	promoted := c.rscPseudo(clone, "promoted", !promoting, true)
	promoted.priority = int(inf)
	var cn *cloneNotify
	if clone.has(fNotify) {
		cn = c.notifyOf(clone)
		if cn.promote == nil {
			cn.promote = c.notifPseudoOps(clone, "promote", promote, promoted)
		}
	}
	demote := c.rscPseudo(clone, "demote", !demoting, true)
	demoted := c.rscPseudo(clone, "demoted", !demoting, true)
	demoted.priority = int(inf)
	if cn != nil && cn.demote == nil {
		cn.demote = c.notifPseudoOps(clone, "demote", demote, demoted)
		if cn.promote != nil && cn.start != nil && cn.stop != nil {
			orderActions(cn.stop.postDone, cn.promote.pre, oOptional)
			orderActions(cn.start.postDone, cn.promote.pre, oOptional)
			orderActions(cn.demote.postDone, cn.promote.pre, oOptional)
			orderActions(cn.demote.postDone, cn.start.pre, oOptional)
			orderActions(cn.demote.postDone, cn.stop.pre, oOptional)
		}
	}
	for _, inst := range clone.children {
		inst.priority = clone.priority
	}
}

// roleChanges reports whether an instance (or a cloned group's member)
// has a mandatory demote or promote.
func roleChanges(r *resource, demoting, promoting *bool) {
	if len(r.children) > 0 {
		for _, ch := range r.children {
			roleChanges(ch, demoting, promoting)
		}
		return
	}
	for _, a := range r.actions {
		if *promoting && *demoting {
			return
		}
		if a.is(aOptional) {
			continue
		}
		switch a.task {
		case "demote":
			*demoting = true
		case "promote":
			*promoting = true
		}
	}
}

// orderPromotableInstances adds the promotable clone's internal orderings
// (pcmk__order_promotable_instances).
func (c *cluster) orderPromotableInstances(clone *resource) {
	c.promotableRestartOrdering(clone)
	var last *resource
	for _, inst := range clone.children {
		c.orderRscActions(inst, "demote", inst, "promote", oOptional)
		c.orderRscActions(clone, "promote", inst, "promote", oOptional)
		c.orderRscActions(inst, "promote", clone, "promoted", oOptional)
		if last != nil && clone.ordered {
			c.orderRscActions(last, "promote", inst, "promote", oOptional)
		}
		c.orderRscActions(clone, "demote", inst, "demote", oImpliesFirstPrinted)
		c.orderRscActions(inst, "demote", clone, "demoted", oImpliesThenPrinted)
		if last != nil && clone.ordered {
			c.orderRscActions(inst, "demote", last, "demote", oOptional)
		}
		last = inst
	}
}

// promotableRestartOrdering orders a promotable clone's (or bundle's)
// collective actions for restarts.
func (c *cluster) promotableRestartOrdering(r *resource) {
	c.orderRscActions(r, "stopped", r, "start", oOptional)
	c.orderRscActions(r, "stopped", r, "promote", oOptional)
	c.orderRscActions(r, "demoted", r, "stop", oOptional)
	c.orderRscActions(r, "demoted", r, "start", oOptional)
	c.orderRscActions(r, "demoted", r, "promote", oOptional)
	c.orderRscActions(r, "running", r, "promote", oOptional)
	c.orderRscActions(r, "demote", r, "demoted", oOptional)
}
