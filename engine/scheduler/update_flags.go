package scheduler

func (c *cluster) updateForOrderingFlags(first, then *action, ff, tf actFlags, o *link) int {
	changed := 0
	n := then.node
	if o.typ&oImpliesThenOnNode != 0 {
		o.typ &^= oImpliesThenOnNode
		o.typ |= oImpliesThen
		n = first.node
	}
	if o.typ&oImpliesThen != 0 {
		if then.rsc != nil {
			changed |= c.update(then.rsc, first, then, n, ff&aOptional, aOptional, oImpliesThen)
		} else if !ff.has(aOptional) && then.is(aOptional) {
			then.clear(aOptional)
			changed |= updThen
		}
	}
	if o.typ&oRestart != 0 && then.rsc != nil {
		changed |= c.update(then.rsc, first, then, n, ff, aOptional|aRunnable, oRestart)
	}
	if o.typ&oImpliesFirst != 0 {
		if first.rsc != nil {
			changed |= c.update(first.rsc, first, then, n, ff, aOptional, oImpliesFirst)
		} else if !ff.has(aOptional) && first.is(aRunnable) {
			first.clear(aRunnable)
			changed |= updFirst
		}
	}
	if o.typ&oPromotedImpliesFirst != 0 && then.rsc != nil {
		changed |= c.update(then.rsc, first, then, n, ff&aOptional, aOptional, oPromotedImpliesFirst)
	}
	if o.typ&oOneOrMore != 0 {
		if then.rsc != nil {
			changed |= c.update(then.rsc, first, then, n, ff, aRunnable, oOneOrMore)
		} else if ff.has(aRunnable) {
			then.runnableBefore++
			if then.runnableBefore >= then.requiredRunnableBefore && !then.is(aRunnable) {
				then.set(aRunnable)
				changed |= updThen
			}
		}
	}
	if o.typ&oProbe != 0 && then.rsc != nil {
		if !ff.has(aRunnable) && first.rsc != nil && len(first.rsc.runningOn) > 0 {
			o.typ = oNone
		} else {
			changed |= c.update(then.rsc, first, then, n, ff, aRunnable, oRunnableLeft)
		}
	}
	if o.typ&oRunnableLeft != 0 {
		if then.rsc != nil {
			changed |= c.update(then.rsc, first, then, n, ff, aRunnable, oRunnableLeft)
		} else if !ff.has(aRunnable) && then.is(aRunnable) {
			then.clear(aRunnable)
			changed |= updThen
		}
	}
	if o.typ&oImpliesFirstMigratable != 0 && then.rsc != nil {
		changed |= c.update(then.rsc, first, then, n, ff, aOptional, oImpliesFirstMigratable)
	}
	if o.typ&oPseudoLeft != 0 && then.rsc != nil {
		changed |= c.update(then.rsc, first, then, n, ff, aOptional, oPseudoLeft)
	}
	if o.typ&oOptional != 0 && then.rsc != nil {
		changed |= c.update(then.rsc, first, then, n, ff, aRunnable, oOptional)
	}
	if o.typ&oAsymmetrical != 0 && then.rsc != nil {
		changed |= c.update(then.rsc, first, then, n, ff, aRunnable, oAsymmetrical)
	}
	if first.is(aRunnable) && o.typ&oImpliesThenPrinted != 0 && !ff.has(aOptional) {
		then.set(aPrintAlways)
	}
	if o.typ&oImpliesFirstPrinted != 0 && !tf.has(aOptional) {
		first.set(aPrintAlways)
	}
	if o.typ&(oImpliesThen|oImpliesFirst|oRestart) != 0 && first.rsc != nil && !first.rsc.has(fManaged) &&
		first.rsc.has(fBlock) && !first.is(aRunnable) && first.task == "stop" {
		if then.is(aRunnable) {
			then.clear(aRunnable)
			changed |= updThen
		}
	}
	return changed
}

func reasonFor(a *action, flag actFlags) string {
	change := "required"
	if flag == aRunnable || flag == aMigrateRunnable {
		change = "unrunnable"
	}
	if a.rsc == nil {
		return change + " " + a.task
	}
	return change + " " + a.rsc.id + " " + a.task
}

func clearBecause(a *action, flag actFlags, reason *action) {
	if a.is(flag) {
		a.clear(flag)
		if a.rsc != reason.rsc {
			a.setReason(reasonFor(reason, flag), false)
		}
	}
}

func (c *cluster) updateOrdered(first, then *action, n *node, flags, filter actFlags, typ orderFlags) int {
	changed := 0
	thenFlags, firstFlags := then.flags, first.flags
	if typ&oAsymmetrical != 0 {
		c.handleAsymmetric(first, then)
	}
	if typ&oImpliesFirst != 0 && !thenFlags.has(aOptional) {
		if filter.has(aOptional) && !flags.has(aOptional) && firstFlags.has(aOptional) {
			clearBecause(first, aOptional, then)
		}
		if flags.has(aMigrateRunnable) && !then.is(aMigrateRunnable) {
			clearBecause(first, aMigrateRunnable, then)
		}
	}
	if typ&oPromotedImpliesFirst != 0 && then.rsc != nil && then.rsc.role == RolePromoted &&
		filter.has(aOptional) && !then.is(aOptional) {
		clearBecause(first, aOptional, then)
		if first.is(aMigrateRunnable) && !then.is(aMigrateRunnable) {
			clearBecause(first, aMigrateRunnable, then)
		}
	}
	if typ&oImpliesFirstMigratable != 0 && filter.has(aOptional) {
		if !(then.is(aMigrateRunnable) && then.is(aRunnable)) {
			clearBecause(first, aRunnable, then)
		}
		if !then.is(aOptional) {
			clearBecause(first, aOptional, then)
		}
	}
	if typ&oPseudoLeft != 0 && filter.has(aOptional) && !first.is(aRunnable) {
		clearBecause(then, aMigrateRunnable, first)
		then.clear(aPseudo)
	}
	if typ&oRunnableLeft != 0 && filter.has(aRunnable) && then.is(aRunnable) && !flags.has(aRunnable) {
		clearBecause(then, aRunnable, first)
		clearBecause(then, aMigrateRunnable, first)
	}
	if typ&oImpliesThen != 0 && filter.has(aOptional) && then.is(aOptional) && !flags.has(aOptional) &&
		!first.is(aMigrateRunnable) {
		clearBecause(then, aOptional, first)
	}
	if typ&oRestart != 0 {
		c.handleRestart(first, then, filter)
	}
	if thenFlags != then.flags {
		changed |= updThen
		if then.rsc != nil && then.rsc.parent != nil {
			c.updateActionForOrderings(then)
		}
	}
	if firstFlags != first.flags {
		changed |= updFirst
	}
	return changed
}

func (c *cluster) handleAsymmetric(first, then *action) {
	if then.rsc == nil || first.is(aRunnable) {
		return
	}
	if then.is(aOptional) {
		st := then.rsc.state()
		if st == RoleStopped && then.task == "stop" {
			return
		}
		if st >= RoleStarted && then.task == "start" && len(then.rsc.runningOn) == 1 && then.rsc.runningOn[0] == then.node {
			return
		}
	}
	clearBecause(then, aOptional, first)
	clearBecause(then, aRunnable, first)
}

func (c *cluster) handleRestart(first, then *action, filter actFlags) {
	if first.rsc == nil || then.rsc == nil || first.rsc.kind != kindPrimitive || then.rsc.kind != kindPrimitive {
		return
	}
	reason := ""
	if filter.has(aOptional) && !then.is(aOptional) {
		reason = "restart"
	}
	if filter.has(aRunnable) && !then.is(aRunnable) && then.rsc.has(fManaged) && first.rsc == then.rsc {
		reason = "stop"
	}
	if reason == "" {
		return
	}
	if first.is(aRunnable) {
		clearBecause(first, aOptional, then)
	}
	if !then.is(aOptional) {
		clearBecause(first, aOptional, then)
	}
	if !then.is(aMigrateRunnable) {
		clearBecause(first, aMigrateRunnable, then)
	}
	if !first.is(aOptional) && !first.is(aRunnable) {
		clearBecause(then, aRunnable, first)
	}
}

// blockColocationDependents makes the starts of mandatory dependents
// unrunnable when a resource cannot start anywhere.
func (c *cluster) blockColocationDependents(a *action) {
	if a.rsc == nil || a.is(aRunnable) || a.task != "start" {
		return
	}
	r := a.rsc.top()
	for _, ch := range r.children {
		start := findFirstAction(ch.actions, "", "start", nil)
		if start == nil || start.is(aRunnable) {
			return
		}
	}
	for _, co := range r.withThis {
		if co.score == inf {
			c.markStartBlocked(co.dependent, a.rsc)
		}
	}
}

func (c *cluster) markStartBlocked(r *resource, reason *resource) {
	text := "colocation with " + reason.id
	for _, a := range r.actions {
		if !a.is(aRunnable) || a.task != "start" {
			continue
		}
		a.clear(aRunnable)
		a.setReason(text, false)
		c.blockColocationDependents(a)
		c.updateActionForOrderings(a)
	}
}
