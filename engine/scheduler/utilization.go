package scheduler

import "sort"

func (c *cluster) initCapacity() {
	for _, n := range c.nodes {
		n.capacity = map[string]int{}
		for k, v := range n.utilization {
			n.capacity[k] = v
		}
	}
}

func (c *cluster) consumeCapacity(n *node, r *resource) {
	for k, v := range r.utilization {
		n.capacity[k] = n.capacity[k] - v
	}
}

func haveEnoughCapacity(n *node, need map[string]int) bool {
	for k, v := range need {
		if v > n.capacity[k] {
			return false
		}
	}
	return true
}

// compareCapacity is negative when a has more free capacity than b.
func compareCapacity(a, b *node) int {
	res := 0
	keys := make([]string, 0, len(a.capacity)+len(b.capacity))
	for k := range a.capacity {
		keys = append(keys, k)
	}
	for k := range b.capacity {
		if _, ok := a.capacity[k]; !ok {
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		x, y := a.capacity[k], b.capacity[k]
		if x > y {
			res--
		} else if x < y {
			res++
		}
	}
	return res
}

// colocatedResources lists rsc and everything mandatorily colocated with
// it, transitively (find_colocated_rscs).
func (c *cluster) colocatedResources(list []*resource, r, orig *resource) []*resource {
	if r == nil {
		return list
	}
	for _, x := range list {
		if x == r {
			return list
		}
	}
	list = append(list, r)
	for _, co := range r.thisWith {
		if co.primary == orig {
			continue
		}
		if co.score == inf && c.colocationAffects(r, co.primary, co, true) == affectsLocation {
			list = c.colocatedResources(list, co.primary, orig)
		}
	}
	for _, co := range r.withThis {
		if co.dependent == orig {
			continue
		}
		if r.kind == kindClone && co.dependent.kind != kindClone {
			continue
		}
		if co.score == inf && c.colocationAffects(co.dependent, r, co, true) == affectsLocation {
			list = c.colocatedResources(list, co.dependent, orig)
		}
	}
	return list
}

func sumUnassigned(rscs []*resource) map[string]int {
	out := map[string]int{}
	var addR func(r *resource)
	addR = func(r *resource) {
		if r.kind != kindPrimitive {
			for _, ch := range r.children {
				addR(ch)
			}
			return
		}
		if !r.has(fProvisional) {
			return
		}
		for k, v := range r.utilization {
			out[k] += v
		}
	}
	for _, r := range rscs {
		addR(r)
	}
	return out
}

func (c *cluster) banInsufficientCapacity(r *resource, prefer **node) {
	if c.placementStrategy == "default" {
		return
	}
	anyCapable := false
	colocated := c.colocatedResources(nil, r, r)
	idx := make([]int, 0, len(c.nodes))
	for i, ok := range r.allowedSet {
		if ok {
			idx = append(idx, i)
		}
	}
	sort.Ints(idx)
	usable := func(i int) bool { return c.nodes[i].available() && r.allowed[i] >= 0 }
	if len(colocated) > 0 {
		need := sumUnassigned(colocated)
		var most *node
		for _, i := range idx {
			if !usable(i) {
				continue
			}
			n := c.nodes[i]
			if haveEnoughCapacity(n, need) {
				anyCapable = true
			}
			if most == nil || compareCapacity(n, most) < 0 {
				most = n
			}
		}
		if anyCapable {
			for _, i := range idx {
				if usable(i) && !haveEnoughCapacity(c.nodes[i], need) {
					c.why("utilization", "not enough capacity with colocated resources")
					c.resourceLocation(r, c.nodes[i], negInf)
				}
			}
		} else if *prefer == nil {
			*prefer = most
		}
	}
	if !anyCapable {
		for _, i := range idx {
			if usable(i) && !haveEnoughCapacity(c.nodes[i], r.utilization) {
				c.why("utilization", "not enough capacity")
				c.resourceLocation(r, c.nodes[i], negInf)
			}
		}
	}
}
