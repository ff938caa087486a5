package scheduler

// Clone notifications (notify=true): every start, stop, promote and
// demote of a clone is wrapped in "pre" and "post" notifications that
// each instance receives on its node. The clone-level pseudo-actions are
// created with the clone's other actions; the instances' notify actions
// are created when the graph is built, once every action's flags are
// final (Pacemaker's clone expansion does the same).

// notifyData is one notified clone action with its pseudo-actions and the
// instances involved.
type notifyData struct {
	task           string // start, stop, promote or demote
	pre, preDone   *action
	post, postDone *action
	// the instances' mandatory actions of each notified kind
	startN, stopN, promoteN, demoteN int
	created                          bool
}

// cloneNotify holds a clone's notification data per notified task.
type cloneNotify struct {
	start, stop, promote, demote *notifyData
}

func (c *cluster) notifyOf(r *resource) *cloneNotify {
	if c.notify == nil {
		c.notify = map[*resource]*cloneNotify{}
	}
	cn := c.notify[r]
	if cn == nil {
		cn = &cloneNotify{}
		c.notify[r] = cn
	}
	return cn
}

func notifyKey(rscID, typ, task string) string {
	return rscID + "_" + typ + "_notify_" + task + "_0"
}

// notifPseudoOps creates the pseudo-actions around a clone action: "pre"
// and its confirmation before act, and "post" and its confirmation after
// complete (pcmk__clone_notif_pseudo_ops).
func (c *cluster) notifPseudoOps(r *resource, task string, act, complete *action) *notifyData {
	if !r.has(fNotify) {
		return nil
	}
	nd := &notifyData{task: task}
	if act != nil {
		opt := act.is(aOptional)
		nd.pre = c.customAction(r, notifyKey(r.id, "pre", act.task), "notify", nil, opt, true)
		nd.pre.set(aPseudo | aRunnable)
		nd.preDone = c.customAction(r, notifyKey(r.id, "confirmed-pre", act.task), "notified", nil, opt, true)
		nd.preDone.set(aPseudo | aRunnable)
		orderActions(nd.pre, nd.preDone, oOptional)
		orderActions(nd.preDone, act, oOptional)
	}
	if complete != nil {
		opt := complete.is(aOptional)
		nd.post = c.customAction(r, notifyKey(r.id, "post", complete.task), "notify", nil, opt, true)
		nd.postDone = c.customAction(r, notifyKey(r.id, "confirmed-post", complete.task), "notified", nil, opt, true)
		for _, a := range []*action{nd.post, nd.postDone} {
			a.priority = int(inf)
			a.set(aPseudo)
			if complete.is(aRunnable) {
				a.set(aRunnable)
			} else {
				a.clear(aRunnable)
			}
		}
		orderActions(complete, nd.post, oImpliesThen)
		orderActions(nd.post, nd.postDone, oImpliesThen)
	}
	if act != nil && complete != nil {
		orderActions(nd.preDone, nd.post, oOptional)
	}
	return nd
}

// expandNotifications creates the instances' notify actions of a clone
// (clone expansion: start, stop, promote, demote in that order).
func (c *cluster) expandNotifications(r *resource) {
	cn := c.notify[r]
	if cn == nil {
		return
	}
	for _, nd := range []*notifyData{cn.start, cn.stop, cn.promote, cn.demote} {
		if nd == nil || nd.created {
			continue
		}
		nd.created = true
		c.collectNotifyActivity(r, nd)
		required := false
		switch nd.task {
		case "stop":
			required = nd.stopN > 0
		case "start":
			required = nd.startN > 0
		case "demote":
			required = nd.demoteN > 0
		case "promote":
			required = nd.promoteN > 0
		}
		if required {
			for _, a := range []*action{nd.pre, nd.preDone, nd.post, nd.postDone} {
				if a != nil {
					a.clear(aOptional)
				}
			}
		}
		c.createNotifyActions(r, nd)
	}
}

// collectNotifyActivity counts the instances' mandatory actions of each
// notified kind (collect_resource_data with activity).
func (c *cluster) collectNotifyActivity(r *resource, nd *notifyData) {
	if len(r.children) > 0 {
		for _, ch := range r.children {
			c.collectNotifyActivity(ch, nd)
		}
		return
	}
	for _, a := range r.actions {
		if a.is(aOptional) || a.node == nil {
			continue
		}
		if !(a.task == "stop" && a.node.unclean) && !a.is(aRunnable) {
			continue
		}
		switch a.task {
		case "start":
			nd.startN++
		case "stop":
			nd.stopN++
		case "promote":
			nd.promoteN++
		case "demote":
			nd.demoteN++
		}
	}
}

// createNotifyActions creates each instance's notify actions for one
// notified clone action (create_notify_actions).
func (c *cluster) createNotifyActions(r *resource, nd *notifyData) {
	if len(r.children) > 0 {
		for _, ch := range r.children {
			c.createNotifyActions(ch, nd)
		}
		return
	}
	switch nd.task {
	case "start":
		if nd.startN == 0 {
			return
		}
	case "promote":
		if nd.promoteN == 0 {
			return
		}
	case "demote":
		if nd.demoteN == 0 {
			return
		}
	}
	if r.role != RoleStopped && (nd.task == "stop" || nd.task == "demote") {
		stop := findFirstAction(r.actions, "", "stop", nil)
		for _, n := range r.runningOn {
			if stop != nil && stop.is(aPseudo) && n.unclean {
				continue
			}
			c.newNotifyAction(r, n, "pre", nd.pre, nd.preDone, nd)
			if nd.task == "demote" || stop == nil || stop.is(aOptional) {
				c.newPostNotifyAction(r, n, nd)
			}
		}
	}
	if r.nextRole != RoleStopped && (nd.task == "start" || nd.task == "promote") {
		start := findFirstAction(r.actions, "", "start", nil)
		if r.allocatedTo == nil {
			return
		}
		if nd.task != "start" || start == nil || start.is(aOptional) {
			c.newNotifyAction(r, r.allocatedTo, "pre", nd.pre, nd.preDone, nd)
		}
		c.newPostNotifyAction(r, r.allocatedTo, nd)
	}
}

// newNotifyAction creates one instance's notify action between the
// clone's notify pseudo-action op and its confirmation done.
func (c *cluster) newNotifyAction(r *resource, n *node, typ string, op, done *action, nd *notifyData) *action {
	if op == nil || done == nil || !n.online || !op.is(aRunnable) {
		return nil
	}
	a := c.customAction(r, notifyKey(r.id, typ, nd.task), "notify", n, op.is(aOptional), true)
	orderActions(op, a, oOptional)
	orderActions(a, done, oOptional)
	return a
}

// newPostNotifyAction creates an instance's "post" notification and
// orders its recurring monitors after all "post" notifications.
func (c *cluster) newPostNotifyAction(r *resource, n *node, nd *notifyData) {
	if a := c.newNotifyAction(r, n, "post", nd.post, nd.postDone, nd); a != nil {
		a.priority = int(inf)
	}
	if nd.postDone == nil {
		return
	}
	for _, mon := range r.actions {
		if mon.interval == 0 || mon.task == "cancel" {
			continue
		}
		orderActions(nd.postDone, mon, oOptional)
	}
}
