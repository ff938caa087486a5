package simulate

import (
	"strings"

	"gocrm/engine/scheduler"
)

// printer collects crm_simulate-style output. In "plain" mode (used by
// crm_simulate when scores are shown) headings and bullets are dropped.
type printer struct {
	b     strings.Builder
	plain bool
}

func (p *printer) heading(s string) {
	if !p.plain {
		p.b.WriteString(s)
		p.b.WriteByte('\n')
	}
}

func (p *printer) item(depth int, s string) {
	if !p.plain {
		p.b.WriteString(strings.Repeat("  ", depth))
		p.b.WriteString("* ")
	}
	p.b.WriteString(s)
	p.b.WriteByte('\n')
}

func (p *printer) blank() { p.b.WriteByte('\n') }

// header starts a list; crm_simulate drops list headers in its plain
// (scores) output.
func (p *printer) header(depth int, s string) {
	if !p.plain {
		p.item(depth, s)
	}
}

// named prints a labelled list item ("Online: [ ... ]"); the plain output
// keeps only the value.
func (p *printer) named(depth int, label, value string) {
	if p.plain {
		p.item(depth, value)
		return
	}
	p.item(depth, label+": "+value)
}

func (p *printer) line(s string) {
	p.b.WriteString(s)
	p.b.WriteByte('\n')
}

// nodeKindLabel starts a node's own line: Node, RemoteNode or GuestNode.
func nodeKindLabel(n scheduler.NodeStatus) string {
	switch {
	case n.Guest:
		return "GuestNode"
	case n.Remote:
		return "RemoteNode"
	}
	return "Node"
}

func nodeText(n scheduler.NodeStatus) string {
	switch {
	case n.Unclean:
		switch {
		case n.Online:
			return "UNCLEAN (online)"
		case n.Pending:
			return "UNCLEAN (pending)"
		}
		return "UNCLEAN (offline)"
	case n.Pending:
		return "pending"
	case n.StandbyOnFail && n.Online:
		return "standby (on-fail)"
	case n.Standby:
		if n.Online {
			if n.Running > 0 {
				return "standby (with active resources)"
			}
			return "standby"
		}
		return "OFFLINE (standby)"
	case n.Maintenance:
		if n.Online {
			return "maintenance"
		}
		return "OFFLINE (maintenance)"
	case n.Online:
		return "online"
	}
	return "OFFLINE"
}

// renderStatus prints the node list and the resource list.
func renderStatus(p *printer, s scheduler.State, showPending bool) {
	p.header(1, "Node List:")
	var online, offline, remoteOnline, remoteOffline, guestOnline []string
	for _, n := range s.Nodes {
		if n.Unclean || n.Pending || (n.StandbyOnFail && n.Online) || n.Standby || n.Maintenance || n.Health != "" {
			text := nodeText(n)
			if n.Health != "" {
				text += " (health is " + n.Health + ")"
			}
			p.item(2, nodeKindLabel(n)+" "+n.Name+": "+text)
			continue
		}
		switch {
		case n.Online && n.Guest:
			guestOnline = append(guestOnline, n.Name)
		case n.Online && n.Remote:
			remoteOnline = append(remoteOnline, n.Name)
		case n.Online:
			online = append(online, n.Name)
		case n.Guest:
			// offline guest nodes are not listed
		case n.Remote:
			remoteOffline = append(remoteOffline, n.Name)
		default:
			offline = append(offline, n.Name)
		}
	}
	for _, l := range []struct {
		label string
		names []string
	}{{"Online", online}, {"OFFLINE", offline}, {"RemoteOnline", remoteOnline}, {"RemoteOFFLINE", remoteOffline}, {"GuestOnline", guestOnline}} {
		if len(l.names) > 0 {
			p.named(2, l.label, "[ "+strings.Join(l.names, " ")+" ]")
		}
	}
	p.blank()
	p.header(1, "Full List of Resources:")
	if len(s.Resources) == 0 {
		p.item(2, "No resources")
	}
	nodes := map[string]scheduler.NodeStatus{}
	for _, n := range s.Nodes {
		nodes[n.Name] = n
	}
	for _, r := range s.Resources {
		if r.Kind == "clone" {
			renderClone(p, 2, r, nodes, showPending)
			continue
		}
		renderResource(p, 2, r, showPending)
	}
}

func disabled(r scheduler.ResourceStatus) bool {
	return strings.EqualFold(r.TargetRole, "stopped")
}

func renderResource(p *printer, depth int, r scheduler.ResourceStatus, showPending bool) {
	switch r.Kind {
	case "group":
		var flags []string
		if !r.Managed {
			flags = append(flags, "unmanaged")
		}
		if disabled(r) {
			flags = append(flags, "disabled")
		}
		h := "Resource Group: " + r.ID
		if len(flags) > 0 {
			h += " (" + strings.Join(flags, ", ") + ")"
		}
		p.header(depth, h+":")
		for _, ch := range r.Children {
			renderResource(p, depth+1, ch, showPending)
		}
		return
	case "clone":
		renderClone(p, depth, r, nil, showPending)
		return
	}
	if r.Orphan && len(r.RunningOn) == 0 {
		return // inactive orphans are not shown
	}
	p.item(depth, primitiveText(r, showPending))
}

func roleText(r scheduler.ResourceStatus) string {
	role := r.Role
	if role == scheduler.RoleStarted && r.Promotable {
		role = scheduler.RoleUnpromoted
	}
	return role.String()
}

func pendingState(task string) string {
	switch task {
	case "start":
		return "Starting"
	case "stop":
		return "Stopping"
	case "migrate_to":
		return "Migrating"
	case "migrate_from":
		return "Migrating"
	case "promote":
		return "Promoting"
	case "demote":
		return "Demoting"
	}
	return ""
}

// ocfExitText is services_ocf_exitcode_str.
func ocfExitText(rc int) string {
	switch rc {
	case 0:
		return "ok"
	case 1:
		return "error"
	case 2:
		return "invalid parameter"
	case 3:
		return "unimplemented feature"
	case 4:
		return "insufficient privileges"
	case 5:
		return "not installed"
	case 6:
		return "not configured"
	case 7:
		return "not running"
	case 8:
		return "promoted"
	case 9:
		return "promoted (failed)"
	case 190:
		return "OCF_DEGRADED"
	case 191:
		return "OCF_DEGRADED_PROMOTED"
	}
	return "unknown"
}

func primitiveText(r scheduler.ResourceStatus, showPending bool) string {
	var b strings.Builder
	b.WriteString(displayName(r))
	b.WriteString("\t(")
	b.WriteString(r.Class)
	if r.Provider != "" && r.Class == "ocf" {
		b.WriteString(":")
		b.WriteString(r.Provider)
	}
	b.WriteString(":")
	b.WriteString(r.Agent)
	b.WriteString("):\t")
	node := ""
	if len(r.RunningOn) > 0 {
		node = r.RunningOn[0]
	} else if r.PendingNode != "" {
		node = r.PendingNode
	}
	multi := len(r.RunningOn) > 1
	if multi {
		node = ""
	}
	if r.Orphan {
		b.WriteString(" ORPHANED")
	}
	if r.Failed {
		b.WriteString(" FAILED")
		if r.Role > scheduler.RoleUnpromoted {
			b.WriteString(" " + r.Role.String())
		}
	} else {
		st := ""
		if showPending {
			st = pendingState(r.PendingTask)
		}
		if st == "" {
			st = roleText(r)
		}
		b.WriteString(" " + st)
	}
	if node != "" {
		b.WriteString(" " + node)
	}
	displayRole := r.Role
	if displayRole == scheduler.RoleStopped && r.FailedProbeRC >= 0 {
		b.WriteString(" (" + ocfExitText(r.FailedProbeRC) + ") ")
	}
	var flags []string
	if r.Unclean {
		flags = append(flags, "UNCLEAN")
	}
	if showPending && r.PendingTask == "monitor" {
		flags = append(flags, "Monitoring")
	}
	if disabled(r) {
		flags = append(flags, "disabled")
	} else if r.Promotable && strings.EqualFold(r.TargetRole, "unpromoted") || r.Promotable && strings.EqualFold(r.TargetRole, "slave") {
		flags = append(flags, "target-role:"+r.TargetRole)
	}
	switch {
	case r.Blocked:
		flags = append(flags, "blocked")
	case !r.Managed:
		flags = append(flags, "unmanaged")
	}
	if r.FailureIgnored {
		flags = append(flags, "failure ignored")
	}
	if len(flags) > 0 {
		b.WriteString(" (" + strings.Join(flags, ", ") + ")")
	}
	if multi {
		b.WriteString(" [ " + strings.Join(r.RunningOn, " ") + " ]")
	}
	return b.String()
}

// displayName drops the instance number of anonymous clone instances.
func displayName(r scheduler.ResourceStatus) string {
	if r.Instance && !r.Unique {
		if i := strings.LastIndexByte(r.ID, ':'); i > 0 {
			return r.ID[:i]
		}
	}
	return r.ID
}
