package scheduler

import (
	"strings"

	"gocrm/cib"
)

// Live migration in the history. A complete migration is migrate_to on
// the source, migrate_from on the target, then stop on the source. What
// the history shows of it decides where the resource counts as active:
//
//   - migrate_to done, no migrate_from yet: a partial migration, active on
//     both nodes; it may continue if the target stays the same;
//   - migrate_to and migrate_from done, no stop: a dangling migration, the
//     source only needs a stop;
//   - a failed migrate_to or migrate_from: active on both nodes (unless
//     newer history says otherwise), recovered by a full stop.

// migratesByDefault: Pacemaker Remote connections may migrate unless
// allow-migrate says otherwise.
func (r *resource) migratesByDefault() bool {
	return r.kind == kindPrimitive && r.class == "ocf" && r.provider == "pacemaker" && r.agent == "remote"
}

// findLRMResource is the resource's history on the named node (the first
// in status order), or nil.
func (c *cluster) findLRMResource(rscID, nodeName string) *cib.LRMResource {
	if c.lrmIndex == nil {
		c.lrmIndex = map[[2]string]*cib.LRMResource{}
		for _, ns := range c.cib.Status.Nodes {
			if ns.LRM == nil {
				continue
			}
			for _, lr := range ns.LRM.Resources {
				k := [2]string{ns.Uname, lr.ID}
				if _, ok := c.lrmIndex[k]; !ok {
					c.lrmIndex[k] = lr
				}
			}
		}
	}
	return c.lrmIndex[[2]string{nodeName, rscID}]
}

// findLRMOp is find_lrm_op: the first history entry of the resource on the
// node for the operation; for migrations, only one whose other end is
// peer. With targetRC >= 0 the entry must have completed with that result.
func (c *cluster) findLRMOp(rscID, op, nodeName, peer string, targetRC int) *cib.LRMOp {
	lr := c.findLRMResource(rscID, nodeName)
	if lr == nil {
		return nil
	}
	for _, o := range lr.Ops {
		if o.Operation != op {
			continue
		}
		if peer != "" && op == "migrate_to" && o.MigrateTarget != peer {
			continue
		}
		if peer != "" && op == "migrate_from" && o.MigrateSource != peer {
			continue
		}
		if targetRC >= 0 && (atoiDefault(o.RCCode, -1) != targetRC || atoiDefault(o.OpStatus, -1) != execDone) {
			return nil
		}
		return o
	}
	return nil
}

// isNewerOp is pe__is_newer_op: > 0 when a is newer than b. Entries
// without on_node are on the same node when sameNodeDefault says so.
func isNewerOp(a, b *cib.LRMOp, sameNodeDefault bool) int {
	if a == nil || b == nil {
		return 0
	}
	same := sameNodeDefault
	if a.OnNode != "" && b.OnNode != "" {
		same = strings.EqualFold(a.OnNode, b.OnNode)
	}
	return compareOpsOn(a, b, same)
}

// nonMonitorAfter: the resource has a start, stop or migration on the
// node newer than op.
func (c *cluster) nonMonitorAfter(rscID, nodeName string, op *cib.LRMOp, sameNode bool) bool {
	lr := c.findLRMResource(rscID, nodeName)
	if lr == nil {
		return false
	}
	for _, o := range lr.Ops {
		if o == op {
			continue
		}
		switch o.Operation {
		case "start", "stop", "migrate_to", "migrate_from":
			if isNewerOp(o, op, sameNode) > 0 {
				return true
			}
		}
	}
	return false
}

// monitorNotRunningAfter: a monitor newer than op found the resource
// stopped on the node.
func (c *cluster) monitorNotRunningAfter(rscID, nodeName string, op *cib.LRMOp, sameNode bool) bool {
	m := c.findLRMOp(rscID, "monitor", nodeName, "", ocfNotRunning)
	return m != nil && isNewerOp(m, op, sameNode) > 0
}

// newerStateAfterMigrate: the node has history newer than the migration
// (compared with the migration event on that node when there is one).
func (c *cluster) newerStateAfterMigrate(rscID, nodeName string, migrateTo, migrateFrom *cib.LRMOp) bool {
	op := migrateTo
	if migrateFrom != nil {
		op = migrateFrom
	}
	if op == nil {
		return false
	}
	source, target := op.MigrateSource, op.MigrateTarget
	same := false
	switch {
	case strings.EqualFold(nodeName, target):
		if migrateFrom != nil {
			op, same = migrateFrom, true
		} else {
			op = migrateTo
		}
	case strings.EqualFold(nodeName, source):
		if migrateTo != nil {
			op, same = migrateTo, true
		} else {
			op = migrateFrom
		}
	}
	return c.nonMonitorAfter(rscID, nodeName, op, same) || c.monitorNotRunningAfter(rscID, nodeName, op, same)
}

// unknownOnNode: the node has no completed history of the resource (it
// will be probed there).
func (c *cluster) unknownOnNode(rscID, nodeName string) bool {
	lr := c.findLRMResource(rscID, nodeName)
	if lr == nil {
		return true
	}
	for _, o := range lr.Ops {
		if o.RCCode != "" && o.RCCode != "193" {
			return false
		}
	}
	return true
}

func migrationEnds(o *cib.LRMOp, source, target *node) (string, string, bool) {
	s, t := o.MigrateSource, o.MigrateTarget
	if s == "" || t == "" {
		return "", "", false
	}
	if source != nil && !strings.EqualFold(s, source.name) {
		return "", "", false
	}
	if target != nil && !strings.EqualFold(t, target.name) {
		return "", "", false
	}
	return s, t, true
}

func (c *cluster) addDangling(r *resource, n *node) {
	r.role = RoleStopped
	r.dangling = append([]*node{n}, r.dangling...)
}

// unpackMigrateToSuccess handles a successful migrate_to on its source n.
func (c *cluster) unpackMigrateToSuccess(r *resource, n *node, o *cib.LRMOp) {
	source, target, ok := migrationEnds(o, n, nil)
	if !ok {
		return
	}
	sourceNewer := c.nonMonitorAfter(r.id, source, o, true)
	fromRC, fromStatus := ocfOK, execPending
	from := c.findLRMOp(r.id, "migrate_from", target, source, -1)
	if from != nil {
		if sourceNewer {
			// a newer action on the source and a migrate_from on the
			// target: this migration is over
			return
		}
		fromRC = atoiDefault(from.RCCode, ocfOK)
		fromStatus = atoiDefault(from.OpStatus, execPending)
	}
	targetNewer := c.newerStateAfterMigrate(r.id, target, o, from)
	if sourceNewer && targetNewer {
		return
	}
	if fromRC == ocfOK && fromStatus == execDone {
		c.addDangling(r, n)
		return
	}
	r.role = RoleStarted
	tn := c.nodeByName[target]
	activeOnTarget := !targetNewer && tn != nil && tn.online
	if fromStatus != execPending {
		// the migrate_from failed
		if activeOnTarget {
			c.addRunning(r, tn, true)
		} else {
			r.set(fFailed | fStop)
			r.clear(fMigratable)
		}
		return
	}
	if activeOnTarget {
		c.addRunning(r, tn, false)
		if sn := c.nodeByName[source]; sn != nil && sn.online {
			r.partialTarget, r.partialSource = tn, sn
		}
	} else if !sourceNewer {
		r.set(fFailed | fStop)
		r.clear(fMigratable)
	}
}

// unpackMigrateToFailure handles a failed migrate_to on its source n.
func (c *cluster) unpackMigrateToFailure(r *resource, n *node, o *cib.LRMOp) {
	source, target, ok := migrationEnds(o, n, nil)
	if !ok {
		return
	}
	r.role = RoleStarted
	from := c.findLRMOp(r.id, "migrate_from", target, source, ocfOK)
	if !c.unknownOnNode(r.id, target) && !c.newerStateAfterMigrate(r.id, target, o, from) {
		// no newer state on the target: assume it is active there too
		if tn := c.nodeByName[target]; tn != nil && tn.online {
			c.addRunning(r, tn, false)
		}
	} else if !c.nonMonitorAfter(r.id, source, o, true) {
		// the source still needs a stop
		r.dangling = append([]*node{n}, r.dangling...)
	}
}

// unpackMigrateFromFailure handles a failed migrate_from on its target n.
func (c *cluster) unpackMigrateFromFailure(r *resource, n *node, o *cib.LRMOp) {
	source, target, ok := migrationEnds(o, nil, n)
	if !ok {
		return
	}
	r.role = RoleStarted
	to := c.findLRMOp(r.id, "migrate_to", source, target, ocfOK)
	if !c.unknownOnNode(r.id, source) && !c.newerStateAfterMigrate(r.id, source, to, o) {
		// no newer state on the source: assume it is still active there
		if sn := c.nodeByName[source]; sn != nil && sn.online {
			c.addRunning(r, sn, true)
		}
	}
}
