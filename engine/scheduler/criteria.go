package scheduler

// applyNodeCriteria applies locations, stickiness and migration thresholds.
func (c *cluster) applyNodeCriteria() {
	c.applyNodeHealth()
	for _, l := range c.locations {
		c.applyLocation(l.rsc, l)
	}
	for _, r := range c.resources {
		c.applyStickiness(r)
	}
	for _, n := range c.nodes {
		for _, r := range c.resources {
			c.checkFailureThreshold(r, n)
			c.applyExclusiveDiscovery(r, r.has(fExclusiveDiscover), n)
		}
	}
}

func (c *cluster) applyLocation(r *resource, l *location) {
	switch r.kind {
	case kindGroup:
		c.applyLocationOne(r, l, false)
		zero := false
		for _, ch := range r.children {
			c.applyLocationOne(ch, l, zero)
			if r.groupColocated {
				zero = true
			}
		}
	case kindClone:
		c.applyLocationOne(r, l, false)
		for _, ch := range r.children {
			c.applyLocation(ch, l)
		}
	default:
		c.applyLocationOne(r, l, false)
	}
}

func (c *cluster) applyLocationOne(r *resource, l *location, zero bool) {
	if l.role != RoleUnknown && l.role != r.nextRole {
		return
	}
	for _, ns := range l.nodes {
		i := ns.node.idx
		s := ns.score
		if zero {
			s = 0
		}
		if !r.allowedSet[i] {
			r.allowedSet[i] = true
			r.allowed[i] = s
		} else {
			r.allowed[i] = add(r.allowed[i], s)
		}
		c.traceContribution(r, ns.node, "location", l.id, s)
		if r.discover[i] < l.discover {
			if l.discover == discoverExclusive {
				r.set(fExclusiveDiscover)
			}
			r.discover[i] = l.discover
		}
	}
}

func (c *cluster) applyStickiness(r *resource) {
	if len(r.children) > 0 {
		for _, ch := range r.children {
			c.applyStickiness(ch)
		}
		return
	}
	if !r.has(fManaged) || r.stickiness < 1 || len(r.runningOn) != 1 {
		return
	}
	n := r.runningOn[0]
	if !c.symmetric && !r.allowedSet[n.idx] {
		return
	}
	c.why("stickiness", "resource-stickiness")
	c.resourceLocation(r, n, r.stickiness)
}

func (c *cluster) checkFailureThreshold(r *resource, n *node) {
	if len(r.children) > 0 {
		for _, ch := range r.children {
			c.checkFailureThreshold(ch, n)
		}
		return
	}
	if !r.has(fManaged) {
		return
	}
	if ban := c.thresholdReached(r, n); ban != nil {
		c.why("failure", "migration-threshold reached")
		c.resourceLocation(ban, n, negInf)
	}
}

func (c *cluster) thresholdReached(r *resource, n *node) *resource {
	if r.has(fFailureIgnored) || r.migrationThreshold == 0 {
		return nil
	}
	fc, _ := c.failCount(r, n, true)
	if fc <= 0 {
		return nil
	}
	ban := r
	if !r.has(fUnique) {
		ban = r.top()
	}
	if r.migrationThreshold-fc <= 0 {
		return ban
	}
	return nil
}

// applyExclusiveDiscovery bans a resource with exclusive discovery from
// the nodes it may run on but was not given by an exclusive location
// (apply_exclusive_discovery).
func (c *cluster) applyExclusiveDiscovery(r *resource, topExclusive bool, n *node) {
	if !r.has(fExclusiveDiscover) && !topExclusive {
		return
	}
	for _, ch := range r.children {
		c.applyExclusiveDiscovery(ch, topExclusive, n)
	}
	if r.allowedSet[n.idx] && r.discover[n.idx] != discoverExclusive {
		r.allowed[n.idx] = negInf
	}
}
