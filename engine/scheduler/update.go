package scheduler

// applyOrderings turns ordering templates into edges between actions and
// then propagates optional/runnable flags along them until nothing changes.
func (c *cluster) applyOrderings() {
	for _, o := range c.orderings {
		switch {
		case o.firstRsc != nil:
			c.orderFirst(o)
		case o.thenRsc != nil:
			c.orderThen(o.firstAction, o.thenRsc, o)
		default:
			orderActions(o.firstAction, o.thenAction, o.flags)
		}
	}
	for i := len(c.actions) - 1; i >= 0; i-- {
		c.blockColocationDependents(c.actions[i])
	}
	c.orderProbes()
	for i := len(c.actions) - 1; i >= 0; i-- {
		c.updateActionForOrderings(c.actions[i])
	}
}

func (c *cluster) orderFirst(o *ordering) {
	first := o.firstRsc
	var firsts []*action
	if o.firstAction != nil {
		firsts = []*action{o.firstAction}
	} else {
		firsts = findActions(first.actions, o.firstKey, nil)
	}
	if len(firsts) == 0 && first == o.thenRsc {
		return
	}
	if len(firsts) == 0 {
		_, task, iv, ok := parseOpKey(o.firstKey)
		if !ok {
			return
		}
		st := first.state()
		if st == RoleStopped && task == "stop" {
			return
		}
		if st == RoleUnpromoted && task == "demote" {
			return
		}
		a := c.customAction(first, opKey(first.id, task, iv), task, nil, true, true)
		firsts = []*action{a}
	}
	then := o.thenRsc
	if then == nil {
		if o.thenAction == nil {
			return
		}
		then = o.thenAction.rsc
	}
	for _, fa := range firsts {
		if then == nil {
			orderActions(fa, o.thenAction, o.flags)
		} else {
			c.orderThen(fa, then, o)
		}
	}
}

func (c *cluster) orderThen(first *action, r *resource, o *ordering) {
	var thens []*action
	if o.thenAction != nil {
		thens = []*action{o.thenAction}
	} else {
		thens = findActions(r.actions, o.thenKey, nil)
	}
	if len(thens) == 0 {
		return
	}
	flags := o.flags
	if first != nil && first.rsc == r && first.is(aDangle) {
		// the stop of a dangling migration does not imply the rest
		flags &^= oImpliesThen
	}
	for _, t := range thens {
		if first != nil {
			orderActions(first, t, flags)
		} else {
			t.clear(aRunnable)
		}
	}
}

// actionFlags is the resource method action_flags: for groups, the
// group action is mandatory when any member's is, and unrunnable when a
// member cannot do it.
func (c *cluster) actionFlags(a *action, n *node) actFlags {
	if a.rsc == nil || a.rsc.kind == kindPrimitive {
		return a.flags
	}
	if a.rsc.kind == kindClone {
		return c.cloneActionFlags(a, n)
	}
	flags := aOptional | aRunnable | aPseudo
	for _, m := range a.rsc.children {
		task := complexTask(m, a.task)
		ma := findFirstAction(m.actions, "", task, n)
		if ma != nil {
			mf := c.actionFlags(ma, n)
			if flags.has(aOptional) && !mf.has(aOptional) {
				flags &^= aOptional
				a.clear(aOptional)
			}
			if task != a.task && flags.has(aRunnable) && !mf.has(aRunnable) {
				flags &^= aRunnable
				a.clear(aRunnable)
			}
		} else if task != "stop" && task != "demote" {
			flags &^= aRunnable
		}
	}
	return flags
}

// complexTask maps a collective's completion pseudo-action to the member
// task it waits for (running -> start, ...).
func complexTask(r *resource, task string) string {
	if r.kind != kindPrimitive {
		return task
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

func isParent(child, parent *resource) bool {
	for p := child.parent; p != nil; p = p.parent {
		if p == parent {
			return true
		}
	}
	return false
}

// actionForOrdering maps "start of a collective" to its "running"
// pseudo-action and so on, for orderings with other resources.
func actionForOrdering(a *action) *action {
	r := a.rsc
	if r == nil || r.kind == kindPrimitive {
		return a
	}
	_, task, iv, ok := parseOpKey(a.key)
	if !ok || iv > 0 || task == "notify" {
		return a
	}
	mapped := ""
	switch task {
	case "stop":
		mapped = "stopped"
	case "start":
		mapped = "running"
	case "promote":
		mapped = "promoted"
	case "demote":
		mapped = "demoted"
	case "stopped", "running", "promoted", "demoted":
		mapped = task
	}
	if mapped == "" {
		return a
	}
	key := opKey(r.id, mapped, 0)
	if r.has(fNotify) && r.kind == kindClone {
		key = r.id + "_confirmed-post_notify_" + mapped + "_0"
	}
	if f := findFirstAction(r.actions, key, "", nil); f != nil {
		return f
	}
	return a
}

func (c *cluster) actionFlagsForOrdering(a *action, n *node) actFlags {
	if a.rsc == nil {
		return a.flags
	}
	flags := c.actionFlags(a, nil)
	if n == nil || a.rsc.kind != kindClone {
		return flags
	}
	runnable := flags.has(aRunnable)
	flags = c.actionFlags(a, n)
	if runnable && !flags.has(aRunnable) {
		flags |= aRunnable
	}
	return flags
}

const (
	updNone  = 0
	updFirst = 1
	updThen  = 2
)

func (c *cluster) updateActionForOrderings(then *action) {
	changed := 0
	lastFlags := then.flags
	if then.is(aRequiresAny) {
		then.runnableBefore = 0
		if then.requiredRunnableBefore == 0 {
			then.requiredRunnableBefore = 1
		}
		then.clear(aRunnable)
	}
	for i := len(then.before) - 1; i >= 0; i-- {
		other := then.before[i]
		first := other.action
		thenNode, firstNode := then.node, first.node
		if first.rsc != nil && first.rsc.kind == kindGroup && first.task == "start" {
			firstNode = first.rsc.location()
		}
		if then.rsc != nil && then.rsc.kind == kindGroup && then.task == "start" {
			thenNode = then.rsc.location()
		}
		if other.typ&oSameNode != 0 && firstNode != nil && thenNode != nil && firstNode != thenNode {
			other.typ = oNone
			continue
		}
		changed &^= updFirst
		if first.rsc != nil && other.typ&oThenCancelsFirst != 0 && !then.is(aOptional) {
			first.set(aOptional)
			if first.task == "reload-agent" {
				first.rsc.clear(fReload)
			}
		}
		if first.rsc != nil && then.rsc != nil && first.rsc != then.rsc && !isParent(then.rsc, first.rsc) {
			first = actionForOrdering(first)
		}
		if first == other.action {
			ff := c.actionFlagsForOrdering(first, thenNode)
			tf := c.actionFlagsForOrdering(then, firstNode)
			changed |= c.updateForOrderingFlags(first, then, ff, tf, other)
		} else if orderActions(first, then, other.typ) {
			changed |= updThen
			other.typ = oNone
		}
		if changed&updFirst != 0 {
			for j := len(first.after) - 1; j >= 0; j-- {
				c.updateActionForOrderings(first.after[j].action)
			}
			c.updateActionForOrderings(first)
		}
	}
	if then.is(aRequiresAny) {
		if lastFlags == then.flags {
			changed &^= updThen
		} else {
			changed |= updThen
		}
	}
	if changed&updThen != 0 {
		if lastFlags&aRunnable != 0 && !then.is(aRunnable) {
			c.blockColocationDependents(then)
		}
		c.updateActionForOrderings(then)
		for j := len(then.after) - 1; j >= 0; j-- {
			c.updateActionForOrderings(then.after[j].action)
		}
	}
}

// location is fns->location: where the resource is (or will be).
func (r *resource) location() *node {
	if r.kind == kindPrimitive {
		if r.allocatedTo != nil {
			return r.allocatedTo
		}
		if len(r.runningOn) == 1 {
			return r.runningOn[0]
		}
		return nil
	}
	if r.kind == kindGroup && len(r.children) > 0 {
		return r.children[0].location()
	}
	return nil
}

func (c *cluster) update(r *resource, first, then *action, n *node, flags, filter actFlags, typ orderFlags) int {
	switch r.kind {
	case kindGroup:
		ch := c.updateOrdered(first, then, n, flags, filter, typ)
		if then.rsc == nil {
			return ch
		}
		for _, m := range then.rsc.children {
			if ma := findFirstAction(m.actions, "", then.task, n); ma != nil {
				ch |= c.update(m, first, ma, n, flags, filter, typ)
			}
		}
		return ch
	case kindClone:
		return c.cloneUpdateOrdered(first, then, n, flags, filter, typ)
	}
	return c.updateOrdered(first, then, n, flags, filter, typ)
}
