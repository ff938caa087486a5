package scheduler

import "strings"

func (c *cluster) createCloneActions(r *resource) {
	starting, stopping, active := false, false, false
	allowMigrations := true
	for _, inst := range r.children {
		c.createActions(inst)
		s1, s2 := false, false
		instanceState(inst, &s1, &s2, &active)
		if s1 && s2 {
			allowMigrations = false
		}
		starting = starting || s1
		stopping = stopping || s2
	}
	start := c.rscPseudo(r, "start", !starting, true)
	running := c.rscPseudo(r, "running", !starting, false)
	running.priority = int(inf)
	if active || starting {
		running.set(aRunnable)
	}
	var cn *cloneNotify
	if r.has(fNotify) {
		cn = c.notifyOf(r)
		if cn.start == nil {
			cn.start = c.notifPseudoOps(r, "start", start, running)
		}
	}
	stop := c.rscPseudo(r, "stop", !stopping, true)
	stopped := c.rscPseudo(r, "stopped", !stopping, true)
	stopped.priority = int(inf)
	if allowMigrations {
		stop.set(aMigrateRunnable)
	}
	if cn != nil && cn.stop == nil {
		cn.stop = c.notifPseudoOps(r, "stop", stop, stopped)
		if cn.start != nil && cn.stop != nil {
			orderActions(cn.stop.postDone, cn.start.pre, oOptional)
		}
	}
	c.orderedChildActions(r)
	if r.has(fPromotable) {
		c.createPromotableActions(r)
	}
}

// orderedChildActions orders the instances' mandatory starts and stops
// of an ordered clone by instance number (child_ordering_constraints).
func (c *cluster) orderedChildActions(r *resource) {
	if !r.ordered {
		return
	}
	r.children = glibSort(r.children, cmpInstanceNumber)
	var lastStop, lastStart *action
	for _, ch := range r.children {
		if stop := mandatoryAction(ch, "stop"); stop != nil {
			if lastStop != nil {
				orderActions(stop, lastStop, oOptional)
			}
			lastStop = stop
		}
		if start := mandatoryAction(ch, "start"); start != nil {
			if lastStart != nil {
				orderActions(lastStart, start, oOptional)
			}
			lastStart = start
		}
	}
}

// mandatoryAction is the single non-optional action of a task, if there
// is exactly one.
func mandatoryAction(r *resource, task string) *action {
	var match *action
	for _, a := range rscActions(r, nil, task, false) {
		if a.is(aOptional) {
			continue
		}
		if match != nil {
			return nil
		}
		match = a
	}
	return match
}

func cmpInstanceNumber(a, b *resource) int { return instanceNumber(a) - instanceNumber(b) }

// instanceState reports whether an instance (or, for cloned groups, any of
// its members) is active, will start or will stop.
func instanceState(inst *resource, starting, stopping, active *bool) {
	if inst.kind != kindPrimitive {
		for _, ch := range inst.children {
			instanceState(ch, starting, stopping, active)
		}
		return
	}
	if len(inst.runningOn) > 0 {
		*active = true
	}
	for _, a := range inst.actions {
		if *starting && *stopping {
			return
		}
		if a.is(aOptional) || !a.is(aPseudo|aRunnable) {
			continue
		}
		switch a.task {
		case "start":
			if a.is(aRunnable) {
				*starting = true
			}
		case "stop":
			*stopping = true
		}
	}
}

func (c *cluster) cloneInternalConstraints(r *resource) {
	c.orderRscActions(r, "stopped", r, "start", oOptional)
	c.orderRscActions(r, "start", r, "running", oRunnableLeft)
	c.orderRscActions(r, "stop", r, "stopped", oRunnableLeft)
	if r.has(fPromotable) {
		c.orderRscActions(r, "demoted", r, "stop", oOptional)
		c.orderRscActions(r, "running", r, "promote", oRunnableLeft)
	}
	if r.ordered {
		r.children = glibSort(r.children, cmpInstanceNumber)
	}
	var last *resource
	for _, ch := range r.children {
		c.internalConstraints(ch)
		c.orderRscActions(r, "start", ch, "start", oRunnableLeft|oImpliesFirstPrinted)
		c.orderRscActions(ch, "start", r, "running", oImpliesThenPrinted)
		if r.ordered && last != nil {
			c.orderRscActions(last, "start", ch, "start", oOptional)
		}
		c.orderRscActions(r, "stop", ch, "stop", oImpliesFirstPrinted)
		c.orderRscActions(ch, "stop", r, "stopped", oImpliesThenPrinted)
		if r.ordered && last != nil {
			c.orderRscActions(ch, "stop", last, "stop", oOptional)
		}
		last = ch
	}
	if r.has(fPromotable) {
		c.orderPromotableInstances(r)
	}
}

// cloneChildTask maps a clone action to the instance task it summarizes.
func cloneChildTask(a *action) string {
	_, task, _, ok := parseOpKey(a.key)
	if !ok {
		task = a.task
	}
	switch task {
	case "running":
		return "start"
	case "stopped":
		return "stop"
	case "promoted":
		return "promote"
	case "demoted":
		return "demote"
	}
	return task
}

// cloneActionFlags summarizes the instances' actions: mandatory if any
// instance's is, runnable if any instance's is.
func (c *cluster) cloneActionFlags(a *action, n *node) actFlags {
	task := cloneChildTask(a)
	flags := aOptional | aRunnable | aPseudo
	anyRunnable := false
	for _, ch := range a.rsc.children {
		var on *node
		if ch.kind == kindPrimitive {
			on = n
		}
		ca := findFirstAction(ch.actions, "", task, on)
		if ca == nil {
			continue
		}
		cf := c.actionFlags(ca, n)
		if flags.has(aOptional) && !cf.has(aOptional) {
			flags &^= aOptional
			a.clear(aOptional)
		}
		if cf.has(aRunnable) {
			anyRunnable = true
		}
	}
	if !anyRunnable {
		flags &^= aRunnable
		if n == nil {
			a.clear(aRunnable)
		}
	}
	return flags
}

func canInterleave(first, then *action) bool {
	if first.rsc == nil || then.rsc == nil || first.rsc == then.rsc {
		return false
	}
	if first.rsc.kind != kindClone || then.rsc.kind != kindClone {
		return false
	}
	r := then.rsc
	if strings.HasSuffix(then.key, "_stop_0") || strings.HasSuffix(then.key, "_demote_0") {
		r = first.rsc
	}
	return r.interleave
}

// cloneUpdateOrdered is the clone's update_ordered_actions: interleaved
// clones order instance against instance on the same node; otherwise the
// clone action and each instance's action are updated.
func (c *cluster) cloneUpdateOrdered(first, then *action, n *node, flags, filter actFlags, typ orderFlags) int {
	if canInterleave(first, then) {
		return c.interleaveUpdate(first, then, n, filter, typ)
	}
	changed := c.updateOrdered(first, then, n, flags, filter, typ)
	if then.rsc == nil {
		return changed
	}
	for _, ch := range then.rsc.children {
		ca := findFirstAction(ch.actions, "", then.task, n)
		if ca == nil {
			continue
		}
		cf := c.actionFlags(ca, n)
		if !cf.has(aRunnable) {
			continue
		}
		chg := c.update(ch, first, ca, n, flags, filter, typ)
		changed |= chg
		if chg&updThen != 0 {
			for j := len(ca.after) - 1; j >= 0; j-- {
				c.updateActionForOrderings(ca.after[j].action)
			}
		}
	}
	return changed
}

// assignedNode is fns->location(rsc, NULL, current): where the resource
// is (current) or will be, when that is a single node.
func (r *resource) assignedNode(current bool) *node {
	var ns []*node
	var walk func(x *resource)
	walk = func(x *resource) {
		if x.kind != kindPrimitive {
			for _, ch := range x.children {
				walk(ch)
			}
			return
		}
		if current {
			for _, n := range x.runningOn {
				ns = appendNode(ns, n)
			}
		} else if x.allocatedTo != nil {
			ns = appendNode(ns, x.allocatedTo)
		}
	}
	walk(r)
	if len(ns) == 1 {
		return ns[0]
	}
	return nil
}

func appendNode(ns []*node, n *node) []*node {
	for _, x := range ns {
		if x == n {
			return ns
		}
	}
	return append(ns, n)
}

func (c *cluster) interleaveUpdate(first, then *action, n *node, filter actFlags, typ orderFlags) int {
	changed := 0
	current := strings.HasSuffix(first.key, "_stopped_0") || strings.HasSuffix(first.key, "_demoted_0")
	firstTask := cloneChildTask(first)
	for _, tch := range then.rsc.children {
		fch := c.findCompatibleInstance(tch, first.rsc, RoleUnknown, current)
		if fch == nil {
			if !current && typ&(oRunnableLeft|oImpliesThen) != 0 && c.inhibit(tch) {
				changed |= updThen
			}
			continue
		}
		fa := findFirstAction(fch.actions, "", firstTask, n)
		ta := findFirstAction(tch.actions, "", then.task, n)
		if fa == nil || ta == nil {
			continue
		}
		if orderActions(fa, ta, typ) {
			changed |= updFirst | updThen
		}
		changed |= c.update(tch, fa, ta, n, c.actionFlags(fa, n), filter, typ)
	}
	return changed
}

// inhibit unassigns an instance that has no partner to run with; it
// reports whether anything changed.
func (c *cluster) inhibit(r *resource) bool {
	if r.kind != kindPrimitive {
		changed := false
		for _, ch := range r.children {
			if c.inhibit(ch) {
				changed = true
			}
		}
		return changed
	}
	if r.allocatedTo == nil {
		return false
	}
	c.unassign(r)
	r.clear(fProvisional)
	r.nextRole = RoleStopped
	for _, a := range r.actions {
		if a.task == "start" {
			a.clear(aRunnable)
		}
	}
	return true
}
