package scheduler

import "gocrm/cib"

// createActions creates every action a resource needs.
func (c *cluster) createActions(r *resource) {
	switch r.kind {
	case kindGroup:
		for _, ch := range r.children {
			c.createActions(ch)
		}
		c.rscPseudo(r, "start", true, true)
		c.rscPseudo(r, "running", true, true)
		c.rscPseudo(r, "stop", true, true)
		c.rscPseudo(r, "stopped", true, true)
		// Members of a promotable clone's group inherit promotable=true
		// (a legacy <master> is upgraded to a clone with that meta).
		if cib.IsTrue(r.meta["promotable"]) || r.top().has(fPromotable) {
			c.rscPseudo(r, "demote", true, true)
			c.rscPseudo(r, "demoted", true, true)
			c.rscPseudo(r, "promote", true, true)
			c.rscPseudo(r, "promoted", true, true)
		}
	case kindClone:
		c.createCloneActions(r)
	default:
		c.createPrimitiveActions(r)
	}
}

// activeOn is pe__find_active_on: the node a resource counts as active on
// (for resources that do not need fencing, the first clean node), with the
// number of nodes it is active on and how many of those are clean.
func (c *cluster) activeOn(r *resource) (current *node, all, clean int) {
	for _, n := range r.runningOn {
		happy := n.online && !n.unclean
		all++
		if happy {
			clean++
		}
		if r.partialSource != nil {
			if n == r.partialSource {
				current = n
			}
		} else if !r.has(fNeedsFencing) {
			if happy && (current == nil || !current.online || current.unclean) {
				current = n
			}
		}
		if current == nil {
			current = n
		}
	}
	return current, all, clean
}

func (c *cluster) createPrimitiveActions(r *resource) {
	if r.nextRole == RoleUnknown {
		if r.allocatedTo == nil {
			r.nextRole = RoleStopped
		} else {
			r.nextRole = RoleStarted
		}
	}
	current, all, clean := c.activeOn(r)
	for _, n := range r.dangling {
		c.abortDanglingMigration(r, n)
	}
	needStop, needPromote, moving, migrate := false, false, false, false
	if current != nil && r.allocatedTo != nil && current != r.allocatedTo && r.nextRole >= RoleStarted {
		moving = true
		migrate = c.canMigrate(r, current)
		needStop = true
	}
	multiply := false
	switch {
	case r.partialSource != nil && r.partialTarget != nil && migrate && all == 2 &&
		current == r.partialSource && r.allocatedTo == r.partialTarget:
		// the partial migration continues
	case r.partialSource != nil || r.partialTarget != nil:
		// a partial migration that cannot continue: recover
		needStop = true
		r.partialSource, r.partialTarget = nil, nil
		migrate = false
	case r.has(fNeedsFencing):
		multiply = all > 1
	default:
		multiply = clean > 1
	}
	if multiply {
		switch r.recovery {
		case "stop_start":
			needStop = true
		case "stop_unexpected":
			needStop = true
			r.set(fStopUnexpected)
		}
	} else {
		r.clear(fStopUnexpected)
	}
	if r.has(fStartPending) && r.allocatedTo != nil {
		// create_pending_start
		c.startAction(r, r.allocatedTo, true).set(aPrintAlways)
	}
	switch {
	case moving:
	case r.has(fFailed):
		if r.has(fStop) {
			needStop = true
		} else if r.nextRole == RolePromoted {
			needPromote = true
		}
	case r.has(fBlock):
		needStop = true
	case r.role > RoleStarted && current != nil && r.allocatedTo != nil:
		start := c.startAction(r, r.allocatedTo, true)
		if !start.is(aOptional) {
			needStop = true
		}
	}
	c.scheduleRestartActions(r, current, needStop, needPromote)
	c.scheduleRoleTransitions(r)
	c.createRecurringActions(r)
	if migrate {
		c.createMigrationActions(r, current)
	}
}

// roleNext is Pacemaker's rsc_state_matrix: the next role on the way from
// one role to another.
func roleNext(from, to Role) Role {
	switch from {
	case RoleUnknown:
		return to
	case RoleStopped:
		switch to {
		case RoleUnknown, RoleStopped:
			return RoleStopped
		case RoleStarted:
			return RoleStarted
		default:
			return RoleUnpromoted
		}
	case RoleStarted:
		switch to {
		case RoleUnknown, RoleStopped:
			return RoleStopped
		case RoleStarted:
			return RoleStarted
		default:
			return RoleUnpromoted
		}
	case RoleUnpromoted:
		switch to {
		case RoleUnknown, RoleStopped:
			return RoleStopped
		case RoleStarted, RoleUnpromoted:
			return RoleUnpromoted
		default:
			return RolePromoted
		}
	case RolePromoted:
		switch to {
		case RoleUnknown, RoleStopped, RoleStarted, RoleUnpromoted:
			return RoleUnpromoted
		default:
			return RolePromoted
		}
	}
	return to
}

// transition applies one step of Pacemaker's rsc_action_matrix; it returns
// false when the step has no action (the "fn == NULL" case).
func (c *cluster) transition(r *resource, from, to Role, n *node, optional bool) bool {
	switch {
	case from == to:
		return false
	case to == RoleStopped && from != RoleUnknown:
		c.stopResource(r, optional)
	case from == RoleStopped && (to == RoleStarted || to == RoleUnpromoted):
		if n == nil {
			return false
		}
		c.startResource(r, n, optional)
	case from == RoleUnpromoted && to == RolePromoted:
		c.promoteResource(r, n, optional)
	case from == RolePromoted && to == RoleUnpromoted:
		c.demoteResource(r, optional)
	case from == RoleStarted && to == RoleUnpromoted, from == RoleUnpromoted && to == RoleStarted:
		return true
	default:
		return false
	}
	return true
}

func (c *cluster) scheduleRestartActions(r *resource, current *node, needStop, needPromote bool) {
	r.set(fRestarting)
	role := r.role
	for role != RoleStopped {
		next := roleNext(role, RoleStopped)
		if !c.transition(r, role, next, current, !needStop) {
			break
		}
		role = next
	}
	for r.role <= r.nextRole && role != r.role && !r.has(fBlock) {
		required := needStop
		next := roleNext(role, r.role)
		if next == RolePromoted && needPromote {
			required = true
		}
		if !c.transition(r, role, next, r.allocatedTo, !required) {
			break
		}
		role = next
	}
	r.clear(fRestarting)
}

func (c *cluster) scheduleRoleTransitions(r *resource) {
	role := r.role
	for role != r.nextRole {
		next := roleNext(role, r.nextRole)
		if !c.transition(r, role, next, r.allocatedTo, false) {
			break
		}
		role = next
	}
}

func (c *cluster) stopResource(r *resource, optional bool) {
	for _, cur := range r.runningOn {
		if r.has(fStopUnexpected) && cur == r.allocatedTo {
			continue
		}
		if r.partialTarget != nil {
			if cur == r.partialTarget && cur == r.allocatedTo {
				// the partial migration there continues
				continue
			}
			optional = false
		}
		stop := c.stopAction(r, cur, optional)
		if r.allocatedTo == nil {
			stop.setReason("node availability", true)
		} else if r.has(fRestarting) && r.has(fStopUnexpected) {
			stop.setReason("being multiply active", true)
		}
		if !r.has(fManaged) {
			stop.clear(aRunnable)
		}
	}
}

func (c *cluster) startResource(r *resource, n *node, optional bool) {
	start := c.startAction(r, n, true)
	if start.is(aRunnable) && !optional {
		start.clear(aOptional)
	}
	if r.has(fStopUnexpected) && r.currentNode() == n {
		// is_expected_node: the surviving instance stays where it is
		start.set(aPseudo)
	}
}

func (c *cluster) promoteResource(r *resource, n *node, optional bool) {
	runnable := true
	for _, a := range rscActions(r, n, "start", true) {
		if !a.is(aRunnable) {
			runnable = false
		}
	}
	p := c.promoteAction(r, n, optional)
	if !runnable {
		p.clear(aRunnable)
	}
}

func (c *cluster) demoteResource(r *resource, optional bool) {
	for _, cur := range r.runningOn {
		c.demoteAction(r, cur, optional)
	}
}

// createRecurringActions schedules the configured recurring monitors.
func (c *cluster) createRecurringActions(r *resource) {
	if r.has(fBlock) || r.has(fMaintenance) {
		return
	}
	var start *action
	switch {
	case r.allocatedTo == nil:
	case r.allocatedTo.maintenance:
	case r.nextRole != RoleStopped || !r.has(fManaged):
		start = c.startAction(r, r.allocatedTo, true)
	}
	// Like Pacemaker, a name and interval configured more than once is
	// ambiguous: none of its definitions is scheduled.
	defs := c.opDefs(r)
	count := map[string]int{}
	for _, d := range defs {
		if d.interval > 0 {
			count[opKey(r.id, d.name, d.interval)]++
		}
	}
	for _, d := range defs {
		if d.interval <= 0 || !d.enabled {
			continue
		}
		key := opKey(r.id, d.name, d.interval)
		if count[key] > 1 {
			continue
		}
		if start != nil {
			c.recurringForActive(r, start, r.allocatedTo, d, key)
		}
		c.recurringForInactive(r, r.allocatedTo, d, key)
	}
}

func (c *cluster) recurringForActive(r *resource, start *action, n *node, d *opDef, key string) {
	if d.role == RoleStopped {
		return
	}
	optional := c.activeRecurringOptional(r, n, key, start)
	if (d.role != RoleUnknown && r.nextRole != d.role) || (d.role == RoleUnknown && r.nextRole == RolePromoted) {
		if optional {
			cancel := c.cancelAction(r, d.name, d.interval, n)
			after := ""
			switch r.role {
			case RoleUnpromoted, RoleStarted:
				if r.nextRole == RolePromoted {
					after = r.key("promote")
				} else if r.nextRole == RoleStopped {
					after = r.key("stop")
				}
			case RolePromoted:
				after = r.key("demote")
			}
			if after != "" {
				c.newOrdering(r, "", cancel, r, after, nil, oRunnableLeft)
			}
		}
		return
	}
	mon := c.customAction(r, key, d.name, n, optional, true)
	mon.opDef = d
	switch {
	case !start.is(aRunnable):
		mon.clear(aRunnable)
	case n == nil || !n.online || n.unclean:
		mon.clear(aRunnable)
	}
	if r.nextRole == RolePromoted {
		mon.targetRC = ocfRunningPromoted
	}
	if n == nil || r.has(fManaged) {
		c.newOrdering(r, r.key("start"), nil, nil, "", mon, oImpliesThen|oRunnableLeft)
		c.newOrdering(r, r.key("reload-agent"), nil, nil, "", mon, oImpliesThen|oRunnableLeft)
		if r.nextRole == RolePromoted {
			c.newOrdering(r, r.key("promote"), nil, r, "", mon, oOptional|oRunnableLeft)
		} else if r.role == RolePromoted {
			c.newOrdering(r, r.key("demote"), nil, r, "", mon, oOptional|oRunnableLeft)
		}
	}
}

func (c *cluster) activeRecurringOptional(r *resource, n *node, key string, start *action) bool {
	if n == nil {
		return false
	}
	if !c.actionFlags(start, nil).has(aOptional) {
		return false
	}
	matches := findActionsExact(r.actions, key, n)
	if len(matches) == 0 {
		return false
	}
	for _, m := range matches {
		if m.reschedule {
			return false
		}
	}
	return true
}

// recurringForInactive schedules monitors configured for the Stopped role
// on every node where the resource will not run.
func (c *cluster) recurringForInactive(r *resource, assigned *node, d *opDef, key string) {
	if d.role != RoleStopped || !r.has(fUnique) {
		return
	}
	for _, n := range c.nodes {
		if assigned != nil && n == assigned {
			if len(findActionsExact(r.actions, key, n)) > 0 {
				cancel := c.cancelAction(r, d.name, d.interval, n)
				if r.nextRole == RoleStarted || r.nextRole == RoleUnpromoted {
					c.newOrdering(r, "", cancel, r, r.key("start"), nil, oRunnableLeft)
				}
			}
			continue
		}
		optional := len(findActionsExact(r.actions, key, n)) > 0
		mon := c.customAction(r, key, d.name, n, optional, true)
		mon.opDef = d
		mon.targetRC = ocfNotRunning
		if r.has(fManaged) {
			for _, p := range rscActions(r, n, "monitor", false) {
				if p.interval == 0 {
					orderActions(p, mon, oRunnableLeft)
				}
			}
		}
		for _, stop := range rscActions(r, n, "stop", true) {
			if !stop.is(aOptional) && !mon.is(aOptional) && !r.has(fManaged) {
				mon.set(aOptional)
			}
			if !stop.is(aRunnable) {
				mon.clear(aRunnable)
			}
			if r.has(fManaged) {
				c.newOrdering(r, r.key("stop"), stop, nil, "", mon, oImpliesThen|oRunnableLeft)
			}
		}
		if !n.online || n.unclean {
			mon.clear(aRunnable)
		}
	}
}

// cancelAction creates a cancellation of a recurring operation.
func (c *cluster) cancelAction(r *resource, task string, interval int, n *node) *action {
	// Like Pacemaker, the cancellation takes over the key of the recurring
	// operation it cancels.
	key := opKey(r.id, task, interval)
	a := c.customAction(r, key, "cancel", n, false, true)
	a.task = "cancel"
	a.interval = interval
	a.cancelTask = task
	return a
}
