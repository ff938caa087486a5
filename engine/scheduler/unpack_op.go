package scheduler

import (
	"gocrm/cib"
)

func (c *cluster) unpackOp(r *resource, n *node, o *cib.LRMOp, lastFailure **cib.LRMOp, onFail *int) {
	oi := parseOp(o)
	task := oi.task
	if task == "notify" || task == "meta-data" {
		return
	}
	if oi.status < execPending || oi.status > execInvalid {
		return
	}
	banTarget := r
	if !r.has(fUnique) {
		banTarget = r.top()
	}
	expired := false
	if oi.status != execNotInstalled && c.checkOperationExpiry(r, n, oi) {
		expired = true
	}
	rc, status := oi.rc, oi.status
	target := oi.targetRC
	probe := isProbe(task, oi.interval)
	c.remapOp(r, n, oi, target, &rc, &status, onFail)
	if expired && rc != target && status != execDone {
		if oi.interval == 0 {
			return
		}
		if n.online && !n.unclean {
			// Pacemaker rewrites the restart digest so the monitor is
			// rescheduled; we note it without touching the input.
			c.forceReschedule[o] = true
			return
		}
	}
	// A probe that found the agent missing or misconfigured is masked:
	// the resource is treated as stopped there.
	if probe && (oi.rc == ocfNotInstalled || oi.rc == ocfInvalidParam || oi.status == execNotInstalled) && r.parent == nil {
		// handled below as a failure that leaves the resource stopped
		_ = banTarget
	}
	switch status {
	case execCancelled:
		return
	case execPending:
		switch task {
		case "start":
			r.set(fStartPending)
			r.setActive()
		case "promote":
			r.role = RolePromoted
		case "migrate_to":
			if n.unclean {
				if t := c.nodeByName[o.MigrateTarget]; t != nil {
					c.stopAction(r, t, false)
				}
			}
		}
		if r.pendingTask == "" && (oi.interval != 0 || task != "monitor") {
			r.pendingTask = task
			r.pendingNode = n
		}
		return
	case execDone:
		c.updateResourceState(r, n, o, task, rc, *lastFailure, onFail)
		return
	case execNotInstalled:
		strategy := c.onFailFor(r, task, oi.interval)
		if strategy == failIgnore {
			*onFail = failMigrate
		}
		c.why("failure", "agent not installed ("+o.ID+")")
		c.resourceLocation(banTarget, n, negInf)
		c.unpackOpFailure(r, n, o, task, oi.interval, rc, lastFailure, onFail)
		return
	}
	strategy := c.onFailFor(r, task, oi.interval)
	if strategy == failIgnore || (strategy == failRestartContainer && task == "stop") {
		c.updateResourceState(r, n, o, task, target, *lastFailure, onFail)
		r.set(fFailureIgnored)
		return
	}
	c.unpackOpFailure(r, n, o, task, oi.interval, rc, lastFailure, onFail)
	if status == execErrorHard {
		c.why("failure", "hard error ("+o.ID+")")
		c.resourceLocation(banTarget, n, negInf)
	} else if status == execErrorFatal {
		c.why("failure", "fatal error ("+o.ID+")")
		c.resourceLocation(banTarget, nil, negInf)
	}
}

func (c *cluster) remapOp(r *resource, n *node, oi opInfo, target int, rc, status *int, onFail *int) {
	if *status != execDone && *status != execError {
		return
	}
	probe := isProbe(oi.task, oi.interval)
	if target < 0 {
		target = ocfOK
		if probe {
			target = ocfNotRunning
		}
	}
	if *rc == target {
		*status = execDone
	} else {
		*status = execError
	}
	switch *rc {
	case ocfOK:
		if probe && target == ocfNotRunning {
			*status = execDone
		}
	case ocfNotRunning:
		if probe || target == *rc || !r.has(fManaged) {
			*status = execDone
			r.role = RoleStopped
			*onFail = failIgnore
			r.nextRole = RoleUnknown
		}
	case ocfRunningPromoted:
		if probe && *rc != target {
			*status = execDone
		}
		r.role = RolePromoted
	case ocfDegradedPromoted, ocfFailedPromoted:
		r.role = RolePromoted
		*status = execError
	case ocfNotConfigured:
		*status = execErrorFatal
	case ocfUnimplemented:
		if oi.interval == 0 {
			*status = execErrorHard
		} else {
			*status = execNotSupported
		}
	case ocfNotInstalled, ocfInvalidParam, ocfInsufficientPriv:
		*status = execErrorHard
	case ocfDegraded:
		if oi.task == "monitor" {
			*status = execDone
		}
	default:
		if *status == execDone {
			*status = execError
		}
	}
}

func maskProbeFailure(o *cib.LRMOp) bool {
	if o.Operation != "monitor" || atoiDefault(o.Interval, 0) != 0 {
		return false
	}
	rc := atoiDefault(o.RCCode, 0)
	st := atoiDefault(o.OpStatus, 0)
	return rc == ocfNotInstalled || rc == ocfInvalidParam || st == execNotInstalled
}

func (c *cluster) updateResourceState(r *resource, n *node, o *cib.LRMOp, task string, rc int, lastFailure *cib.LRMOp, onFail *int) {
	clear := false
	switch {
	case rc == ocfNotInstalled || maskProbeFailure(o):
		r.role = RoleStopped
	case rc == ocfNotRunning:
		clear = true
	case task == "monitor":
		if lastFailure != nil && opKeyOf(o) == opKeyOf(lastFailure) {
			clear = true
		}
		if r.role < RoleStarted {
			r.setActive()
		}
	case task == "start":
		r.role = RoleStarted
		clear = true
	case task == "stop":
		r.role = RoleStopped
		clear = true
	case task == "promote":
		r.role = RolePromoted
		clear = true
	case task == "demote":
		if *onFail == failDemote {
			clear = true
		}
		r.role = RoleUnpromoted
	case task == "migrate_from":
		r.role = RoleStarted
		clear = true
	case task == "migrate_to":
		c.unpackMigrateToSuccess(r, n, o)
	default:
		if r.role < RoleStarted {
			r.setActive()
		}
	}
	if clear {
		switch *onFail {
		case failStop, failFence, failMigrate, failStandby:
		case failResetRemote:
			// without a reconnect interval, a completed start or stop
			// clears the failure once the remote node is fenced
			if r.reconnectMS == 0 {
				*onFail = failIgnore
				r.nextRole = RoleUnknown
			}
		default:
			*onFail = failIgnore
			r.nextRole = RoleUnknown
		}
	}
}

func opKeyOf(o *cib.LRMOp) string {
	if o.OperationKey != "" {
		return o.OperationKey
	}
	return o.ID
}

func (c *cluster) unpackOpFailure(r *resource, n *node, o *cib.LRMOp, task string, interval, rc int, lastFailure **cib.LRMOp, onFail *int) {
	*lastFailure = o
	probe := isProbe(task, interval)
	if !(!c.symmetric && rc == ocfNotInstalled) {
		c.recordFailed(r, n, o)
	}
	od := c.findOpDef(r, task, interval)
	actOnFail, failRole := c.onFailAndRole(r, task, interval, od)
	if cmpOnFail(*onFail, actOnFail) < 0 {
		*onFail = actOnFail
	}
	switch task {
	case "stop":
		c.why("failure", "stop failed ("+o.ID+")")
		c.resourceLocation(r, n, negInf)
	case "migrate_to":
		c.unpackMigrateToFailure(r, n, o)
	case "migrate_from":
		c.unpackMigrateFromFailure(r, n, o)
	case "promote":
		r.role = RolePromoted
	case "demote":
		switch {
		case actOnFail == failBlock:
			r.role = RolePromoted
			r.nextRole = RoleStopped
		case rc == ocfNotRunning:
			r.role = RoleStopped
		default:
			r.role = RoleUnpromoted
		}
	}
	if probe && rc == ocfNotInstalled {
		r.role = RoleStopped
	} else if r.role < RoleStarted {
		r.setActive()
	}
	if failRole != RoleStarted && r.nextRole < failRole {
		r.nextRole = failRole
	}
	if failRole == RoleStopped {
		c.why("failure", "on-fail=stop ("+o.ID+")")
		c.resourceLocation(r.top(), nil, negInf)
	}
}

func cmpOnFail(a, b int) int {
	rank := func(x int) int {
		switch x {
		case failRestartContainer:
			return failRecover*10 + 5
		case failResetRemote:
			return failRecover*10 + 6
		}
		return x * 10
	}
	ra, rb := rank(a), rank(b)
	switch {
	case ra < rb:
		return -1
	case ra > rb:
		return 1
	}
	return 0
}

// failedOp is a failed operation kept for the status display.
type failedOp struct {
	rsc  *resource
	node *node
	op   *cib.LRMOp
}

func (c *cluster) recordFailed(r *resource, n *node, o *cib.LRMOp) {
	c.failed = append(c.failed, failedOp{r, n, o})
}
