package scheduler

import (
	"strconv"
	"strings"

	"gocrm/cib"
)

// Executor status codes (op-status).
const (
	execPending      = -1
	execDone         = 0
	execCancelled    = 1
	execTimeout      = 2
	execNotSupported = 3
	execError        = 4
	execErrorHard    = 5
	execErrorFatal   = 6
	execNotInstalled = 7
	execNotConnected = 8
	execInvalid      = 9
)

// OCF exit codes.
const (
	ocfOK               = 0
	ocfUnimplemented    = 3
	ocfInsufficientPriv = 4
	ocfNotInstalled     = 5
	ocfNotConfigured    = 6
	ocfNotRunning       = 7
	ocfRunningPromoted  = 8
	ocfFailedPromoted   = 9
	ocfDegraded         = 190
	ocfDegradedPromoted = 191
	ocfInvalidParam     = 2
)

// on-fail responses, in Pacemaker's order of severity.
const (
	failIgnore = iota
	failDemote
	failRecover
	failMigrate
	failBlock
	failStop
	failStandby
	failFence
	failRestartContainer
	failResetRemote
)

// historyEntry is one resource's operation history on one node, kept for
// the configuration-change (digest) checks.
type historyEntry struct {
	node       *node
	rsc        *resource
	lr         *cib.LRMResource
	ops        []*cib.LRMOp // sorted by call id
	startIndex int
	stopIndex  int
}

type opInfo struct {
	op       *cib.LRMOp
	task     string
	interval int
	rc       int
	status   int
	callID   int
	lastRC   int64
	targetRC int
}

func parseOp(o *cib.LRMOp) opInfo {
	oi := opInfo{op: o, task: o.Operation}
	oi.interval = atoiDefault(o.Interval, 0)
	oi.rc = atoiDefault(o.RCCode, 0)
	oi.status = atoiDefault(o.OpStatus, 0)
	oi.callID = atoiDefault(o.CallID, -1)
	if n, ok := fastAtoi(o.LastRCChange); ok {
		oi.lastRC = int64(n)
	} else {
		oi.lastRC, _ = strconv.ParseInt(o.LastRCChange, 10, 64)
	}
	oi.targetRC = targetRCFromKey(o.TransitionKey)
	return oi
}

// unpackHistory walks every node's resource history in status order, in
// passes: a remote node's history waits until its connection (and a guest
// node's container) is known to run. An offline cluster node's history
// only matters when fencing (or shutdown locking) is enabled: otherwise
// offline nodes run nothing. What is left is unpacked last when fencing
// is enabled (unpack_status).
func (c *cluster) unpackHistory() {
	c.nodeHistory = make([][]historyEntry, len(c.nodes))
	for c.historyPass(false) {
	}
	c.historyPass(c.stonithEnabled)
	if c.haveRemote {
		c.finishRemoteNodes()
	}
}

// historyPass unpacks the histories that can be unpacked now and reports
// whether it unpacked any (unpack_node_history).
func (c *cluster) historyPass(all bool) bool {
	progress := false
	for _, st := range c.cib.Status.Nodes {
		n := c.nodeByID[st.ID]
		if n == nil {
			n = c.nodeByName[st.Uname]
		}
		if n == nil || n.state != st || n.unpacked {
			continue
		}
		if !all && !c.historyReady(n) {
			continue
		}
		if n.isRemote() {
			c.determineRemoteOnline(n)
			c.remoteNodeAttrs(n, st)
		}
		n.unpacked = true
		progress = true
		if st.LRM == nil {
			continue
		}
		c.nodeHistory[n.idx] = make([]historyEntry, 0, len(st.LRM.Resources))
		for _, lr := range st.LRM.Resources {
			c.unpackLRMResource(n, lr)
		}
	}
	return progress
}

func (c *cluster) findHistoryResource(id string, n *node) *resource {
	r := c.rscByID[id]
	if r != nil && r.kind != kindPrimitive {
		return nil
	}
	if r != nil && r.top().kind != kindClone {
		return r
	}
	return c.findCloneHistoryResource(id, n)
}

func (c *cluster) unpackLRMResource(n *node, lr *cib.LRMResource) {
	if len(lr.Ops) == 0 {
		return
	}
	r := c.findHistoryResource(lr.ID, n)
	if r == nil {
		r = c.newOrphan(lr)
		if r == nil {
			return
		}
	}
	if lr.ID != r.id {
		r.cloneName = lr.ID
		if c.renamed == nil {
			c.renamed = map[string]bool{}
		}
		c.renamed[lr.ID] = true
	}
	ops := lr.Ops
	if !opsStrictlySorted(ops) {
		ops = glibSort(append([]*cib.LRMOp(nil), ops...), compareOps)
	}
	savedRole := r.role
	r.role = RoleUnknown
	onFail := failIgnore
	var lastFailure *cib.LRMOp
	for _, o := range ops {
		c.unpackOp(r, n, o, &lastFailure, &onFail)
	}
	start, stop := activeRange(ops)
	c.nodeHistory[n.idx] = append(c.nodeHistory[n.idx], historyEntry{node: n, rsc: r, lr: lr, ops: ops, startIndex: start, stopIndex: stop})
	c.processRecurring(n, r, start, stop, ops)
	c.processRscState(r, n, onFail)
	if v := r.meta["target-role"]; v != "" {
		if req, ok := targetRole(r, v); ok {
			if r.nextRole == RoleUnknown || req < r.nextRole {
				r.nextRole = req
			}
		}
	}
	if savedRole > r.role {
		r.role = savedRole
	}
}

func (c *cluster) newOrphan(lr *cib.LRMResource) *resource {
	p := &cib.Primitive{ID: lr.ID, Class: lr.Class, Provider: lr.Provider, Type: lr.Type}
	r := c.newPrimitive(p, nil)
	if r == nil {
		return nil
	}
	r.set(fOrphan)
	r.orphanFiller = lr.Container != ""
	c.orphanRemoteConn(r)
	c.resources = append(c.resources, r)
	if !c.stopOrphans {
		r.clear(fManaged)
	} else {
		c.why("orphan", "not in the configuration")
		c.resourceLocation(r, nil, negInf)
	}
	return r
}

func (c *cluster) processRecurring(n *node, r *resource, start, stop int, ops []*cib.LRMOp) {
	for i, o := range ops {
		if !n.online {
			break
		}
		if start < stop && i <= stop {
			continue
		}
		if i < start {
			continue
		}
		iv := atoiDefault(o.Interval, 0)
		if iv == 0 || o.OpStatus == "-1" {
			continue
		}
		c.customAction(r, opKey(r.id, o.Operation, iv), o.Operation, n, true, true)
	}
}

func (r *resource) setActive() {
	if r.top().has(fPromotable) {
		r.role = RoleUnpromoted
	} else {
		r.role = RoleStarted
	}
}

func isProbe(task string, interval int) bool { return task == "monitor" && interval == 0 }

func (c *cluster) processRscState(r *resource, n *node, onFail int) {
	if r.role != RoleUnknown {
		for it := r; it != nil; it = it.parent {
			it.knownOn[n.idx] = true
			if it.has(fUnique) {
				break
			}
		}
	}
	if r.role > RoleStopped && !n.online && !n.maintenance && r.has(fManaged) {
		c.fenceActiveOnOffline(r, n)
	}
	saveOnFail := onFail
	if n.unclean {
		onFail = failIgnore
	}
	switch onFail {
	case failDemote:
		r.set(fFailed)
		c.demoteAction(r, n, false)
	case failFence:
		c.fenceNode(n, r.id+" failed there")
	case failStandby:
		n.standby = true
		n.standbyFail = true
	case failBlock:
		r.clear(fManaged)
		r.set(fBlock)
	case failMigrate:
		c.why("failure", "on-fail=migrate")
		c.resourceLocation(r, n, negInf)
	case failStop:
		r.nextRole = RoleStopped
	case failRecover:
		if r.role != RoleStopped && r.role != RoleUnknown {
			r.set(fFailed | fStop)
			c.stopAction(r, n, false)
		}
	case failRestartContainer, failResetRemote:
		c.remoteOnFail(r, n, onFail)
	}
	c.remoteFailedConn(r)
	if r.role != RoleStopped && r.role != RoleUnknown {
		c.addRunning(r, n, saveOnFail != failIgnore)
		switch onFail {
		case failIgnore:
		case failDemote, failBlock:
			r.set(fFailed)
		default:
			r.set(fFailed | fStop)
		}
	} else if strings.Contains(r.cloneName, ":") {
		// An instance number recorded by an older status section is
		// forgotten once the instance is known to be stopped there, so it
		// does not look like an orphan.
		r.cloneName = ""
	} else {
		for _, a := range r.actions {
			if a.task == "stop" && a.node == n {
				a.set(aOptional)
			}
		}
	}
}

func (c *cluster) addRunning(r *resource, n *node, failed bool) {
	for _, x := range r.runningOn {
		if x == n {
			return
		}
	}
	r.runningOn = append(r.runningOn, n)
	if r.kind == kindPrimitive {
		n.running = append(n.running, r)
		if n.maintenance {
			r.clear(fManaged)
			r.set(fMaintenance)
		}
	}
	if !r.has(fManaged) {
		c.why("unmanaged", "stays where it runs")
		c.resourceLocation(r, n, inf)
		for p := r.parent; p != nil && n.online; p = p.parent {
			p.runningOn = append(p.runningOn, n)
		}
		return
	}
	if r.kind == kindPrimitive && len(r.runningOn) > 1 {
		switch r.recovery {
		case "stop_only":
			for i := range r.allowed {
				r.allowed[i] = negInf
				r.allowedSet[i] = true
			}
		case "block":
			r.clear(fManaged)
			r.set(fBlock)
			if r.parent != nil && r.parent.kind == kindGroup && r.parent.recovery == "block" {
				for _, ch := range r.parent.children {
					ch.clear(fManaged)
					ch.set(fBlock)
				}
			}
		}
	}
	if r.parent != nil {
		c.addRunning(r.parent, n, false)
	}
}
