package scheduler

// scheduleFencing fences unclean nodes (when possible) and shuts down nodes
// that asked to leave, ordering non-DC actions before the DC's.
func (c *cluster) scheduleFencing() {
	haveManaged := false
	for _, r := range c.allRsc {
		if r.kind == kindPrimitive && r.has(fManaged) {
			haveManaged = true
			break
		}
	}
	var dcDown *action
	var fencing, shutdowns []*action
	for _, n := range c.nodes {
		if n.isGuest() {
			// guest nodes are "fenced" by recovering their container
			if n.remoteReset && haveManaged && c.canFence(n) {
				c.fenceGuest(n)
			}
			continue
		}
		var f *action
		if haveManaged && n.unclean && c.canFence(n) {
			f = c.fenceOp(n, "", false, "node is unclean")
			c.orderVsFence(f)
			if n.isDC {
				dcDown = f
			} else {
				if !c.concurrentFencing && len(fencing) > 0 {
					orderActions(fencing[0], f, oOptional)
				}
				fencing = append([]*action{f}, fencing...)
			}
		} else if n.online && n.shutdown && !n.isRemote() {
			down := c.shutdownAction(n)
			if n.isDC {
				dcDown = down
			} else {
				shutdowns = append([]*action{down}, shutdowns...)
			}
		}
	}
	if dcDown != nil {
		if dcDown.task == "do_shutdown" {
			for _, s := range shutdowns {
				orderActions(s, dcDown, oOptional)
			}
		}
		if c.concurrentFencing {
			for _, f := range fencing {
				orderActions(f, dcDown, oOptional)
			}
		} else if len(fencing) > 0 {
			orderActions(fencing[0], dcDown, oOptional)
		}
	}
}

func (c *cluster) shutdownAction(n *node) *action {
	a := c.customAction(nil, "do_shutdown-"+n.name, "do_shutdown", n, false, true)
	// order every stop on the node before the shutdown
	for i := len(c.actions) - 1; i >= 0; i-- {
		x := c.actions[i]
		if x.rsc == nil || x.node != n || x.task != "stop" {
			continue
		}
		if x.rsc.has(fMaintenance) || n.maintenance {
			continue
		}
		if !x.rsc.has(fManaged) && !x.rsc.has(fBlock) {
			continue
		}
		x.clear(aOptional)
		c.newOrdering(x.rsc, "", x, nil, "do_shutdown", a, oOptional|oRunnableLeft)
	}
	return a
}

func (c *cluster) orderVsFence(f *action) {
	for _, r := range c.resources {
		c.rscFenceOrdering(r, f)
	}
}

func (c *cluster) rscFenceOrdering(r *resource, f *action) {
	if len(r.children) > 0 {
		for _, ch := range r.children {
			c.rscFenceOrdering(ch, f)
		}
		return
	}
	if !r.has(fManaged) {
		return
	}
	target := f.node
	// starts after fencing
	for _, a := range r.actions {
		switch a.needs {
		case needsFencing:
			orderActions(f, a, oOptional)
		case needsQuorum:
			if a.task == "start" && r.allowedSet[target.idx] && !r.knownOn[target.idx] {
				orderActions(f, a, oOptional|oRunnableLeft)
			}
		}
	}
	// stops on the target are implied by the fencing
	stops := rscActions(r, target, "stop", false)
	implicit := r.has(fNeedsFencing)
	var parentStop *action
	if len(stops) > 0 && implicit {
		parentStop = findFirstAction(r.top().actions, "", "stop", nil)
	}
	for _, s := range stops {
		s.set(aPseudo | aRunnable)
		if implicit {
			s.set(aImpliedByStonith)
			orderActions(f, s, oPreserve)
			if parentStop != nil {
				orderActions(f, parentStop, oPreserve)
			}
		}
	}
	for _, d := range rscActions(r, target, "demote", false) {
		if !d.node.online || d.node.unclean || r.has(fFailed) {
			d.set(aPseudo | aRunnable)
			if implicit {
				orderActions(f, d, oPreserve|oOptional)
			}
		}
	}
}
