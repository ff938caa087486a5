package simulate

import (
	"strconv"
	"strings"
	"time"

	"gocrm/cib"
	"gocrm/engine/scheduler"
)

// copyStatus returns a CIB sharing the configuration with c but with a
// status section that can be modified without touching c.
func copyStatus(c *cib.CIB) *cib.CIB {
	cp := *c
	cp.Attrs = append(cib.Attrs(nil), c.Attrs...)
	cp.Status.Nodes = make([]*cib.NodeState, len(c.Status.Nodes))
	for i, ns := range c.Status.Nodes {
		n := *ns
		if ns.LRM != nil {
			l := *ns.LRM
			l.Resources = make([]*cib.LRMResource, len(ns.LRM.Resources))
			for j, r := range ns.LRM.Resources {
				rc := *r
				rc.Ops = append([]*cib.LRMOp(nil), r.Ops...)
				l.Resources[j] = &rc
			}
			n.LRM = &l
		}
		cp.Status.Nodes[i] = &n
	}
	return &cp
}

// copyNodeStates copies c and its node_state elements, but shares their
// histories: enough to change a node's membership without touching c,
// and cheap for a large status.
func copyNodeStates(c *cib.CIB) *cib.CIB {
	cp := *c
	cp.Status.Nodes = make([]*cib.NodeState, len(c.Status.Nodes))
	for i, ns := range c.Status.Nodes {
		n := *ns
		cp.Status.Nodes[i] = &n
	}
	return &cp
}

func findNodeState(c *cib.CIB, name, id string) *cib.NodeState {
	for _, ns := range c.Status.Nodes {
		if ns.Uname == name {
			return ns
		}
	}
	ns := &cib.NodeState{ID: id, Uname: name}
	if ns.ID == "" {
		ns.ID = name
	}
	c.Status.Nodes = append(c.Status.Nodes, ns)
	return ns
}

// setNodeUp is pcmk__inject_node_state_change.
func setNodeUp(ns *cib.NodeState, up bool) {
	if up {
		ns.InCCM, ns.Crmd, ns.Join, ns.Expected = "true", "online", "member", "member"
	} else {
		ns.InCCM, ns.Crmd, ns.Join, ns.Expected = "false", "offline", "down", "down"
	}
	ns.CRMDebugOrigin = "crm_simulate"
}

func lrmResource(ns *cib.NodeState, id, class, provider, agent string) *cib.LRMResource {
	if ns.LRM == nil {
		ns.LRM = &cib.LRM{ID: ns.ID}
	}
	for _, r := range ns.LRM.Resources {
		if r.ID == id {
			return r
		}
	}
	r := &cib.LRMResource{ID: id, Class: class, Provider: provider, Type: agent}
	ns.LRM.Resources = append(ns.LRM.Resources, r)
	return r
}

const fakeUUID = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"

// injectResult records a successful (expected) result of a resource action
// in the resource's history, the way crm_simulate does.
func injectResult(lr *cib.LRMResource, a scheduler.GraphAction, now time.Time) {
	callID := 0
	stamp := now.Unix()
	for _, o := range lr.Ops {
		if n, err := strconv.Atoi(o.CallID); err == nil && n > callID {
			callID = n
		}
		// crm_simulate stamps results with the wall clock, so they are
		// always newer than the recorded history.
		if t, err := strconv.ParseInt(o.LastRCChange, 10, 64); err == nil && t >= stamp {
			stamp = t + 1
		}
	}
	callID++
	rc := a.TargetRC
	if rc < 0 {
		rc = 0
	}
	task := a.Task
	key := a.Resource + "_" + task + "_" + strconv.Itoa(a.Interval)
	var id string
	switch {
	case task == "notify":
		// Notifications are recorded under their own key, so they never
		// replace the resource's last result.
		id = notifyHistoryID(a)
	case task == "migrate_to" || task == "migrate_from":
		id = key
	case a.Interval > 0:
		id = key
	default:
		id = a.Resource + "_last_0"
	}
	tkey := strconv.Itoa(callID) + ":-1:" + strconv.Itoa(rc) + ":" + fakeUUID
	op := &cib.LRMOp{
		ID: id, OperationKey: key, Operation: task, CRMDebugOrigin: "crm_simulate",
		CRMFeatureSet: "3.16.1", TransitionKey: tkey,
		TransitionMagic: "0:" + strconv.Itoa(rc) + ";" + tkey,
		CallID:          strconv.Itoa(callID), RCCode: strconv.Itoa(rc), OpStatus: "0",
		Interval: strconv.Itoa(a.Interval), LastRCChange: strconv.FormatInt(stamp, 10),
		ExecTime: "0", QueueTime: "0",
	}
	if a.Params != nil {
		op.OpDigest = scheduler.ParamsDigest(a.Params)
	}
	if task == "migrate_to" || task == "migrate_from" {
		op.MigrateSource, op.MigrateTarget = a.MigrateSource, a.MigrateTarget
	}
	for i, o := range lr.Ops {
		if o.ID == id {
			lr.Ops[i] = op
			return
		}
	}
	lr.Ops = append(lr.Ops, op)
}

// notifyHistoryID is the history id of a notification: the resource with
// the notification's type and operation, e.g. rsc_post_notify_start_0.
func notifyHistoryID(a scheduler.GraphAction) string {
	for _, typ := range []string{"_pre_notify_", "_post_notify_"} {
		if i := strings.LastIndex(a.Key, typ); i >= 0 {
			return a.Resource + a.Key[i:]
		}
	}
	return a.Key
}

// execute runs the graph as crm_simulate does (every action succeeds at
// once) and returns the order in which actions fired.
func execute(g scheduler.Graph) []int {
	confirmed := map[int]bool{}
	fired := make([]bool, len(g.Actions))
	var order []int
	for {
		progress := false
		for i, a := range g.Actions {
			if fired[i] {
				continue
			}
			ready := true
			for _, in := range a.Inputs {
				if !confirmed[in] {
					ready = false
					break
				}
			}
			if !ready {
				continue
			}
			fired[i] = true
			confirmed[a.ID] = true
			order = append(order, i)
			progress = true
		}
		if !progress {
			return order
		}
	}
}
