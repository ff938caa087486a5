package cib

func (e *enc) status(st *Status) {
	e.start("status", &st.Extra)
	e.extra(&st.Extra)
	for _, ns := range st.Nodes {
		e.nodeState(ns)
	}
	if len(st.Tickets) > 0 || st.TicketsID != "" {
		e.start("tickets", nil)
		e.attr("id", st.TicketsID)
		for _, t := range st.Tickets {
			if t == nil {
				continue
			}
			e.start("ticket_state", &t.Extra)
			e.attr("id", t.ID)
			e.attr("granted", t.Granted)
			e.attr("last-granted", t.LastGranted)
			e.attr("standby", t.Standby)
			e.leaf(&t.Extra)
		}
		e.end(nil)
	}
	e.end(&st.Extra)
}

func (e *enc) nodeState(ns *NodeState) {
	if ns == nil {
		return
	}
	e.start("node_state", &ns.Extra)
	e.attr("id", ns.ID)
	e.attr("uname", ns.Uname)
	e.attr("in_ccm", ns.InCCM)
	e.attr("crmd", ns.Crmd)
	e.attr("crm-debug-origin", ns.CRMDebugOrigin)
	e.attr("join", ns.Join)
	e.attr("expected", ns.Expected)
	e.attr("remote_node", ns.RemoteNode)
	e.attr("node_fenced", ns.NodeFenced)
	e.attr("node_in_maintenance", ns.NodeInMaintenance)
	e.attr("ha", ns.HA)
	e.attr("shutdown", ns.Shutdown)
	e.attr("clear_shutdown", ns.ClearShutdown)
	e.extra(&ns.Extra)
	if t := ns.Transient; t != nil {
		e.start("transient_attributes", &t.Extra)
		e.attr("id", t.ID)
		e.extra(&t.Extra)
		e.nvsets("instance_attributes", t.Sets)
		e.end(&t.Extra)
	}
	if l := ns.LRM; l != nil {
		e.start("lrm", &l.Extra)
		e.attr("id", l.ID)
		e.extra(&l.Extra)
		if l.ResourcesID != "" || len(l.Resources) > 0 || !hasElement(&l.Extra, "lrm_resources") {
			e.start("lrm_resources", nil)
			e.attr("id", l.ResourcesID)
			for _, r := range l.Resources {
				e.lrmResource(r)
			}
			e.end(nil)
		}
		e.end(&l.Extra)
	}
	e.end(&ns.Extra)
}

// hasElement reports whether x keeps a raw element of that name.
func hasElement(x *Extra, name string) bool {
	for _, n := range x.Nodes {
		if n != nil && n.Name == name {
			return true
		}
	}
	return false
}

func (e *enc) lrmResource(r *LRMResource) {
	if r == nil {
		return
	}
	e.start("lrm_resource", &r.Extra)
	e.attr("id", r.ID)
	e.attr("type", r.Type)
	e.attr("class", r.Class)
	e.attr("provider", r.Provider)
	e.attr("container", r.Container)
	e.attr("shutdown-lock", r.ShutdownLock)
	e.extra(&r.Extra)
	for _, op := range r.Ops {
		e.lrmOp(op)
	}
	e.end(&r.Extra)
}

func (e *enc) lrmOp(op *LRMOp) {
	if op == nil {
		return
	}
	e.start("lrm_rsc_op", &op.Extra)
	e.attr("id", op.ID)
	e.attr("operation_key", op.OperationKey)
	e.attr("operation", op.Operation)
	e.attr("crm-debug-origin", op.CRMDebugOrigin)
	e.attr("crm_feature_set", op.CRMFeatureSet)
	e.attr("transition-key", op.TransitionKey)
	e.attr("transition-magic", op.TransitionMagic)
	e.attr("exit-reason", op.ExitReason)
	e.attr("on_node", op.OnNode)
	e.attr("call-id", op.CallID)
	e.attr("rc-code", op.RCCode)
	e.attr("op-status", op.OpStatus)
	e.attr("interval", op.Interval)
	e.attr("last-rc-change", op.LastRCChange)
	e.attr("last-run", op.LastRun)
	e.attr("exec-time", op.ExecTime)
	e.attr("queue-time", op.QueueTime)
	e.attr("op-digest", op.OpDigest)
	e.attr("op-force-restart", op.OpForceRestart)
	e.attr("op-restart-digest", op.OpRestartDigest)
	e.attr("op-secure-params", op.OpSecureParams)
	e.attr("op-secure-digest", op.OpSecureDigest)
	e.attr("migrate_source", op.MigrateSource)
	e.attr("migrate_target", op.MigrateTarget)
	e.leaf(&op.Extra)
}
