package scheduler

import (
	"gocrm/cib"
)

// historyReady reports whether a node's history can be unpacked in a
// normal pass: a guest node's once its connection and container are
// known to run, a remote node's once its connection is (or shutdown locks
// are in use), an offline cluster node's only when fencing or shutdown
// locks are enabled.
func (c *cluster) historyReady(n *node) bool {
	switch {
	case n.isGuest():
		r := n.remoteRsc
		return r.role == RoleStarted && r.container.role == RoleStarted
	case n.isRemote():
		r := n.remoteRsc
		return r != nil && (c.shutdownLock || r.role == RoleStarted)
	}
	return n.online || c.stonithEnabled || c.shutdownLock
}

// determineRemoteOnline derives a remote or guest node's state from its
// connection resource (and container) (determine_remote_online_status).
func (c *cluster) determineRemoteOnline(n *node) {
	r := n.remoteRsc
	if r == nil {
		n.online = false
		return
	}
	ct := r.container
	var host *node
	if ct != nil && len(r.runningOn) == 1 {
		host = r.runningOn[0]
	}
	if r.role == RoleStarted {
		n.online = true
		if r.nextRole == RoleStopped {
			n.shutdown = true
		}
	}
	switch {
	case ct != nil && ct.has(fFailed):
		n.online = false
		n.remoteReset = true
	case r.has(fFailed):
		n.online = false
	case r.role == RoleStopped || ct != nil && ct.role == RoleStopped:
		n.online = false
		n.remoteReset = false
	case host != nil && !host.online && host.unclean:
		n.online = false
		n.remoteReset = true
	}
}

// remoteNodeAttrs applies a remote node's node_state entry: transient
// attributes, shutdown, standby, maintenance and resource discovery
// (unpack_handle_remote_attrs).
func (c *cluster) remoteNodeAttrs(n *node, st *cib.NodeState) {
	n.remoteMaintenance = atoiDefault(st.NodeInMaintenance, 0) != 0
	if !n.remoteReset {
		n.unclean = false
		n.unseen = false
	}
	var sets []*cib.NVSet
	if st.Transient != nil {
		sets = st.Transient.Sets
	}
	c.addNodeAttrs(n, sets, nil, true)
	if sd := n.attrs["shutdown"]; sd != "" && sd != "0" {
		n.shutdown = true
	}
	if cib.IsTrue(n.attrs["standby"]) {
		n.standby = true
	}
	if cib.IsTrue(n.attrs["maintenance"]) || n.remoteRsc != nil && !n.remoteRsc.has(fManaged) {
		n.maintenance = true
	}
	if v, ok := n.attrs["resource-discovery-enabled"]; ok && !cib.IsTrue(v) {
		if !(n.isRemoteOnly() && !c.stonithEnabled) {
			n.noDiscovery = true
		}
	}
}

// finishRemoteNodes stops the connections of remote nodes shutting down
// and settles the state of remote nodes without history (end of
// unpack_status).
func (c *cluster) finishRemoteNodes() {
	for _, n := range c.nodes {
		if !n.isRemote() {
			continue
		}
		if n.shutdown && n.remoteRsc != nil {
			n.remoteRsc.nextRole = RoleStopped
		}
		if !n.unpacked {
			c.determineRemoteOnline(n)
		}
	}
}

// fenceActiveOnOffline handles a managed resource found active on a node
// that is down (process_rsc_state): a guest node is "fenced" by recovering
// its container, a remote node only if its connection cannot be
// re-established elsewhere.
func (c *cluster) fenceActiveOnOffline(r *resource, n *node) {
	reason := ""
	switch {
	case n.isGuest():
		r.set(fFailed | fStop)
	case c.stonithEnabled:
		if n.isRemoteOnly() && n.remoteRsc != nil && !n.remoteRsc.has(fFailed) {
			n.unseen = true
			reason = r.id + " is active there (fencing will be revoked if remote connection can be re-established elsewhere)"
		}
	default:
		return
	}
	if reason == "" {
		reason = r.id + " is thought to be active there"
	}
	c.fenceNode(n, reason)
}

// remoteOnFail applies the container and remote-connection failure
// responses (process_rsc_state).
func (c *cluster) remoteOnFail(r *resource, n *node, onFail int) {
	switch onFail {
	case failRestartContainer:
		r.set(fFailed | fStop)
		switch {
		case r.container != nil:
			c.stopAction(r.container, n, false)
		case r.role != RoleStopped && r.role != RoleUnknown:
			c.stopAction(r, n, false)
		}
	case failResetRemote:
		r.set(fFailed | fStop)
		if c.stonithEnabled && r.isRemoteConn {
			if rn := c.nodeByName[r.id]; rn != nil && rn.isRemoteOnly() && !rn.remoteWasFenced {
				c.fenceNode(rn, "remote connection is unrecoverable")
			}
		}
		if r.role > RoleStopped {
			c.stopAction(r, n, false)
		}
		if r.reconnectMS > 0 {
			r.nextRole = RoleStopped
		}
	}
}

// remoteFailedConn makes a failed connection's unclean remote node get
// fenced even if the connection is retried (process_rsc_state).
func (c *cluster) remoteFailedConn(r *resource) {
	if !r.has(fFailed) || !r.isRemoteConn {
		return
	}
	if rn := c.nodeByName[r.id]; rn != nil && rn.unclean {
		rn.unseen = false
	}
}

// fenceRemoteNode is pe_fence_node for remote and guest nodes; it reports
// false for cluster nodes.
func (c *cluster) fenceRemoteNode(n *node, reason string) bool {
	switch {
	case n.isGuest():
		ct := n.remoteRsc.container
		if !ct.has(fFailed) && ct.has(fManaged) {
			n.remoteReset = true
			ct.set(fFailed | fStop)
		}
	case n.isRemote() && n.remoteRsc != nil && n.remoteRsc.orphanFiller && n.remoteRsc.container == nil:
		// a dangling guest connection: its container is gone
		n.remoteRsc.set(fFailed | fStop)
	case n.isRemote():
		if r := n.remoteRsc; (r == nil || r.has(fManaged)) && !n.remoteReset {
			n.remoteReset = true
		}
		n.unclean = true
		c.fenceOp(n, "", true, reason)
	default:
		return false
	}
	return true
}

// orphanRemoteConn links an orphaned connection resource to its remote
// node, which is shutting down (create_fake_resource).
func (c *cluster) orphanRemoteConn(r *resource) {
	if !isRemoteAgent(r.prim) {
		return
	}
	r.isRemoteConn = true
	if n := c.nodeByName[r.id]; n != nil && n.isRemote() {
		c.linkRemoteNode(r)
		n.shutdown = true
	}
}

// remoteOnFailDefault is the default failure response of a resource in a
// container (restart the container) and of a remote connection (fence
// the remote node, except for probes and starts) (unpack_operation).
func (c *cluster) remoteOnFailDefault(r *resource, task string, interval int, unset bool) (int, Role, bool) {
	if unset && r.container != nil {
		return failRestartContainer, RoleStarted, true
	}
	if !r.isRemoteConn || r.meta["container"] != "" || isProbe(task, interval) || task == "start" {
		return 0, 0, false
	}
	if n := c.nodeByName[r.id]; n == nil || !n.isRemoteOnly() {
		return 0, 0, false
	}
	if !r.has(fManaged) {
		return failStop, RoleStopped, true
	}
	if !unset {
		return 0, 0, false
	}
	role := RoleStarted
	if r.reconnectMS > 0 {
		role = RoleStopped
	}
	return failResetRemote, role, true
}
