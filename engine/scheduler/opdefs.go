package scheduler

import (
	"strconv"
	"strings"

	"gocrm/cib"
)

// opDefs returns the primitive's configured operations (cached).
func (c *cluster) opDefs(r *resource) []*opDef {
	if r.prim == nil {
		return nil
	}
	if c.opCache == nil {
		c.opCache = map[*resource][]*opDef{}
	}
	if ds, ok := c.opCache[r]; ok {
		return ds
	}
	var ds []*opDef
	for _, o := range r.prim.Ops.Ops {
		iv, _ := parseIntervalMS(o.Attrs.Get("interval"))
		d := &opDef{id: o.ID, name: o.Name, interval: iv, op: o, enabled: true}
		d.role = parseRole(o.Attrs.Get("role"))
		if v, ok := o.Attrs.Lookup("enabled"); ok && cib.IsFalse(v) {
			d.enabled = false
		}
		d.meta = map[string]string{}
		for _, a := range o.Attrs {
			d.meta[a.Name] = a.Value
		}
		ctx := ruleCtx{now: c.now, class: r.class, provider: r.provider, agent: r.agent, opName: o.Name, opIntvl: iv, hasOp: true}
		evalNVSets(c, o.Meta, nil, d.meta, ctx)
		d.params = map[string]string{}
		evalNVSets(c, o.Params, nil, d.params, ctx)
		ds = append(ds, d)
	}
	c.opCache[r] = ds
	return ds
}

// findOpDef finds the configured operation for task/interval; migrate and
// notify operations fall back to the generic definitions like Pacemaker.
func (c *cluster) findOpDef(r *resource, task string, interval int) *opDef {
	for _, d := range c.opDefs(r) {
		if d.name == task && d.interval == interval && d.enabled {
			return d
		}
	}
	for _, d := range c.opDefs(r) {
		if d.name == task && d.interval == interval {
			return d
		}
	}
	return nil
}

// opMeta returns an operation's meta attributes with op_defaults applied.
func (c *cluster) opMeta(r *resource, task string, interval int, d *opDef) map[string]string {
	m := map[string]string{}
	if d != nil {
		for k, v := range d.meta {
			m[k] = v
		}
	}
	ctx := ruleCtx{now: c.now, class: r.class, provider: r.provider, agent: r.agent, opName: task, opIntvl: interval, hasOp: true}
	evalNVSets(c, c.cib.Config.OpDefaults, nil, m, ctx)
	return m
}

func (c *cluster) onFailFor(r *resource, task string, interval int) int {
	f, _ := c.onFailAndRole(r, task, interval, c.findOpDef(r, task, interval))
	return f
}

// onFailAndRole is the on-fail handling of an operation and the role the
// resource falls back to on failure.
func (c *cluster) onFailAndRole(r *resource, task string, interval int, d *opDef) (int, Role) {
	m := c.opMeta(r, task, interval, d)
	v := strings.ToLower(m["on-fail"])
	// Probes fall back to the on-fail of the lowest-interval monitor only
	// through explicit op definitions; stop defaults differ.
	failRole := RoleStarted
	res := -1
	switch v {
	case "block":
		res = failBlock
	case "fence":
		res = failFence
		if !c.stonithEnabled {
			res, failRole = failStop, RoleStopped
		}
	case "standby":
		res = failStandby
	case "ignore", "nothing":
		res = failIgnore
	case "migrate":
		res = failMigrate
	case "stop":
		res, failRole = failStop, RoleStopped
	case "restart":
		res = failRecover
	case "restart-container":
		res = failRestartContainer
	case "demote":
		res = failDemote
	}
	if res < 0 || !r.has(fManaged) {
		if d, role, ok := c.remoteOnFailDefault(r, task, interval, res < 0); ok {
			return d, role
		}
	}
	if res < 0 {
		switch {
		case task == "stop":
			if c.stonithEnabled {
				res = failFence
			} else {
				res = failBlock
			}
		default:
			res = failRecover
		}
	}
	if res == failDemote {
		failRole = RoleUnpromoted
	}
	return res, failRole
}

// opTimeoutMS is the effective timeout of an operation in milliseconds.
func (c *cluster) opTimeoutMS(r *resource, task string, interval int) int {
	d := c.findOpDef(r, task, interval)
	if d == nil && isProbe(task, interval) {
		// probes use the timeout of the shortest monitor
		best := -1
		for _, x := range c.opDefs(r) {
			if x.name == "monitor" && x.interval > 0 && (best < 0 || x.interval < best) {
				best = x.interval
				d = x
			}
		}
	}
	m := c.opMeta(r, task, interval, d)
	if t, ok := m["timeout"]; ok {
		if ms, ok := parseIntervalMS(t); ok {
			return ms
		}
	}
	return 20000
}

func itoa(n int) string { return strconv.Itoa(n) }
