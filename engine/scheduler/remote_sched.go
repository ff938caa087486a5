package scheduler

// remoteConnectionAssigned brings a remote node online when its
// connection is assigned, or marks it shutting down when it is not
// (remote_connection_assigned).
func (c *cluster) remoteConnectionAssigned(r *resource) {
	n := c.nodeByName[r.id]
	if n == nil || !n.isRemote() {
		return
	}
	if r.allocatedTo != nil && r.nextRole != RoleStopped {
		n.online = true
		if n.unseen {
			n.unclean = false
		}
		return
	}
	n.shutdown = true
}

// remoteInternalConstraints orders and colocates a resource with its
// container, keeps resources whose container is a remote connection on
// that node, and keeps connections and fence devices off remote nodes
// (pcmk__primitive_internal_constraints).
func (c *cluster) remoteInternalConstraints(r *resource) {
	if ct := r.container; ct != nil {
		var conn *resource
		switch {
		case r.isRemoteConn:
			// the implicit connection of a guest node: no nesting
			c.avoidRemoteNodes(ct)
			c.orderRscActions(ct, "monitor", r, "stop", oOptional)
		case ct.isRemoteConn:
			conn = ct
		default:
			conn = c.guestConnOf(ct)
		}
		if conn != nil {
			for i, ok := range r.allowedSet {
				if ok && c.nodes[i].remoteRsc != conn {
					r.allowed[i] = negInf
				}
			}
		} else {
			c.orderRscActions(ct, "start", r, "start", oImpliesThen|oRunnableLeft)
			c.orderRscActions(r, "stop", ct, "stop", oImpliesFirst)
			c.newColocation("resource-with-container", inf, r, ct, RoleUnknown, RoleUnknown, "", true)
		}
	}
	if r.isRemoteConn || r.has(fFenceDevice) {
		c.avoidRemoteNodes(r)
	}
}

// guestConnOf returns the connection of the guest node a resource
// contains, if any (pe__resource_contains_guest_node).
func (c *cluster) guestConnOf(r *resource) *resource {
	if !c.haveRemote {
		return nil
	}
	for _, f := range r.fillers {
		if f.isRemoteConn {
			return f
		}
	}
	return nil
}

// avoidRemoteNodes bans a resource from every remote node it may run on
// (rsc_avoids_remote_nodes).
func (c *cluster) avoidRemoteNodes(r *resource) {
	for i, ok := range r.allowedSet {
		if ok && c.nodes[i].isRemote() {
			r.allowed[i] = negInf
		}
	}
}

// Remote connection states (get_remote_node_state).
const (
	remoteUnknown = iota
	remoteAlive
	remoteResting
	remoteFailed
	remoteStopped
)

func (c *cluster) remoteState(n *node) int {
	r := n.remoteRsc
	host := r.currentNode()
	if r.nextRole == RoleStopped || r.allocatedTo == nil {
		switch {
		case host != nil && host.unclean:
			return remoteFailed
		case !r.has(fFailed):
			return remoteStopped
		case r.nextRole == RoleStopped && r.reconnectMS > 0 && n.remoteWasFenced && !shutdownRequested(n):
			return remoteUnknown
		}
		return remoteFailed
	}
	switch {
	case host == nil:
		return remoteUnknown
	case host.unclean || !host.online:
		return remoteResting
	}
	return remoteAlive
}

func shutdownRequested(n *node) bool {
	v := n.attrs["shutdown"]
	return v != "" && v != "0"
}

// isFailedRemoteNode is pcmk__is_failed_remote_node.
func (c *cluster) isFailedRemoteNode(n *node) bool {
	return n.isRemoteOnly() && n.remoteRsc != nil && c.remoteState(n) == remoteFailed
}

// probeOnRemote reports whether a resource may be probed on a remote or
// guest node (pcmk__probe_rsc_on_node): never fence devices, a guest's
// own container or connections, and nothing inside a stopped container.
func (c *cluster) probeOnRemote(r, top *resource, n *node) bool {
	switch {
	case r.class == "stonith":
		return false
	case n.isGuest() && c.guestConnOf(r) != nil:
		return false
	case r.isRemoteConn:
		return false
	}
	if !n.isGuest() {
		return true
	}
	ct := n.remoteRsc.container
	if ct.role == RoleStopped {
		if ct.allocatedTo != nil && !ct.knownOn[ct.allocatedTo.idx] {
			c.orderRscActions(ct, "monitor", top, "start", oOptional)
		}
		return false
	}
	if guestWillStop(n) {
		c.orderRscActions(ct, "stop", top, "start", oOptional)
		return false
	}
	return true
}

// guestWillStop approximates whether a guest node's container will stop
// (guest_resource_will_stop): its stop is not known yet.
func guestWillStop(n *node) bool {
	ct := n.remoteRsc.container
	if n.remoteReset || n.unclean || ct.has(fFailed) || ct.nextRole == RoleStopped {
		return true
	}
	if ct.role > RoleStopped && ct.allocatedTo != nil {
		for _, x := range ct.runningOn {
			if x == ct.allocatedTo {
				return false
			}
		}
		return true
	}
	return false
}

// fenceGuest creates the pseudo fencing of a guest node, implied by the
// stop of its container (pcmk__fence_guest).
func (c *cluster) fenceGuest(n *node) {
	ct := n.remoteRsc.container
	op := "off"
	stop := findFirstAction(ct.actions, "", "stop", nil)
	if findFirstAction(ct.actions, "", "start", nil) != nil {
		op = "reboot"
	}
	f := c.fenceOp(n, op, false, "guest is unclean")
	f.set(aPseudo | aRunnable)
	switch {
	case stop != nil && stop.is(aPseudo):
		host := c.fenceOp(stop.node, "", false, "")
		orderActions(host, f, oRunnableLeft|oImpliesThen)
	case stop != nil:
		orderActions(stop, f, oRunnableLeft|oImpliesThen)
	default:
		if s := findFirstAction(n.remoteRsc.actions, "", "stop", nil); s != nil {
			orderActions(s, f, oOptional)
		}
	}
	c.orderVsFence(f)
}
