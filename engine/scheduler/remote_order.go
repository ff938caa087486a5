package scheduler

// orderRemoteConnectionActions orders every action on a remote or guest
// node relative to the node's connection (and container): starts after
// the connection starts, stops before it stops, and fences the node when
// the connection cannot be recovered
// (pcmk__order_remote_connection_actions).
func (c *cluster) orderRemoteConnectionActions() {
	if !c.haveRemote {
		return
	}
	for i := len(c.actions) - 1; i >= 0; i-- {
		a := c.actions[i]
		r := a.rsc
		if r == nil {
			continue
		}
		if r.isRemoteConn && a.task == "clear_failcount" {
			c.newOrdering(r, "", a, r, r.key("start"), nil, oOptional)
			continue
		}
		n := a.node
		if n == nil || !n.isRemote() || a.is(aPseudo) {
			continue
		}
		conn := n.remoteRsc
		if conn == nil {
			continue
		}
		if a.task == "start" {
			for _, x := range r.actions {
				if x.task == "stop" && x.node != n {
					c.newOrdering(conn, conn.key("start"), nil, r, "", x, oOptional)
				}
			}
		}
		if conn.container != nil {
			c.applyContainerOrdering(a, conn)
		} else {
			c.applyRemoteOrdering(a, conn)
		}
	}
}

// remoteTask maps an action to the task its remote ordering follows:
// migrations order like stops.
func remoteTask(a *action) string {
	switch a.task {
	case "start", "promote", "stop", "demote":
		return a.task
	case "migrate_to", "migrate_from":
		return "stop"
	}
	return ""
}

func (c *cluster) orderStartThen(first *resource, then *action, extra orderFlags) {
	c.newOrdering(first, first.key("start"), nil, then.rsc, "", then, oPreserve|oRunnableLeft|extra)
}

func (c *cluster) orderThenStop(first *action, then *resource, extra orderFlags) {
	c.newOrdering(first.rsc, "", first, then, then.key("stop"), nil, oPreserve|extra)
}

func (c *cluster) applyRemoteOrdering(a *action, conn *resource) {
	state := c.remoteState(a.node)
	switch remoteTask(a) {
	case "start", "promote":
		flags := oNone
		if state == remoteFailed {
			flags = oImpliesThen
		}
		c.orderStartThen(conn, a, flags)
	case "stop":
		switch {
		case state == remoteAlive:
			c.orderThenStop(a, conn, oImpliesFirst)
		case state == remoteFailed:
			c.fenceNode(a.node, "resources are active but connection is unrecoverable")
		case conn.nextRole == RoleStopped:
			c.orderThenStop(a, conn, oImpliesFirst)
		default:
			c.orderStartThen(conn, a, oNone)
		}
	case "demote":
		if state == remoteResting || state == remoteUnknown {
			c.orderStartThen(conn, a, oNone)
		}
	default:
		if a.interval > 0 {
			c.orderStartThen(conn, a, oImpliesThen)
			return
		}
		if a.task == "monitor" && state == remoteFailed {
			c.fenceNode(a.node, "resources are in unknown state and connection is unrecoverable")
		}
		if conn.currentNode() != nil && state == remoteStopped {
			c.orderThenStop(a, conn, oRunnableLeft)
		} else {
			c.orderStartThen(conn, a, oNone)
		}
	}
}

func (c *cluster) applyContainerOrdering(a *action, conn *resource) {
	ct := conn.container
	if ct.has(fFailed) {
		c.fenceNode(a.node, "container failed")
	}
	switch remoteTask(a) {
	case "start", "promote":
		c.orderStartThen(ct, a, oImpliesThen)
		c.orderStartThen(conn, a, oNone)
	case "stop", "demote":
		if !ct.has(fFailed) {
			c.orderThenStop(a, conn, oNone)
		}
	default:
		if a.interval > 0 {
			if a.task == "monitor" || a.task == "notify" {
				c.orderStartThen(conn, a, oImpliesThen)
			}
		} else {
			c.orderStartThen(conn, a, oNone)
		}
	}
}
