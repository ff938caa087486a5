package scheduler

import (
	"strings"

	"gocrm/cib"
)

func (c *cluster) influence(influence string, dep *resource) bool {
	if influence != "" {
		if cib.IsTrue(influence) {
			return true
		}
		if cib.IsFalse(influence) {
			return false
		}
	}
	return dep.has(fCritical)
}

func colocRole(s string) Role {
	r := parseRole(s)
	if r == RoleStarted {
		return RoleUnknown
	}
	return r
}

func (c *cluster) unpackColocation(x *cib.Colocation) {
	score, err := cib.ParseScore(x.Score)
	if err != nil && len(x.Sets) == 0 {
		return
	}
	if len(x.Sets) == 0 {
		deps := c.expandRef(x.Rsc)
		prims := c.expandRef(x.WithRsc)
		if len(deps) == 0 || len(prims) == 0 {
			return
		}
		if len(deps) > 1 || len(prims) > 1 {
			// tags: treat like a set of each
			for _, d := range deps {
				for _, p := range prims {
					c.newColocation(x.ID, score, d, p, colocRole(x.RscRole), colocRole(x.WithRscRole), x.NodeAttribute, c.influence(x.Influence, d))
				}
			}
			return
		}
		c.newColocation(x.ID, score, deps[0], prims[0], colocRole(x.RscRole), colocRole(x.WithRscRole), x.NodeAttribute, c.influence(x.Influence, deps[0]))
		return
	}
	var last *cib.ResourceSet
	for _, s := range x.Sets {
		c.unpackColocationSet(x, s, score)
		if last != nil {
			c.colocateSets(x, last, s, score)
		}
		last = s
	}
}

func (c *cluster) setMembers(s *cib.ResourceSet) []*resource {
	var out []*resource
	for _, ref := range s.Refs {
		out = append(out, c.expandRef(ref)...)
	}
	return out
}

func (c *cluster) unpackColocationSet(x *cib.Colocation, s *cib.ResourceSet, score Score) {
	local := score
	if s.Score != "" {
		local, _ = cib.ParseScore(s.Score)
	}
	if local == 0 {
		return
	}
	role := colocRole(s.Role)
	ordering := s.Ordering
	if ordering == "" {
		ordering = "group"
	}
	if s.Sequential != "" && cib.IsFalse(s.Sequential) {
		return
	}
	members := c.setMembers(s)
	switch {
	case local > 0 && strings.EqualFold(ordering, "group"):
		var with *resource
		for _, r := range members {
			if with != nil {
				c.newColocation(s.ID, local, r, with, role, role, x.NodeAttribute, c.influence(x.Influence, r))
			}
			with = r
		}
	case local > 0:
		var last *resource
		for _, r := range members {
			if last != nil {
				c.newColocation(s.ID, local, last, r, role, role, x.NodeAttribute, c.influence(x.Influence, last))
			}
			last = r
		}
	default:
		for i, r := range members {
			for _, w := range members[:i] {
				c.newColocation(s.ID, local, r, w, role, role, x.NodeAttribute, c.influence(x.Influence, r))
			}
		}
	}
}

func (c *cluster) colocateSets(x *cib.Colocation, s1, s2 *cib.ResourceSet, score Score) {
	if score == 0 {
		return
	}
	m1, m2 := c.setMembers(s1), c.setMembers(s2)
	var r1, r2 *resource
	if s1.Sequential == "" || cib.IsTrue(s1.Sequential) {
		if len(m1) > 0 {
			r1 = m1[0]
		}
	}
	if s2.Sequential == "" || cib.IsTrue(s2.Sequential) {
		if len(m2) > 0 {
			r2 = m2[len(m2)-1]
		}
	}
	role1, role2 := colocRole(s1.Role), colocRole(s2.Role)
	switch {
	case r1 != nil && r2 != nil:
		c.newColocation(x.ID, score, r1, r2, role1, role2, x.NodeAttribute, c.influence(x.Influence, r1))
	case r1 != nil:
		for _, b := range m2 {
			c.newColocation(x.ID, score, r1, b, role1, role2, x.NodeAttribute, c.influence(x.Influence, r1))
		}
	case r2 != nil:
		for _, a := range m1 {
			c.newColocation(x.ID, score, a, r2, role1, role2, x.NodeAttribute, c.influence(x.Influence, a))
		}
	default:
		for _, a := range m1 {
			for _, b := range m2 {
				c.newColocation(x.ID, score, a, b, role1, role2, x.NodeAttribute, c.influence(x.Influence, a))
			}
		}
	}
}

func variantRank(r *resource) int { return int(r.kind) }

func cmpPrimaryPriority(a, b *colocation) int {
	switch {
	case a.primary.priority > b.primary.priority:
		return -1
	case a.primary.priority < b.primary.priority:
		return 1
	case variantRank(a.primary) > variantRank(b.primary):
		return -1
	case variantRank(a.primary) < variantRank(b.primary):
		return 1
	}
	if a.primary.kind == kindClone {
		pa, pb := a.primary.has(fPromotable), b.primary.has(fPromotable)
		if pa && !pb {
			return -1
		}
		if !pa && pb {
			return 1
		}
	}
	return strings.Compare(a.primary.id, b.primary.id)
}

func cmpDependentPriority(a, b *colocation) int {
	switch {
	case a.dependent.priority > b.dependent.priority:
		return -1
	case a.dependent.priority < b.dependent.priority:
		return 1
	case variantRank(a.dependent) > variantRank(b.dependent):
		return -1
	case variantRank(a.dependent) < variantRank(b.dependent):
		return 1
	}
	if a.dependent.kind == kindClone {
		pa, pb := a.dependent.has(fPromotable), b.dependent.has(fPromotable)
		if pa && !pb {
			return -1
		}
		if !pa && pb {
			return 1
		}
	}
	return strings.Compare(a.dependent.id, b.dependent.id)
}

// insertSorted inserts like g_list_insert_sorted: before the first element
// that does not compare less than the new one.
func insertSorted(list []*colocation, x *colocation, cmp func(a, b *colocation) int) []*colocation {
	i := 0
	for i < len(list) && cmp(x, list[i]) > 0 {
		i++
	}
	list = append(list, nil)
	copy(list[i+1:], list[i:])
	list[i] = x
	return list
}

func (c *cluster) newColocation(id string, score Score, dep, prim *resource, depRole, primRole Role, attr string, influence bool) {
	if score == 0 || dep == nil || prim == nil || dep == prim {
		return
	}
	co := &colocation{id: id, dependent: dep, primary: prim, score: score, dependentRole: depRole,
		primaryRole: primRole, nodeAttr: attr, influence: influence}
	dep.thisWith = insertSorted(dep.thisWith, co, cmpPrimaryPriority)
	prim.withThis = insertSorted(prim.withThis, co, cmpDependentPriority)
	c.colocations = append(c.colocations, co)
	if score <= negInf {
		c.antiColocationOrder(dep, depRole, prim, primRole)
		c.antiColocationOrder(prim, primRole, dep, depRole)
	}
}

// antiColocationOrder orders the actions that make first lose firstRole
// before the actions that make then gain thenRole, so that the two never
// hold their roles on one node at the same time (the orderings only apply
// between actions on the same node).
func (c *cluster) antiColocationOrder(first *resource, firstRole Role, then *resource, thenRole Role) {
	var firstTasks, thenTasks []string
	switch firstRole {
	case RolePromoted:
		firstTasks = []string{"demote"}
	case RoleUnpromoted:
		firstTasks = []string{"stop", "promote"}
	default:
		firstTasks = []string{"stop"}
	}
	switch thenRole {
	case RolePromoted:
		thenTasks = []string{"promote"}
	case RoleUnpromoted:
		thenTasks = []string{"start", "demote"}
	default:
		thenTasks = []string{"start"}
	}
	for _, ft := range firstTasks {
		for _, tt := range thenTasks {
			c.orderRscActions(first, ft, then, tt, oAntiColocation)
		}
	}
}

// ordering unpacking
