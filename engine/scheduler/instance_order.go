package scheduler

// cmpInstance orders clone instances for assignment (pcmk__cmp_instance):
// active instances that are less multiply active first, then those not
// active on a disallowed node, higher priority, active ones, those whose
// node can run resources and whose clone is allowed there, non-failed
// ones, a higher colocation score on the current node, and finally the
// lower instance number.
func (c *cluster) cmpInstance(a, b *resource) int {
	n1, all1, _ := c.activeOn(a)
	n2, all2, _ := c.activeOn(b)
	if all1 > 0 && all2 > 0 {
		switch {
		case all1 < all2:
			return -1
		case all1 > all2:
			return 1
		}
	}
	can1, can2 := true, true
	if n1 != nil && !(a.allowedSet[n1.idx] && a.allowed[n1.idx] >= 0) {
		n1, can1 = nil, false
	}
	if n2 != nil && !(b.allowedSet[n2.idx] && b.allowed[n2.idx] >= 0) {
		n2, can2 = nil, false
	}
	switch {
	case can1 && !can2:
		return -1
	case !can1 && can2:
		return 1
	}
	switch {
	case a.priority > b.priority:
		return -1
	case a.priority < b.priority:
		return 1
	}
	switch {
	case n1 == nil && n2 == nil:
		return 0
	case n1 == nil:
		return 1
	case n2 == nil:
		return -1
	}
	can1, can2 = n1.available(), n2.available()
	switch {
	case can1 && !can2:
		return -1
	case !can1 && can2:
		return 1
	}
	t1, t2 := topAllowed(a, n1), topAllowed(b, n2)
	switch {
	case !t1 && !t2:
		return 0
	case !t1:
		return 1
	case !t2:
		return -1
	}
	f1, f2 := didFail(a), didFail(b)
	switch {
	case !f1 && f2:
		return -1
	case f1 && !f2:
		return 1
	}
	if r := c.cmpInstanceByColocation(a, b); r != 0 {
		return r
	}
	return instanceNumber(a) - instanceNumber(b)
}

// topAllowed reports whether an instance's parent (or the resource itself
// at top level) has the node in its allowed table (pcmk__top_allowed_node).
func topAllowed(r *resource, n *node) bool {
	p := r
	if r.parent != nil {
		p = r.parent
	}
	return p.allowedSet[n.idx]
}

func didFail(r *resource) bool {
	if r.has(fFailed) {
		return true
	}
	for _, ch := range r.children {
		if didFail(ch) {
			return true
		}
	}
	return false
}

// cmpInstanceByColocation compares the scores the clone's colocations
// give each instance's current node.
func (c *cluster) cmpInstanceByColocation(a, b *resource) int {
	w1 := c.parentColocationScore(a)
	w2 := c.parentColocationScore(b)
	switch {
	case w1 < w2:
		return 1
	case w1 > w2:
		return -1
	}
	return 0
}

func (c *cluster) parentColocationScore(r *resource) Score {
	cur := r.currentNode()
	if cur == nil || r.parent == nil {
		return 0
	}
	t := nodeTable{score: make([]Score, len(c.nodes)), set: make([]bool, len(c.nodes))}
	t.set[cur.idx] = true
	t.score[cur.idx] = cur.weight
	for _, co := range r.parent.thisWith {
		t = c.mergeWeightsOpt(co.primary, r.id, t, co.nodeAttr, float64(co.score)/float64(inf), false, false, false, false)
	}
	for _, co := range r.parent.withThis {
		if !co.influence && r.isRunning() {
			continue
		}
		t = c.mergeWeightsOpt(co.dependent, r.id, t, co.nodeAttr, float64(co.score)/float64(inf), false, false, false, true)
	}
	return t.score[cur.idx]
}
