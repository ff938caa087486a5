package scheduler

import (
	"math"
)

// applyColocationAsDependent applies a colocation's score to the dependent
// once the primary is assigned (pcmk__apply_coloc_to_weights).
func (c *cluster) applyColocationAsDependent(dep, prim *resource, co *colocation) {
	if prim.kind == kindGroup && prim.groupColocated && len(prim.children) > 0 {
		if prim.has(fProvisional) {
			return
		}
		if co.score >= inf {
			c.applyColocationAsDependent(dep, prim.children[len(prim.children)-1], co)
		} else {
			c.applyColocationAsDependent(dep, prim.children[0], co)
		}
		return
	}
	if prim.kind == kindGroup {
		if prim.has(fProvisional) || co.score >= inf {
			return
		}
		for _, ch := range prim.children {
			c.applyColocationAsDependent(dep, ch, co)
		}
		return
	}
	if prim.kind == kindClone {
		c.applyColocationWithClone(dep, prim, co)
		return
	}
	switch c.colocationAffects(dep, prim, co, false) {
	case affectsLocation:
		c.applyColocToWeights(dep, prim, co)
	case affectsRole:
		c.applyColocToPriority(dep, prim, co)
	}
}

func (c *cluster) colocationAffects(dep, prim *resource, co *colocation, preview bool) int {
	if !preview && prim.has(fProvisional) {
		return affectsNothing
	}
	if co.dependentRole >= RoleUnpromoted && dep.parent != nil && dep.parent.has(fPromotable) && !dep.has(fProvisional) {
		return affectsRole
	}
	if !preview && !dep.has(fProvisional) {
		return affectsNothing
	}
	if co.score > 0 && co.dependentRole != RoleUnknown && co.dependentRole != dep.nextRole {
		return affectsNothing
	}
	if co.score > 0 && co.primaryRole != RoleUnknown && co.primaryRole != prim.nextRole {
		return affectsNothing
	}
	if co.score < 0 && co.dependentRole != RoleUnknown && co.dependentRole == dep.nextRole {
		return affectsNothing
	}
	if co.score < 0 && co.primaryRole != RoleUnknown && co.primaryRole == prim.nextRole {
		return affectsNothing
	}
	return affectsLocation
}

func (c *cluster) applyColocToWeights(dep, prim *resource, co *colocation) {
	attr := co.nodeAttr
	if attr == "" {
		attr = "#id"
	}
	var value string
	var hasValue bool
	if prim.allocatedTo != nil {
		value, hasValue = prim.allocatedTo.attrs[attr]
	} else if co.score < 0 {
		return
	}
	work := dep.table().clone()
	for i, ok := range work.set {
		if !ok {
			continue
		}
		n := c.nodes[i]
		if prim.allocatedTo == nil {
			work.score[i] = add(-co.score, work.score[i])
			c.traceContribution(dep, n, "colocation", co.id, -co.score)
			continue
		}
		v, has := n.attrs[attr]
		if has == hasValue && equalFold(v, value) {
			if co.score < inf {
				work.score[i] = add(co.score, work.score[i])
				c.traceContribution(dep, n, "colocation", co.id, co.score)
			}
		} else if co.score >= inf {
			work.score[i] = add(-co.score, work.score[i])
			c.traceContribution(dep, n, "colocation", co.id, -co.score)
		}
	}
	if co.score <= negInf || co.score >= inf || c.anyAvailable(work) {
		dep.allowed, dep.allowedSet = work.score, work.set
	}
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lower(a[i]) != lower(b[i]) {
			return false
		}
	}
	return true
}

// applyColocToPriority applies a role-based colocation to a promotable
// instance's promotion priority (pcmk__apply_coloc_to_priority).
func (c *cluster) applyColocToPriority(dep, prim *resource, co *colocation) {
	if prim.allocatedTo == nil || dep.allocatedTo == nil {
		return
	}
	attr := co.nodeAttr
	if attr == "" {
		attr = "#id"
	}
	dv, dh := dep.allocatedTo.attrs[attr]
	pv, ph := prim.allocatedTo.attrs[attr]
	if dh != ph || !equalFold(dv, pv) {
		if co.score >= inf && co.dependentRole == RolePromoted {
			dep.priority = int(negInf)
		}
		return
	}
	if co.primaryRole != RoleUnknown && co.primaryRole != prim.nextRole {
		return
	}
	s := co.score
	if co.dependentRole == RoleUnpromoted {
		s = -s
	}
	dep.priority = int(add(s, Score(dep.priority)))
}

// applyColocationWithClone applies "dependent with clone": with
// interleaving, the dependent instance pairs with the clone instance on
// the same node; a mandatory colocation restricts the dependent to nodes
// with an instance; an optional one adds the score per instance.
func (c *cluster) applyColocationWithClone(dep, clone *resource, co *colocation) {
	if clone.has(fProvisional) {
		return
	}
	if clone.has(fPromotable) && co.primaryRole != RoleUnknown {
		switch {
		case dep.has(fProvisional):
			c.updateDependentWithPromotable(clone, dep, co)
			return
		case co.dependentRole == RolePromoted:
			c.updatePromotableDependentPriority(clone, dep, co)
			return
		}
	}
	if co.dependent.kind == kindClone && co.dependent.interleave && co.dependent != dep {
		if pi := c.findCompatibleInstance(dep, clone, RoleUnknown, false); pi != nil {
			c.applyColocationAsDependent(dep, pi, co)
		} else if co.score >= inf {
			c.assignTree(dep, nil, true)
		}
		return
	}
	if co.score >= inf {
		allowed := make([]bool, len(c.nodes))
		for _, ch := range clone.children {
			if n := ch.assignedNode(false); n != nil && !anyBlocked(ch) {
				allowed[n.idx] = true
			}
		}
		for i, ok := range dep.allowedSet {
			if ok && !allowed[i] {
				dep.allowed[i] = negInf
			}
		}
		return
	}
	for _, ch := range clone.children {
		c.applyColocationAsDependent(dep, ch, co)
	}
}

func anyBlocked(r *resource) bool {
	if r.has(fBlock) {
		return true
	}
	for _, ch := range r.children {
		if anyBlocked(ch) {
			return true
		}
	}
	return false
}

// mergeWeights is pcmk__native_merge_weights: fold the node scores of rsc
// (and, transitively, of what it is colocated with) into nodes, scaled by
// factor.
func (c *cluster) mergeWeights(r *resource, primaryID string, nodes nodeTable, attr string, factor float64, forward, init, rollback bool) nodeTable {
	return c.mergeWeightsOpt(r, primaryID, nodes, attr, factor, forward, init, rollback, false)
}

// infinityHack marks nodes made unusable by a positive-only merge.
const infinityHack = Score(int(inf) * 2)

func (c *cluster) mergeWeightsOpt(r *resource, primaryID string, nodes nodeTable, attr string, factor float64, forward, init, rollback, positive bool) nodeTable {
	if r.has(fMerging) {
		return nodes
	}
	r.set(fMerging)
	var work nodeTable
	switch {
	case init:
		if r.kind == kindGroup && len(r.children) > 0 {
			work = c.mergeWeightsOpt(r.children[len(r.children)-1], primaryID, nodeTable{}, attr, factor, forward, true, rollback, positive)
		} else {
			work = r.table().clone()
		}
	case r.kind == kindGroup && len(r.children) > 0:
		work = nodes.clone()
		work = c.mergeWeightsOpt(r.children[0], primaryID, work, attr, factor, forward, false, rollback, positive)
	default:
		work = nodes.clone()
		c.addNodeScoresMatchingAttr(work, r, primaryID, attr, factor, positive)
	}
	if c.canRunAny(work) {
		var list []*colocation
		switch {
		case forward:
			list = r.thisWith
		case r.kind == kindGroup && len(r.children) > 0:
			list = r.children[len(r.children)-1].withThis
		default:
			list = r.withThis
		}
		mult := 1.0
		if factor < 0 {
			mult = -1
		}
		for _, co := range list {
			var other *resource
			if forward {
				other = co.primary
			} else {
				if !co.influence && co.primary.isRunning() {
					continue
				}
				other = co.dependent
			}
			work = c.mergeWeightsOpt(other, primaryID, work, co.nodeAttr, mult*float64(co.score)/float64(inf), forward, false, true, positive)
		}
	} else if rollback {
		r.clear(fMerging)
		return nodes
	}
	if positive {
		for i, ok := range work.set {
			if ok && work.score[i] == infinityHack {
				work.score[i] = 1
			}
		}
	}
	r.clear(fMerging)
	return work
}

func (c *cluster) canRunAny(t nodeTable) bool {
	for i, ok := range t.set {
		if ok && t.score[i] >= 0 && c.nodes[i].available() {
			return true
		}
	}
	return false
}

func (c *cluster) addNodeScoresMatchingAttr(work nodeTable, r *resource, primaryID, attr string, factor float64, onlyPositive bool) {
	if attr == "" {
		attr = "#uname"
	}
	for i, ok := range work.set {
		if !ok {
			continue
		}
		n := c.nodes[i]
		val, has := n.attrs[attr]
		score := negInf
		for j, ok2 := range r.allowedSet {
			if !ok2 {
				continue
			}
			m := c.nodes[j]
			mv, mhas := m.attrs[attr]
			if r.allowed[j] > score && m.available() && mhas == has && equalFold(mv, val) {
				score = r.allowed[j]
			}
		}
		if factor < 0 && score < 0 {
			continue
		}
		if work.score[i] == infinityHack {
			continue
		}
		wf := factor * float64(score)
		var w int
		if wf < 0 {
			w = int(wf - 0.5)
		} else {
			w = int(wf + 0.5)
		}
		if math.Abs(wf) > float64(inf)*2 {
			if wf < 0 {
				w = -int(inf) * 2
			} else {
				w = int(inf) * 2
			}
		}
		if w == 0 && score != 0 {
			if factor > 0 {
				w = 1
			} else if factor < 0 {
				w = -1
			}
		}
		if c.scoreDetail {
			c.traceContribution(c.rscByID[primaryID], n, "colocation", "with dependent "+r.id, clampScore(w))
		}
		ns := add(clampScore(w), work.score[i])
		if onlyPositive && ns < 0 && work.score[i] > 0 {
			work.score[i] = infinityHack
			continue
		}
		if onlyPositive && ns < 0 && work.score[i] == 0 {
			continue
		}
		work.score[i] = ns
	}
}

func clampScore(w int) Score {
	if w >= int(inf) {
		return inf
	}
	if w <= -int(inf) {
		return negInf
	}
	return Score(w)
}
