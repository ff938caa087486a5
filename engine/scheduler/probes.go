package scheduler

import (
	"strconv"
	"strings"
)

// scheduleProbes creates a probe for every resource whose state on a node
// is unknown (nodes outer, resources inner, as Pacemaker does).
func (c *cluster) scheduleProbes() {
	for _, n := range c.nodes {
		if !n.online {
			if c.isFailedRemoteNode(n) {
				c.fenceNode(n, "the connection is unrecoverable")
			}
			continue
		}
		if n.unclean || n.noDiscovery {
			continue
		}
		if p, ok := n.attrs["probe_complete"]; ok && !isTrueStr(p) {
			a := c.customAction(nil, "probe_nodes-"+n.name, "probe_nodes", n, false, true)
			_ = a
			continue
		}
		for _, r := range c.resources {
			c.probeOnNode(r, n)
		}
	}
}

func isTrueStr(s string) bool {
	switch s {
	case "true", "on", "yes", "y", "1", "TRUE", "True", "ON", "YES", "Yes":
		return true
	}
	return false
}

func (c *cluster) probeOnNode(r *resource, n *node) bool {
	if !c.startupProbes {
		return false
	}
	if r.kind == kindClone && len(r.children) > 0 {
		// like clone_create_probe, this also puts the instances back in
		// instance-number order (assignment sorted them)
		r.children = glibSort(r.children, func(a, b *resource) int { return instanceNumber(a) - instanceNumber(b) })
		if !r.has(fUnique) {
			return c.probeAnonymousClone(r, n)
		}
	}
	if len(r.children) > 0 {
		any := false
		for _, ch := range r.children {
			if c.probeOnNode(ch, n) {
				any = true
			}
		}
		return any
	}
	if r.kind != kindPrimitive || r.has(fOrphan) || r.knownOn[n.idx] {
		return false
	}
	top := r.top()
	exclusive := r.has(fExclusiveDiscover) || top.has(fExclusiveDiscover)
	if exclusive {
		if !r.allowedSet[n.idx] || r.discover[n.idx] != discoverExclusive {
			return false
		}
	}
	mode := discoverAlways
	if r.allowedSet[n.idx] {
		mode = r.discover[n.idx]
	}
	if mode == discoverNever {
		return false
	}
	if n.isRemote() && !c.probeOnRemote(r, top, n) {
		return false
	}
	probe := c.customAction(r, r.key("monitor"), "monitor", n, false, true)
	probe.clear(aOptional)
	probe.targetRC = ocfNotRunning
	if r.role == RolePromoted {
		probe.targetRC = ocfRunningPromoted
	} else if r.role > RoleStopped && r.currentNode() == n {
		probe.targetRC = ocfOK
	}
	flags := oOptional
	if !probe.is(aRunnable) && len(r.runningOn) == 0 {
		flags |= oRunnableLeft
	}
	c.newOrdering(r, "", probe, r, r.key("start"), nil, flags)
	c.newOrdering(r, "", probe, r, r.key("reload-agent"), nil, oOptional)
	return true
}

// orderProbes adds "probe then X" for every ordering whose first action is
// a stop of another resource (add_probe_orderings_for_stops).
func (c *cluster) orderProbes() {
	for _, o := range c.orderings {
		if o.flags == oNone || o.firstRsc == nil || o.firstRsc == o.thenRsc {
			continue
		}
		if o.firstAction == nil && o.firstKey == "" || o.thenAction == nil && o.thenKey == "" {
			continue
		}
		if o.firstAction != nil {
			if o.firstAction.task != "stop" {
				continue
			}
		} else if !hasSuffix(o.firstKey, "_stop_0") {
			continue
		}
		flags := oOptional
		if o.flags&oApplyFirstNonMigratable != 0 {
			flags |= oApplyFirstNonMigratable
		}
		if o.flags&oSameNode != 0 {
			flags |= oSameNode
		}
		if o.flags == oAntiColocation || o.flags == oLoad {
			flags = o.flags
		}
		var probes []*action
		for _, a := range o.firstRsc.actions {
			if a.task == "monitor" && a.interval == 0 && a.key == o.firstRsc.key("monitor") {
				probes = append(probes, a)
			}
		}
		if len(probes) == 0 {
			continue
		}
		var thens []*action
		if o.thenAction != nil {
			thens = []*action{o.thenAction}
		} else if o.thenRsc != nil {
			thens = findActions(o.thenRsc.actions, o.thenKey, nil)
			if len(thens) == 0 {
				continue
			}
		}
		for _, p := range probes {
			for _, t := range thens {
				if t.task == "stonith" && p.node != nil && t.node == p.node && t.fenceAction == "on" {
					continue
				}
				if t.task == "do_shutdown" && p.node != nil && t.node != nil && p.node != t.node {
					continue
				}
				orderActions(p, t, flags)
			}
		}
	}
}

func hasSuffix(s, suf string) bool { return len(s) >= len(suf) && s[len(s)-len(suf):] == suf }

// probeAnonymousClone probes one instance of an anonymous clone on a node:
// the one known there, else the one planned there, else the first.
func (c *cluster) probeAnonymousClone(r *resource, n *node) bool {
	kids := r.children
	var child *resource
	for _, ch := range kids {
		if knownOnTree(ch, n) {
			child = ch
			break
		}
	}
	if child == nil {
		for _, ch := range kids {
			if ch.assignedNode(false) == n {
				child = ch
				break
			}
		}
	}
	if child == nil {
		child = kids[0]
	}
	return c.probeOnNode(child, n)
}

func knownOnTree(r *resource, n *node) bool {
	if r.knownOn[n.idx] {
		return true
	}
	for _, ch := range r.children {
		if knownOnTree(ch, n) {
			return true
		}
	}
	return false
}

func instanceNumber(r *resource) int {
	id := r.id
	if i := strings.LastIndexByte(id, ':'); i >= 0 {
		if n, err := strconv.Atoi(id[i+1:]); err == nil {
			return n
		}
	}
	return 0
}
