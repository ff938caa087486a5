package scheduler

// Promotable clones: once the instances are placed, each gets a promotion
// priority (its promotion score from the master-<rsc> node attribute,
// promoted-role location constraints, role-based colocations) and the
// best promoted-max instances (at most promoted-node-max per node) are
// promoted.

// addPromotionScores adds each instance's promotion score to its node
// scores before placement, so instances land where they can be promoted
// (pcmk__add_promotion_scores).
func (c *cluster) addPromotionScores(clone *resource) {
	if clone.promotionAdded {
		return
	}
	clone.promotionAdded = true
	for _, inst := range clone.children {
		for i, ok := range inst.allowedSet {
			if !ok || !c.nodes[i].available() {
				continue
			}
			n := c.nodes[i]
			score, _ := c.promotionScore(inst, n)
			if score > 0 {
				inst.allowed[i] = add(inst.allowed[i], score)
				c.traceContribution(inst, n, "promotion", "master-"+inst.cloneBase, score)
			}
			if int(score) > inst.priority {
				inst.priority = int(score)
			}
		}
	}
}

// promotionScore is the sum of the promotion scores of an instance (or of
// a cloned group's members) on a node; isDefault reports that none was
// set.
func (c *cluster) promotionScore(r *resource, n *node) (Score, bool) {
	if len(r.children) > 0 {
		var sum Score
		isDefault := true
		for _, ch := range r.children {
			s, d := c.promotionScore(ch, n)
			if !d {
				isDefault = false
			}
			sum = add(sum, s)
		}
		return sum, isDefault
	}
	if !c.promotionScoreApplies(r, n) {
		return 0, true
	}
	name := r.id
	if r.cloneName != "" {
		name = r.cloneName
	}
	v, ok := n.attrs["master-"+name]
	if !ok && !r.has(fUnique) && r.cloneBase != "" && r.cloneBase != r.id {
		v, ok = n.attrs["master-"+r.cloneBase]
	}
	if !ok {
		return 0, true
	}
	s, err := parseScoreLoose(v)
	if err != nil {
		s = 0
	}
	return s, false
}

// promotionScoreApplies decides whether an instance's promotion score on
// a node counts: where it is active, where it (or, for anonymous clones,
// any instance) was probed, or everywhere while nothing is known.
func (c *cluster) promotionScoreApplies(r *resource, n *node) bool {
	top := r.top()
	base := r.cloneBase
	allowed := func() bool { return r.allowedSet[n.idx] && r.allowed[n.idx] >= 0 }
	if !r.has(fUnique) {
		active := activeAnonInstance(top, base, n)
		if active == r {
			return allowed()
		}
		if active == nil && anonKnownOn(top, base, n) {
			return allowed()
		}
	}
	if len(r.runningOn) == 0 && !anyKnown(r) {
		return allowed()
	}
	if r.knownOn[n.idx] || onNode(r.runningOn, n) {
		return allowed()
	}
	return false
}

func anyKnown(r *resource) bool {
	for _, k := range r.knownOn {
		if k {
			return true
		}
	}
	return false
}

func onNode(list []*node, n *node) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

// activeAnonInstance finds the member (by configured id) of an anonymous
// clone that is active on a node.
func activeAnonInstance(clone *resource, base string, n *node) *resource {
	for _, inst := range clone.children {
		if m := memberFor(inst, base); m != nil && onNode(m.runningOn, n) {
			return m
		}
	}
	return nil
}

func anonKnownOn(clone *resource, base string, n *node) bool {
	for _, inst := range clone.children {
		if m := memberFor(inst, base); m != nil && m.knownOn[n.idx] {
			return true
		}
	}
	return false
}

// setInstanceRoles chooses which instances are promoted
// (pcmk__set_instance_roles).
func (c *cluster) setInstanceRoles(clone *resource) {
	clone.promotedCount = make([]int, len(c.nodes))
	for _, inst := range clone.children {
		c.setInstancePriority(clone, inst)
	}
	c.sortPromotableInstances(clone)
	count := 0
	for _, inst := range clone.children {
		c.setInstanceRole(clone, inst, &count)
	}
}

func (c *cluster) setInstancePriority(clone, inst *resource) {
	if inst.state() == RoleStarted {
		setCurrentRoleUnpromoted(inst)
	}
	chosen := inst.assignedNode(false)
	if chosen == nil {
		return
	}
	next := inst.nextState()
	switch next {
	case RoleStarted, RoleUnknown:
		s, isDefault := c.promotionScore(inst, chosen)
		inst.priority = int(s)
		if isDefault {
			inst.priority = -1
		}
	case RoleUnpromoted, RoleStopped:
		inst.priority = int(negInf)
	}
	for _, l := range c.locations {
		if l.role != RolePromoted || (l.rsc != inst && l.rsc != clone) {
			continue
		}
		for _, ns := range l.nodes {
			if ns.node == chosen {
				inst.priority = int(add(Score(inst.priority), ns.score))
			}
		}
	}
	for _, co := range inst.thisWith {
		c.applyColocationForRole(inst, co)
	}
	inst.sortIndex = inst.priority
	if next == RolePromoted {
		inst.sortIndex = int(inf)
	}
}

// applyColocationForRole applies an instance's colocation to its
// promotion priority (the instance as dependent, for_dependent).
func (c *cluster) applyColocationForRole(inst *resource, co *colocation) {
	if inst.kind != kindGroup {
		c.applyColocationAsDependent(inst, co.primary, co)
		return
	}
	if len(inst.children) == 0 {
		return
	}
	if inst.groupColocated {
		c.applyColocationAsDependent(inst.children[0], co.primary, co)
		return
	}
	if co.score >= inf {
		return
	}
	for _, m := range inst.children {
		c.applyColocationAsDependent(m, co.primary, co)
	}
}

func setCurrentRoleUnpromoted(r *resource) {
	if r.role == RoleStarted {
		r.role = RoleUnpromoted
	}
	for _, ch := range r.children {
		setCurrentRoleUnpromoted(ch)
	}
}

// nextState is fns->state(rsc, FALSE): the highest next role.
func (r *resource) nextState() Role {
	if r.kind == kindPrimitive {
		return r.nextRole
	}
	best := RoleUnknown
	for _, ch := range r.children {
		if s := ch.nextState(); s > best {
			best = s
		}
	}
	return best
}

func (c *cluster) sortPromotableInstances(clone *resource) {
	clone.set(fMerging)
	for _, inst := range clone.children {
		if inst.sortIndex < 0 {
			continue
		}
		if n := inst.assignedNode(false); n != nil && clone.allowedSet[n.idx] {
			clone.allowed[n.idx] = add(Score(inst.sortIndex), clone.allowed[n.idx])
		}
	}
	for _, co := range clone.thisWith {
		if co.dependentRole != RolePromoted {
			continue
		}
		t := c.mergeWeightsOpt(co.primary, clone.id, clone.table(), co.nodeAttr, float64(co.score)/float64(inf),
			false, false, co.score < inf, false)
		clone.allowed, clone.allowedSet = t.score, t.set
	}
	for _, co := range clone.withThis {
		if co.primaryRole != RolePromoted || !co.influence {
			continue
		}
		t := c.mergeWeightsOpt(co.dependent, clone.id, clone.table(), co.nodeAttr, float64(co.score)/float64(inf),
			false, false, true, true)
		clone.allowed, clone.allowedSet = t.score, t.set
	}
	if c.requirePromotionTickets(clone) {
		c.why("ticket", "promoted role needs a ticket")
		c.resourceLocation(clone, nil, negInf)
	}
	c.traceTable(clone, "promotion", false)
	for _, inst := range clone.children {
		n := inst.assignedNode(false)
		switch {
		case !inst.has(fManaged) && inst.nextState() == RolePromoted:
			inst.sortIndex = int(inf)
		case n == nil || inst.sortIndex < 0:
		default:
			inst.sortIndex = int(clone.allowed[n.idx])
		}
	}
	clone.children = glibSort(clone.children, c.cmpPromotable)
	clone.clear(fMerging)
}

func (c *cluster) cmpPromotable(a, b *resource) int {
	switch {
	case a.sortIndex > b.sortIndex:
		return -1
	case a.sortIndex < b.sortIndex:
		return 1
	}
	ra, rb := a.state(), b.state()
	switch {
	case ra > rb:
		return -1
	case ra < rb:
		return 1
	}
	return c.cmpInstance(a, b)
}

func (c *cluster) setInstanceRole(clone, inst *resource, count *int) {
	var chosen *node
	if inst.sortIndex >= 0 && (*count < clone.promotedMax || !clone.has(fManaged)) {
		chosen = c.nodeToBePromotedOn(inst)
	}
	if chosen == nil {
		setNextRoleUnpromoted(inst)
		return
	}
	if inst.role < RolePromoted && !c.haveQuorum && c.noQuorumPolicy == nqFreeze {
		setNextRoleUnpromoted(inst)
		return
	}
	clone.promotedCount[chosen.idx]++
	setNextRolePromoted(inst)
	*count++
}

func (c *cluster) nodeToBePromotedOn(r *resource) *node {
	for _, ch := range r.children {
		if c.nodeToBePromotedOn(ch) == nil {
			return nil
		}
	}
	n := r.assignedNode(false)
	switch {
	case n == nil:
		return nil
	case !r.has(fManaged):
		if r.state() != RolePromoted {
			return nil
		}
	case r.priority < 0:
		return nil
	case !n.available():
		return nil
	}
	top := r.top()
	if !top.allowedSet[n.idx] {
		return nil
	}
	if top.promotedCount[n.idx] >= top.promotedNodeMax && r.has(fManaged) {
		return nil
	}
	return n
}

func setNextRoleUnpromoted(r *resource) {
	if !anyAssigned(r) {
		r.nextRole = RoleStopped
	} else {
		r.nextRole = RoleUnpromoted
	}
	for _, ch := range r.children {
		setNextRoleUnpromoted(ch)
	}
}

func anyAssigned(r *resource) bool {
	if r.kind == kindPrimitive {
		return r.allocatedTo != nil
	}
	for _, ch := range r.children {
		if anyAssigned(ch) {
			return true
		}
	}
	return false
}

func setNextRolePromoted(r *resource) {
	if r.nextRole == RoleUnknown {
		r.nextRole = RolePromoted
	}
	for _, ch := range r.children {
		setNextRolePromoted(ch)
	}
}

// updateDependentWithPromotable applies "dependent with promotable clone
// in a role" while the dependent is being placed: an optional colocation
// adds its score where instances will have the role, a mandatory one bans
// every other node (and adds the instances' assignment scores).
func (c *cluster) updateDependentWithPromotable(clone, dep *resource, co *colocation) {
	var affected []*resource
	for _, inst := range clone.children {
		n := inst.assignedNode(false)
		if n == nil || inst.nextState() != co.primaryRole {
			continue
		}
		if co.score < inf {
			attr := co.nodeAttr
			if attr == "" {
				attr = "#uname"
			}
			v, has := n.attrs[attr]
			for i, ok := range dep.allowedSet {
				if !ok {
					continue
				}
				if w, h := c.nodes[i].attrs[attr]; h == has && equalFold(w, v) {
					dep.allowed[i] = add(dep.allowed[i], co.score)
					c.traceContribution(dep, c.nodes[i], "colocation", co.id, co.score)
				}
			}
		}
		affected = append([]*resource{inst}, affected...)
	}
	if co.dependentRole == RolePromoted && co.primaryRole == RolePromoted {
		return
	}
	if co.score >= inf {
		c.excludeNodes(dep, affected, true)
	}
}

// excludeNodes is node_list_exclude: nodes where none of the instances is
// assigned are banned; with merge, the instances' assignment scores are
// added where they are.
func (c *cluster) excludeNodes(dep *resource, insts []*resource, merge bool) {
	in := make([]bool, len(c.nodes))
	weight := make([]Score, len(c.nodes))
	for _, inst := range insts {
		n := inst.assignedNode(false)
		if n == nil {
			continue
		}
		if !in[n.idx] {
			in[n.idx] = true
			weight[n.idx] = inst.assignedScore()
		}
	}
	for i, ok := range dep.allowedSet {
		if !ok {
			continue
		}
		switch {
		case !in[i]:
			dep.allowed[i] = negInf
		case merge:
			dep.allowed[i] = add(dep.allowed[i], weight[i])
		}
	}
	for i := range in {
		if in[i] && !dep.allowedSet[i] {
			dep.allowedSet[i] = true
			dep.allowed[i] = negInf
		}
	}
}

// assignedScore is the score an instance (its first member for groups)
// had on its node when it was assigned.
func (r *resource) assignedScore() Score {
	if r.kind != kindPrimitive {
		for _, ch := range r.children {
			if ch.allocatedTo != nil || len(ch.children) > 0 {
				return ch.assignedScore()
			}
		}
		return 0
	}
	return r.allocScore
}

// updatePromotableDependentPriority applies "promoted dependent with
// promotable clone in a role" to the dependent's promotion priority.
func (c *cluster) updatePromotableDependentPriority(clone, dep *resource, co *colocation) {
	pi := c.findCompatibleInstance(dep, clone, co.primaryRole, false)
	switch {
	case pi != nil:
		dep.priority = int(add(Score(dep.priority), co.score))
	case co.score >= inf:
		dep.priority = int(negInf)
	}
}

// findCompatibleInstance finds the instance of clone on the node where
// local is (or will be), or else on local's best node
// (find_compatible_child).
func (c *cluster) findCompatibleInstance(local, clone *resource, filter Role, current bool) *resource {
	if n := local.assignedNode(current); n != nil {
		return compatibleOnNode(clone, n, filter, current)
	}
	var cands []int
	for i, ok := range local.allowedSet {
		if ok {
			cands = append(cands, i)
		}
	}
	cands = c.sortNodes(cands, local.allowed, nil)
	for _, i := range cands {
		if pi := compatibleOnNode(clone, c.nodes[i], filter, current); pi != nil {
			return pi
		}
	}
	return nil
}

func compatibleOnNode(clone *resource, n *node, filter Role, current bool) *resource {
	for _, ch := range clone.children {
		var at *node
		if !anyBlocked(ch) {
			at = ch.assignedNode(current)
		}
		role := ch.nextState()
		if current {
			role = ch.state()
		}
		if filter != RoleUnknown && role != filter {
			continue
		}
		if at == n {
			return ch
		}
	}
	return nil
}
