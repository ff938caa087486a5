package scheduler

import (
	"strings"

	"gocrm/cib"
)

// opDef is one configured operation of a primitive, with its meta
// attributes resolved against op_defaults.
type opDef struct {
	id       string
	name     string
	interval int // ms
	role     Role
	enabled  bool
	meta     map[string]string // every attribute and op meta, with op_defaults
	params   map[string]string // op instance attributes
	op       *cib.Op
}

func (c *cluster) unpackResources() {
	c.rscByID = map[string]*resource{}
	c.templates = map[string]*cib.Template{}
	for _, r := range c.cib.Config.Resources {
		if t, ok := r.(*cib.Template); ok {
			c.templates[t.ID] = t
		}
	}
	for _, r := range c.cib.Config.Resources {
		var rsc *resource
		switch x := r.(type) {
		case *cib.Primitive:
			rsc = c.newPrimitive(x, nil)
		case *cib.Group:
			rsc = c.newGroup(x, nil)
		case *cib.Clone:
			rsc = c.newClone(x)
		}
		if rsc != nil {
			c.resources = append(c.resources, rsc)
		}
	}
	for _, p := range c.guestConns {
		if rsc := c.newPrimitive(p, nil); rsc != nil {
			c.resources = append(c.resources, rsc)
		}
	}
	c.setupContainers()
	c.sortByPriority()
	for _, t := range c.cib.Config.Tags {
		if c.tags == nil {
			c.tags = map[string][]string{}
		}
		c.tags[t.ID] = t.Refs
	}
}

func (c *cluster) register(r *resource) bool {
	if _, dup := c.rscByID[r.id]; dup {
		return false
	}
	r.idx = len(c.allRsc)
	c.rscByID[r.id] = r
	c.allRsc = append(c.allRsc, r)
	n := len(c.nodes)
	r.allowed = make([]Score, n)
	r.allowedSet = make([]bool, n)
	r.discover = make([]discoverMode, n)
	r.knownOn = make([]bool, n)
	r.role = RoleStopped
	r.nextRole = RoleUnknown
	r.flags |= fProvisional
	return true
}

// resolveMeta fills r.meta: own meta attributes, then the parent's, then
// rsc_defaults (first value wins).
func (c *cluster) resolveMeta(r *resource, own []*cib.NVSet) {
	r.meta = map[string]string{}
	ctx := ruleCtx{now: c.now, class: r.class, provider: r.provider, agent: r.agent}
	evalNVSets(c, own, nil, r.meta, ctx)
	if r.parent != nil {
		for k, v := range r.parent.meta {
			if _, ok := r.meta[k]; !ok {
				r.meta[k] = v
			}
		}
	}
	evalNVSets(c, c.cib.Config.RscDefaults, nil, r.meta, ctx)
}

func (c *cluster) commonUnpack(r *resource) {
	m := r.meta
	if v, ok := scanLL(m["priority"]); ok {
		r.priority = int(clampScore(int(v)))
	}
	r.flags |= fCritical
	if v, ok := m["critical"]; ok && cib.IsFalse(v) {
		r.clear(fCritical)
	}
	if cib.IsTrue(m["notify"]) {
		r.set(fNotify)
	}
	if v, ok := m["allow-migrate"]; cib.IsTrue(v) || (!ok && r.migratesByDefault()) {
		r.set(fMigratable)
	}
	r.flags |= fManaged
	if v, ok := m["is-managed"]; ok && cib.IsFalse(v) {
		r.clear(fManaged)
	} else if !ok {
		if v, ok := c.props["is-managed-default"]; ok && cib.IsFalse(v) {
			r.clear(fManaged)
		}
	}
	if c.maintenanceMode || cib.IsTrue(m["maintenance"]) {
		r.clear(fManaged)
		r.set(fMaintenance)
	}
	top := r.top()
	if top.kind != kindClone || cib.IsTrue(m["globally-unique"]) {
		r.set(fUnique)
	}
	r.recovery = "stop_start"
	switch strings.ToLower(m["multiple-active"]) {
	case "stop_only", "stop_unexpected", "block":
		r.recovery = strings.ToLower(m["multiple-active"])
	}
	r.stickiness = c.defaultStickiness
	if v, ok := m["resource-stickiness"]; ok {
		r.stickiness, _ = cib.ParseScore(v)
	}
	r.migrationThreshold = int(inf)
	if v, ok := m["migration-threshold"]; ok {
		s, err := cib.ParseScore(v)
		if err == nil {
			if s < 0 {
				s = 0
			}
			r.migrationThreshold = int(s)
		}
	}
	if v, ok := m["failure-timeout"]; ok {
		if ms, ok := parseIntervalMS(v); ok {
			r.failureTimeout = ms / 1000
		}
	}
	if v := m["target-role"]; v != "" {
		if role, ok := targetRole(r, v); ok {
			r.nextRole = role
		}
	}
}

func targetRole(r *resource, v string) (Role, bool) {
	lv := strings.ToLower(v)
	if lv == "started" || lv == "default" || lv == "" {
		return RoleUnknown, false
	}
	role := parseRole(v)
	switch {
	case role == RoleUnknown:
		return role, false
	case role > RoleStarted:
		if !r.top().has(fPromotable) || role > RoleUnpromoted {
			return role, false
		}
	}
	return role, true
}

func (c *cluster) newPrimitive(p *cib.Primitive, parent *resource) *resource {
	r := &resource{id: p.ID, kind: kindPrimitive, parent: parent}
	if !c.register(r) {
		return nil
	}
	eff := *p
	if p.Template != "" {
		if t := c.templates[p.Template]; t != nil {
			r.tmpl = t
			eff.Class, eff.Provider, eff.Type = t.Class, t.Provider, t.Type
			eff.Params = append(append([]*cib.NVSet{}, p.Params...), t.Params...)
			eff.Meta = append(append([]*cib.NVSet{}, p.Meta...), t.Meta...)
			eff.Utilization = append(append([]*cib.NVSet{}, p.Utilization...), t.Utilization...)
			ops := append([]*cib.Op{}, t.Ops.Ops...)
			for _, o := range p.Ops.Ops {
				replaced := false
				for i, to := range ops {
					if to.Name == o.Name && sameInterval(to.Interval(), o.Interval()) {
						ops[i] = o
						replaced = true
					}
				}
				if !replaced {
					ops = append(ops, o)
				}
			}
			eff.Ops.Ops = ops
		}
	}
	r.prim = &eff
	r.class, r.provider, r.agent = eff.Class, eff.Provider, eff.Type
	c.resolveMeta(r, eff.Meta)
	if r.class == "stonith" {
		r.set(fFenceDevice)
		c.haveStonithRsc = true
	}
	c.commonUnpack(r)
	c.unpackRemoteConn(r)
	c.unpackRequires(r)
	r.utilization = map[string]int{}
	u := map[string]string{}
	evalNVSets(c, eff.Utilization, nil, u, ruleCtx{now: c.now})
	for k, v := range u {
		r.utilization[k] = atoiDefault(v, 0)
	}
	return r
}

func sameInterval(a, b string) bool {
	x, _ := parseIntervalMS(a)
	y, _ := parseIntervalMS(b)
	return x == y
}

func (c *cluster) unpackRequires(r *resource) {
	v := strings.ToLower(r.meta["requires"])
	if v == "" {
		// legacy: requires on the start op
		for _, o := range r.prim.Ops.Ops {
			if o.Name == "start" {
				v = strings.ToLower(o.Attrs.Get("requires"))
			}
		}
	}
	switch v {
	case "nothing":
	case "quorum":
		r.set(fNeedsQuorum)
	case "fencing", "unfencing":
		if v == "unfencing" && (r.has(fFenceDevice) || !c.stonithEnabled) {
			r.set(fNeedsQuorum)
			return
		}
		r.set(fNeedsFencing)
	default:
		switch {
		case r.has(fFenceDevice), r.isRemoteConn:
			r.set(fNeedsQuorum)
		case c.stonithEnabled:
			r.set(fNeedsFencing)
		case c.noQuorumPolicy == nqIgnore:
		default:
			r.set(fNeedsQuorum)
		}
	}
}

func (c *cluster) newGroup(g *cib.Group, parent *resource) *resource {
	r := &resource{id: g.ID, kind: kindGroup, parent: parent}
	if !c.register(r) {
		return nil
	}
	c.resolveMeta(r, g.Meta)
	c.commonUnpack(r)
	r.groupOrdered = true
	r.groupColocated = true
	if v, ok := r.meta["ordered"]; ok && cib.IsFalse(v) {
		r.groupOrdered = false
	}
	if v, ok := r.meta["collocated"]; ok && cib.IsFalse(v) {
		r.groupColocated = false
	}
	for _, p := range g.Children {
		if ch := c.newPrimitive(p, r); ch != nil {
			r.children = append(r.children, ch)
		}
	}
	return r
}
