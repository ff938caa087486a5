package scheduler

// findActions is Pacemaker's find_actions: actions with the given key on
// node (any node when nil); an unassigned action found for a node is
// assigned to it. Results are newest first.
func findActions(list []*action, key string, n *node) []*action {
	var out []*action
	for _, a := range list {
		if a.key != key {
			continue
		}
		switch {
		case n == nil:
			out = append(out, a)
		case a.node == nil:
			a.node = n
			out = append(out, a)
		case a.node == n:
			out = append(out, a)
		}
	}
	return out
}

// findActionsExact matches the node exactly (find_actions_exact).
func findActionsExact(list []*action, key string, n *node) []*action {
	var out []*action
	for _, a := range list {
		if a.key == key && a.node == n && n != nil {
			out = append(out, a)
		}
	}
	return out
}

// rscActions is pe__resource_actions: actions of rsc for task on node (any
// node when nil); requireNode drops unassigned ones.
func rscActions(r *resource, n *node, task string, requireNode bool) []*action {
	var out []*action
	key := opKey(r.id, task, 0)
	for _, a := range r.actions {
		if a.key != key {
			continue
		}
		if n == nil {
			if requireNode && a.node == nil {
				continue
			}
			out = append(out, a)
		} else if a.node == n {
			out = append(out, a)
		}
	}
	return out
}

// findFirstAction is find_first_action: by key and/or task, on node.
func findFirstAction(list []*action, key, task string, n *node) *action {
	for _, a := range list {
		if key != "" && a.key != key {
			continue
		}
		if task != "" && a.task != task {
			continue
		}
		if n == nil {
			return a
		}
		if a.node == n {
			return a
		}
	}
	return nil
}

// customAction finds or creates an action (Pacemaker's custom_action) and
// re-evaluates whether it can run.
func (c *cluster) customAction(r *resource, key, task string, n *node, optional, save bool) *action {
	var a *action
	if save {
		var matches []*action
		if r != nil {
			matches = findActions(r.actions, key, n)
		} else {
			matches = findActions(c.actions, key, n)
		}
		if len(matches) > 0 {
			a = matches[len(matches)-1]
		}
	}
	if a == nil {
		a = c.newAction(r, key, task, n, optional, save)
	}
	// update_action_optional
	if r != nil && a.node != nil && !a.is(aPseudo) && !r.has(fManaged) && a.interval == 0 {
		a.set(aOptional)
	} else if !optional {
		a.clear(aOptional)
	}
	if r != nil {
		c.updateRunnable(a, save)
	}
	return a
}

func (c *cluster) newAction(r *resource, key, task string, n *node, optional, save bool) *action {
	a := &action{rsc: r, node: n, task: task, key: key, targetRC: -1, graphID: -1}
	if optional {
		a.set(aOptional)
	}
	if _, t, iv, ok := parseOpKey(key); ok && t == task {
		a.interval = iv
	}
	a.set(aRunnable)
	if r != nil {
		if task == "start" || task == "promote" {
			switch {
			case r.has(fNeedsFencing):
				a.needs = needsFencing
			case r.has(fNeedsQuorum):
				a.needs = needsQuorum
			}
		}
	}
	if save {
		a.id = c.nextAction
		c.nextAction++
		if r != nil {
			r.actions = append([]*action{a}, r.actions...)
		}
		c.actions = append(c.actions, a)
	}
	return a
}

func (c *cluster) updateRunnable(a *action, forGraph bool) {
	if a.is(aPseudo) {
		return
	}
	n := a.node
	switch {
	case n == nil:
		a.clear(aRunnable)
	case !a.is(aDC) && !n.online:
		a.clear(aRunnable)
		if forGraph && a.rsc.has(fManaged) && a.task == "stop" && !n.unclean {
			c.fenceNode(n, "stop is unrunnable")
		}
	case !a.is(aDC) && n.pending:
		a.clear(aRunnable)
	case a.needs == needsNothing:
		a.reason = ""
		a.set(aRunnable)
	default:
		switch c.effectiveQuorumPolicy(a.rsc) {
		case nqStop:
			a.clear(aRunnable)
			a.setReason("no quorum", true)
		case nqFreeze:
			if !a.rsc.isRunning() || a.rsc.nextRole > a.rsc.role {
				a.clear(aRunnable)
				a.setReason("quorum freeze", true)
			}
		default:
			a.set(aRunnable)
		}
	}
}

func (c *cluster) effectiveQuorumPolicy(r *resource) int {
	if c.haveQuorum {
		return nqIgnore
	}
	p := c.noQuorumPolicy
	if p == nqDemote {
		switch r.role {
		case RolePromoted, RoleUnpromoted:
			if r.nextRole > RoleUnpromoted {
				r.nextRole = RoleUnpromoted
			}
			return nqIgnore
		default:
			return nqStop
		}
	}
	if p == nqSuicide {
		return nqStop
	}
	return p
}

func (c *cluster) stopAction(r *resource, n *node, optional bool) *action {
	return c.customAction(r, r.key("stop"), "stop", n, optional, true)
}

func (c *cluster) startAction(r *resource, n *node, optional bool) *action {
	return c.customAction(r, r.key("start"), "start", n, optional, true)
}

func (c *cluster) demoteAction(r *resource, n *node, optional bool) *action {
	return c.customAction(r, r.key("demote"), "demote", n, optional, true)
}

func (c *cluster) promoteAction(r *resource, n *node, optional bool) *action {
	return c.customAction(r, r.key("promote"), "promote", n, optional, true)
}

// rscPseudo creates a resource pseudo-action (e.g. grp_running_0).
func (c *cluster) rscPseudo(r *resource, task string, optional, runnable bool) *action {
	a := c.customAction(r, opKey(r.id, task, 0), task, nil, optional, true)
	a.set(aPseudo)
	if runnable {
		a.set(aRunnable)
	} else {
		a.clear(aRunnable)
	}
	return a
}

// pseudoOp is a cluster-wide pseudo-action, created once (get_pseudo_op).
func (c *cluster) pseudoOp(name string) *action {
	if c.singletons == nil {
		c.singletons = map[string]*action{}
	}
	if a, ok := c.singletons[name]; ok {
		return a
	}
	a := c.customAction(nil, name, name, nil, true, true)
	a.set(aPseudo | aRunnable)
	c.singletons[name] = a
	return a
}

// canFence is pe_can_fence.
func (c *cluster) canFence(n *node) bool {
	if n != nil && n.isGuest() {
		// fenced by stopping the container: its hosts must be online or
		// fenceable themselves
		for _, h := range n.remoteRsc.container.runningOn {
			if !h.online && !c.canFence(h) {
				return false
			}
		}
		return true
	}
	switch {
	case !c.stonithEnabled, !c.haveStonithRsc:
		return false
	case c.haveQuorum, c.noQuorumPolicy == nqIgnore:
		return true
	case n == nil:
		return false
	}
	return n.online
}

// fenceOp finds or creates the fencing action for a node (pe_fence_op).
func (c *cluster) fenceOp(n *node, op string, optional bool, reason string) *action {
	if op == "" {
		op = c.stonithAction
	}
	key := "stonith-" + n.name + "-" + op
	if c.singletons == nil {
		c.singletons = map[string]*action{}
	}
	a, ok := c.singletons[key]
	if !ok {
		a = c.customAction(nil, key, "stonith", n, true, true)
		a.fenceAction = op
		c.singletons[key] = a
	}
	if !optional && c.canFence(n) {
		a.clear(aOptional)
		a.setReason(reason, false)
	} else if reason != "" && a.reason == "" {
		a.reason = reason
	}
	return a
}

// resourceLocation adds score for r (and its members) on n, or on every
// node when n is nil (resource_location).
func (c *cluster) resourceLocation(r *resource, n *node, score Score) {
	if n != nil {
		c.resourceNodeScore(r, n, score, false)
	} else {
		for _, x := range c.nodes {
			c.resourceNodeScore(r, x, score, false)
		}
	}
	if n == nil && score == negInf && r.allocatedTo != nil {
		r.allocatedTo = nil
	}
	c.whyKind, c.whySource = "", ""
}

func (c *cluster) resourceNodeScore(r *resource, n *node, score Score, symmetricDefault bool) {
	if symmetricDefault && (r.has(fExclusiveDiscover) || r.discover[n.idx] == discoverNever) {
		return
	}
	for _, ch := range r.children {
		c.resourceNodeScore(ch, n, score, symmetricDefault)
	}
	if !r.allowedSet[n.idx] {
		r.allowedSet[n.idx] = true
		r.allowed[n.idx] = n.weight
	}
	r.allowed[n.idx] = add(r.allowed[n.idx], score)
	if c.scoreDetail && !symmetricDefault {
		kind, src := c.whyKind, c.whySource
		if kind == "" {
			kind = "other"
		}
		c.traceContribution(r, n, kind, src, score)
	}
}
