package simulate

import (
	"sort"
	"strings"

	"gocrm/engine/scheduler"
)

// anyRec reports whether f holds for r or any of its descendants.
func anyRec(r scheduler.ResourceStatus, f func(scheduler.ResourceStatus) bool) bool {
	if f(r) {
		return true
	}
	for _, ch := range r.Children {
		if anyRec(ch, f) {
			return true
		}
	}
	return false
}

// allPrims reports whether f holds for every primitive under r.
func allPrims(r scheduler.ResourceStatus, f func(scheduler.ResourceStatus) bool) bool {
	if r.Kind == "primitive" {
		return f(r)
	}
	for _, ch := range r.Children {
		if !allPrims(ch, f) {
			return false
		}
	}
	return true
}

// isActive: a primitive counted as active (running on a node that is
// online or unclean, or unmanaged).
func isActive(x scheduler.ResourceStatus) bool {
	return x.Kind == "primitive" && len(x.RunningOn) > 0 && !x.Inactive
}

func activeNodes(r scheduler.ResourceStatus, out []string) []string {
	if r.Kind == "primitive" {
		for _, n := range r.RunningOn {
			found := false
			for _, x := range out {
				if x == n {
					found = true
				}
			}
			if !found {
				out = append(out, n)
			}
		}
		return out
	}
	for _, ch := range r.Children {
		out = activeNodes(ch, out)
	}
	return out
}

func maxRole(r scheduler.ResourceStatus) scheduler.Role {
	if r.Kind == "primitive" {
		return r.Role
	}
	best := scheduler.RoleStopped
	for _, ch := range r.Children {
		if x := maxRole(ch); x > best {
			best = x
		}
	}
	return best
}

// configuredRole is a clone's target-role, or else its first instance's
// (which may set it on the cloned resource itself).
func configuredRole(r scheduler.ResourceStatus) string {
	if r.TargetRole == "" && len(r.Children) > 0 {
		return r.Children[0].TargetRole
	}
	return r.TargetRole
}

func renderClone(p *printer, depth int, r scheduler.ResourceStatus, nodes map[string]scheduler.NodeStatus, showPending bool) {
	var attrs []string
	if r.Promotable {
		attrs = append(attrs, "promotable")
	}
	if r.Unique {
		attrs = append(attrs, "unique")
	}
	if disabled(r) {
		attrs = append(attrs, "disabled")
	}
	if !r.Managed {
		attrs = append(attrs, "unmanaged")
	}
	header := "Clone Set: " + r.ID + " [" + r.ChildID + "]"
	if len(attrs) > 0 {
		header += " (" + strings.Join(attrs, ", ") + ")"
	}
	printed := false
	head := func() {
		if !printed {
			p.header(depth, header+":")
			printed = true
		}
	}
	var promoted, started []string
	stopped := map[string]string{}
	active := 0
	for _, ch := range r.Children {
		partially := anyRec(ch, isActive)
		full := false
		switch {
		case r.Unique:
			if partially || !ch.Orphan {
				full = true
			}
		case showPending && ch.Kind == "primitive" && ch.PendingTask != "" && ch.PendingTask != "monitor":
			full = true
		case !partially:
			if !ch.Orphan {
				stopped[ch.ID] = "Stopped"
			}
		case anyRec(ch, func(x scheduler.ResourceStatus) bool { return x.Orphan }) ||
			!allPrims(ch, func(x scheduler.ResourceStatus) bool { return x.Managed }) ||
			anyRec(ch, func(x scheduler.ResourceStatus) bool { return x.Failed }):
			full = true
		case allPrims(ch, func(x scheduler.ResourceStatus) bool { return len(x.RunningOn) > 0 }):
			locs := activeNodes(ch, nil)
			if len(locs) == 1 {
				n := nodes[locs[0]]
				switch {
				case !n.Online && n.Unclean:
					full = true
				case maxRole(ch) > scheduler.RoleUnpromoted:
					promoted = append(promoted, locs[0])
				default:
					started = append(started, locs[0])
				}
			} else {
				full = true
			}
		default:
			full = true
		}
		if full {
			head()
			renderResource(p, depth+1, ch, showPending)
		}
	}
	sort.Strings(promoted)
	sort.Strings(started)
	if len(promoted) > 0 {
		head()
		p.item(depth+1, "Promoted: [ "+strings.Join(promoted, " ")+" ]")
		active += len(promoted)
	}
	if len(started) > 0 {
		head()
		label := "Started"
		if r.Promotable {
			label = "Unpromoted"
			if tr := configuredRole(r); strings.EqualFold(tr, "unpromoted") || strings.EqualFold(tr, "slave") {
				label = "Unpromoted (target-role)"
			}
		}
		p.item(depth+1, label+": [ "+strings.Join(started, " ")+" ]")
		active += len(started)
	}
	// Only the instances listed as Promoted or Started count as active
	// here; instances printed in full do not.
	if !r.Unique && active < r.CloneMax {
		stopped = map[string]string{}
		running := activeNodes(r, nil)
		for _, n := range r.AllowedNodes {
			isRunning := false
			for _, x := range running {
				if x == n {
					isRunning = true
				}
			}
			if isRunning {
				continue
			}
			state := "Stopped"
			if strings.EqualFold(configuredRole(r), "stopped") {
				state = "Stopped (disabled)"
			}
			stopped[n] = state
		}
	}
	if len(stopped) > 0 {
		head()
		byState := map[string][]string{}
		var states []string
		for n, st := range stopped {
			if _, ok := byState[st]; !ok {
				states = append(states, st)
			}
			byState[st] = append(byState[st], n)
		}
		sort.Strings(states)
		for _, st := range states {
			ns := byState[st]
			sort.Strings(ns)
			p.item(depth+1, st+": [ "+strings.Join(ns, " ")+" ]")
		}
	} else if active == 0 {
		head()
	}
}
