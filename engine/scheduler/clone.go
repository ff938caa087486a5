package scheduler

import (
	"strconv"
	"strings"

	"gocrm/cib"
)

// Clones are unpacked into instances: the child is copied clone-max times
// with ids CHILD:0 .. CHILD:N-1 (a cloned group's members are renamed the
// same way). Anonymous instances are matched to history entries by node.

func instanceID(id string, i int) string { return id + ":" + strconv.Itoa(i) }

// baseID strips a clone instance suffix (rsc:3 -> rsc).
func baseID(id string) string {
	if i := strings.LastIndexByte(id, ':'); i > 0 {
		if _, err := strconv.Atoi(id[i+1:]); err == nil {
			return id[:i]
		}
	}
	return id
}

func (c *cluster) newClone(x *cib.Clone) *resource {
	r := &resource{id: x.ID, kind: kindClone}
	if !c.register(r) {
		return nil
	}
	if x.Promotable() {
		r.set(fPromotable)
	}
	c.resolveMeta(r, x.Meta)
	if _, ok := r.meta["resource-stickiness"]; !ok {
		r.meta["resource-stickiness"] = "1"
	}
	c.commonUnpack(r)
	if cib.IsTrue(r.meta["globally-unique"]) {
		r.set(fUnique)
	} else {
		r.clear(fUnique)
	}
	r.cloneMax = len(c.nodes)
	if v, ok := r.meta["clone-max"]; ok {
		if n, ok := scanLL(v); ok && n >= 0 {
			r.cloneMax = int(n)
		}
	}
	r.cloneNodeMax = 1
	if v, ok := r.meta["clone-node-max"]; ok {
		if n, ok := scanLL(v); ok && n >= 1 {
			r.cloneNodeMax = int(n)
		}
	}
	r.promotedMax = metaInt(r.meta, 1, "promoted-max", "master-max")
	r.promotedNodeMax = metaInt(r.meta, 1, "promoted-node-max", "master-node-max")
	r.interleave = cib.IsTrue(r.meta["interleave"])
	r.ordered = cib.IsTrue(r.meta["ordered"])
	r.cloneChild = x.Child
	n := r.cloneMax
	if n == 0 {
		n = 1 // a single :0 orphan to match history against
	}
	for i := 0; i < r.cloneMax; i++ {
		c.newInstance(r, i)
	}
	if r.cloneMax == 0 {
		if inst := c.newInstance(r, 0); inst != nil {
			c.markOrphan(inst)
		}
	}
	c.cloneByBase(r)
	return r
}

func (c *cluster) markOrphan(r *resource) {
	r.set(fOrphan)
	for _, ch := range r.children {
		c.markOrphan(ch)
	}
}

// newInstance creates instance i of a clone.
func (c *cluster) newInstance(clone *resource, i int) *resource {
	switch ch := clone.cloneChild.(type) {
	case *cib.Primitive:
		p := *ch
		p.ID = instanceID(ch.ID, i)
		inst := c.newPrimitive(&p, clone)
		if inst != nil {
			inst.cloneBase = ch.ID
			clone.children = append(clone.children, inst)
			c.fixInstanceFlags(inst, clone)
		}
		return inst
	case *cib.Group:
		g := *ch
		g.ID = instanceID(ch.ID, i)
		g.Children = nil
		for _, m := range ch.Children {
			mp := *m
			mp.ID = instanceID(m.ID, i)
			g.Children = append(g.Children, &mp)
		}
		inst := c.newGroup(&g, clone)
		if inst != nil {
			inst.cloneBase = ch.ID
			for j, m := range inst.children {
				m.cloneBase = ch.Children[j].ID
				c.fixInstanceFlags(m, clone)
			}
			clone.children = append(clone.children, inst)
			c.fixInstanceFlags(inst, clone)
		}
		return inst
	}
	return nil
}

func (c *cluster) fixInstanceFlags(inst, clone *resource) {
	if clone.has(fUnique) {
		inst.set(fUnique)
	} else {
		inst.clear(fUnique)
	}
}

func (c *cluster) cloneByBase(r *resource) {
	if c.cloneBases == nil {
		c.cloneBases = map[string]*resource{}
	}
	switch ch := r.cloneChild.(type) {
	case *cib.Primitive:
		c.cloneBases[ch.ID] = r
	case *cib.Group:
		c.cloneBases[ch.ID] = r
		for _, m := range ch.Children {
			c.cloneBases[m.ID] = r
		}
	}
}

// locationNodes is fns->location with current=2: where the resource (or
// its members) is active or has a pending action.
func (r *resource) locationNodes(out []*node) []*node {
	if r.kind != kindPrimitive {
		for _, ch := range r.children {
			out = ch.locationNodes(out)
		}
		return out
	}
	add := func(n *node) {
		for _, x := range out {
			if x == n {
				return
			}
		}
		out = append(out, n)
	}
	for _, n := range r.runningOn {
		add(n)
	}
	if r.pendingNode != nil {
		add(r.pendingNode)
	}
	return out
}

// memberFor finds the member of an instance that corresponds to a base id.
func memberFor(inst *resource, base string) *resource {
	if inst.kind == kindPrimitive {
		if inst.cloneBase == base {
			return inst
		}
		return nil
	}
	for _, m := range inst.children {
		if x := memberFor(m, base); x != nil {
			return x
		}
	}
	return nil
}

// findCloneHistoryResource maps a history entry of a cloned resource to an
// instance (find_anonymous_clone for anonymous clones).
func (c *cluster) findCloneHistoryResource(id string, n *node) *resource {
	base := baseID(id)
	clone := c.cloneBases[base]
	if clone == nil {
		return nil
	}
	if clone.has(fUnique) {
		if r := c.rscByID[id]; r != nil && r.kind == kindPrimitive {
			return r
		}
		return c.extraInstance(clone, base)
	}
	var rsc, inactive *resource
	skipInactive := false
	for _, inst := range clone.children {
		if rsc != nil {
			break
		}
		locs := inst.locationNodes(nil)
		if len(locs) > 0 {
			if locs[0] == n {
				if m := memberFor(inst, base); m != nil {
					if len(m.runningOn) > 0 {
						skipInactive = true
					} else {
						rsc = m
					}
				}
			}
		} else if !skipInactive && inactive == nil && !inst.has(fBlock) {
			inactive = memberFor(inst, base)
			if inactive != nil && inactive.pendingNode != nil && inactive.pendingNode != n {
				inactive = nil
			}
		}
	}
	if rsc == nil && !skipInactive && inactive != nil {
		rsc = inactive
	}
	if rsc != nil && !rsc.has(fNeedsFencing) && (!n.online || n.unclean) {
		rsc = nil
	}
	if rsc == nil {
		rsc = c.extraInstance(clone, base)
	}
	return rsc
}

// extraInstance creates an orphan instance beyond clone-max.
func (c *cluster) extraInstance(clone *resource, base string) *resource {
	inst := c.newInstance(clone, len(clone.children))
	if inst == nil {
		return nil
	}
	c.markOrphan(inst)
	for _, n := range c.nodes {
		c.resourceNodeScore(inst, n, negInf, false)
	}
	return memberFor(inst, base)
}

// metaInt reads the first of names present in meta as an integer.
func metaInt(meta map[string]string, def int, names ...string) int {
	for _, name := range names {
		if v, ok := meta[name]; ok {
			if n, ok := scanLL(v); ok {
				return int(n)
			}
			return def
		}
	}
	return def
}
