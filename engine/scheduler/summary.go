package scheduler

import (
	"fmt"
	"strings"
)

// Change is one line of the Transition Summary.
type Change struct {
	Verb     string // Start, Stop, Move, Recover, Restart, Reload, Promote, Demote, Re-promote, Migrate, or "Fence (reboot)", "Shutdown" for nodes
	Resource string // resource id, or "" for node actions
	Node     string // node name for node actions
	Details  string // the parenthesised part, e.g. "node1 -> node2"
	Reason   string // e.g. "due to node availability", "blocked"
	// Container is the resource whose recovery fences a guest node.
	Container string
}

// String formats the change as crm_simulate prints it (without the list
// bullet).
func (ch Change) String() string {
	if ch.Resource == "" {
		s := ch.Verb + " " + ch.Node
		if ch.Container != "" {
			s += " (resource: " + ch.Container + ")"
		}
		if ch.Reason != "" {
			s += " '" + ch.Reason + "'"
		}
		return s
	}
	s := fmt.Sprintf("%-8s   %-5s   ( %s )", ch.Verb, ch.Resource, ch.Details)
	if ch.Reason != "" {
		s += "  " + ch.Reason
	}
	return s
}

func (c *cluster) summary() []Change {
	var out []Change
	for i := len(c.actions) - 1; i >= 0; i-- {
		a := c.actions[i]
		if a.rsc != nil || a.is(aOptional) || a.reason == "" {
			continue
		}
		var verb string
		switch a.task {
		case "do_shutdown":
			verb = "Shutdown"
		case "stonith":
			verb = "Fence (" + a.fenceAction + ")"
		default:
			continue
		}
		name, container := "", ""
		if a.node != nil {
			name = a.node.name
			if a.node.isGuest() {
				container = a.node.remoteRsc.container.id
			}
		}
		out = append(out, Change{Verb: verb, Node: name, Reason: a.reason, Container: container})
	}
	for _, r := range c.resources {
		out = c.logActions(r, out)
	}
	return out
}

func (c *cluster) logActions(r *resource, out []Change) []Change {
	if len(r.children) > 0 {
		for _, ch := range r.children {
			out = c.logActions(ch, out)
		}
		return out
	}
	if r.kind != kindPrimitive {
		return out
	}
	next := r.allocatedTo
	var current *node
	if len(r.runningOn) > 0 {
		current = r.currentNode()
		if r.role == RoleStopped {
			r.role = RoleStarted
		}
	}
	if current == nil && r.has(fOrphan) {
		return out
	}
	if !r.has(fManaged) || (current == nil && next == nil) {
		return out
	}
	moving := current != nil && next != nil && current != next
	first := func(l []*action) *action {
		if len(l) > 0 {
			return l[0]
		}
		return nil
	}
	start := first(rscActions(r, next, "start", false))
	var startNode *node
	if start != nil && start.is(aRunnable) {
		startNode = current
	}
	stop := first(rscActions(r, startNode, "stop", false))
	if stop == nil && r.has(fStopUnexpected) {
		stop = first(rscActions(r, nil, "stop", false))
	}
	promote := first(rscActions(r, next, "promote", false))
	demote := first(rscActions(r, next, "demote", false))
	item := func(verb string, origin, dest *node, act, source *action) {
		out = append(out, c.actionItem(verb, r, origin, dest, act, source))
	}
	if r.role == r.nextRole {
		if next == nil {
			return out
		}
		migrate := first(rscActions(r, next, "migrate_from", false))
		switch {
		case migrate != nil && current != nil && migrate.is(aRunnable):
			item("Migrate", current, next, start, nil)
		case r.has(fReload):
			item("Reload", current, next, start, nil)
		case start == nil || start.is(aOptional):
			if demote != nil && promote != nil && !demote.is(aOptional) && !promote.is(aOptional) {
				item("Re-promote", current, next, promote, demote)
			}
		case !start.is(aRunnable):
			src := start
			if stop != nil && stop.reason != "" {
				src = stop
			}
			item("Stop", current, nil, stop, src)
		case moving && current != nil:
			verb := "Move"
			if r.has(fFailed) {
				verb = "Recover"
			}
			item(verb, current, next, stop, nil)
		case r.has(fFailed):
			item("Recover", current, nil, stop, nil)
		default:
			item("Restart", current, next, start, nil)
		}
		return out
	}
	switch {
	case stop != nil && (r.nextRole == RoleStopped || (start != nil && !start.is(aRunnable))):
		for _, n := range r.runningOn {
			so := first(findActions(r.actions, r.key("stop"), n))
			src := start
			if so != nil && so.reason != "" {
				src = so
			}
			item("Stop", n, nil, so, src)
		}
	case stop != nil && r.has(fFailed) && r.has(fStop):
		item("Recover", current, next, stop, start)
	case moving:
		item("Move", current, next, stop, nil)
	case r.has(fReload):
		item("Reload", current, next, start, nil)
	case stop != nil && !stop.is(aOptional):
		item("Restart", current, next, start, nil)
	case r.role == RolePromoted:
		item("Demote", current, next, demote, nil)
	case r.nextRole == RolePromoted:
		item("Promote", current, next, promote, nil)
	case r.role == RoleStopped && r.nextRole > RoleStopped:
		item("Start", current, next, start, nil)
	}
	return out
}

func (c *cluster) actionItem(verb string, r *resource, origin, dest *node, act, source *action) Change {
	if source == nil {
		source = act
	}
	needRole := r.role > RoleStarted || r.nextRole > RoleUnpromoted
	sameHost := origin != nil && dest != nil && origin == dest
	sameRole := r.role == r.nextRole
	on := func(n *node) string {
		if n == nil {
			return ""
		}
		return n.name
	}
	var d string
	switch {
	case needRole && origin == nil:
		d = fmt.Sprintf("%s -> %s %s", r.role, r.nextRole, on(dest))
	case origin == nil:
		d = on(dest)
	case needRole && dest == nil:
		d = fmt.Sprintf("%s %s", r.role, on(origin))
	case dest == nil:
		d = on(origin)
	case needRole && sameRole && sameHost:
		d = fmt.Sprintf("%s %s", r.role, on(origin))
	case sameRole && sameHost:
		d = on(origin)
	case needRole && sameRole:
		d = fmt.Sprintf("%s -> %s %s", on(origin), on(dest), r.role)
	case sameRole:
		d = fmt.Sprintf("%s -> %s", on(origin), on(dest))
	case sameHost:
		d = fmt.Sprintf("%s -> %s %s", r.role, r.nextRole, on(origin))
	default:
		d = fmt.Sprintf("%s %s -> %s %s", r.role, on(origin), r.nextRole, on(dest))
	}
	reason := ""
	runnable := act != nil && act.is(aRunnable)
	switch {
	case source != nil && source.reason != "" && !runnable:
		reason = "due to " + source.reason + " (blocked)"
	case source != nil && source.reason != "":
		reason = "due to " + source.reason
	case !runnable:
		reason = "blocked"
	}
	return Change{Verb: verb, Resource: r.id, Details: strings.TrimSpace(d), Reason: reason}
}
