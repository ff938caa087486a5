package scheduler

import (
	"sort"

	"gocrm/cib"
)

// State is the cluster as the scheduler understood it: what crm_simulate
// shows under "Current cluster status".
type State struct {
	Nodes     []NodeStatus
	Resources []ResourceStatus // top level, in configuration order
	// Primitives counts resource instances; Disabled and Blocked count
	// those with target-role=Stopped and those blocked after a failure.
	Primitives, Disabled, Blocked int
}

// NodeStatus is one node's membership state.
type NodeStatus struct {
	Name          string
	ID            string
	Online        bool
	Unclean       bool
	Pending       bool
	Standby       bool
	StandbyOnFail bool
	Maintenance   bool
	Shutdown      bool
	Running       int // primitives active here
	Health        string
	// Remote: a Pacemaker Remote node; Guest: a guest node (a remote
	// node whose connection runs in a container resource).
	Remote, Guest bool
}

// ResourceStatus is one resource's state; groups and clones have Children.
type ResourceStatus struct {
	ID             string
	Kind           string // primitive, group, clone
	Class          string
	Provider       string
	Agent          string
	Role           Role
	Orphan         bool
	Failed         bool
	Managed        bool
	Blocked        bool
	Maintenance    bool
	FailureIgnored bool
	TargetRole     string
	PendingTask    string
	PendingNode    string
	RunningOn      []string
	FailedProbeRC  int // exit code of a failed probe, -1 when none
	Promotable     bool
	// Unclean: the node the resource is shown on is offline and unclean.
	Unclean bool
	// Inactive: a primitive listed as running only on nodes that are
	// offline and clean while it is managed (native_active is false).
	Inactive bool
	// Clone details: the configured child's id, whether instances are
	// globally unique, clone-max, and the nodes the clone may run on
	// (sorted by name).
	ChildID      string
	Unique       bool
	CloneMax     int
	AllowedNodes []string
	// Instance is set on clone instances; their display name drops the
	// instance number unless the clone is globally unique.
	Instance bool
	Children []ResourceStatus
}

func (c *cluster) state() State {
	var s State
	for _, n := range c.nodes {
		s.Nodes = append(s.Nodes, NodeStatus{Name: n.name, ID: n.id, Online: n.online, Unclean: n.unclean,
			Pending: n.pending, Standby: n.standby, StandbyOnFail: n.standbyFail, Maintenance: n.maintenance,
			Shutdown: n.shutdown, Running: len(n.running), Health: c.healthText(n),
			Remote: n.isRemote(), Guest: n.isGuest()})
	}
	for _, r := range c.resources {
		if cib.IsTrue(r.meta["internal_rsc"]) {
			// implicit guest connections are counted, not shown
			c.rscState(r, &s)
			continue
		}
		s.Resources = append(s.Resources, c.rscState(r, &s))
	}
	return s
}

func (c *cluster) rscState(r *resource, s *State) ResourceStatus {
	rs := ResourceStatus{Instance: r.parent != nil && r.parent.kind == kindClone || r.cloneBase != "", Unique: r.has(fUnique), ID: r.id, Class: r.class, Provider: r.provider, Agent: r.agent, Role: r.role,
		Orphan: r.has(fOrphan), Failed: r.has(fFailed), Managed: r.has(fManaged), Blocked: r.has(fBlock),
		Maintenance: r.has(fMaintenance), FailureIgnored: r.has(fFailureIgnored), TargetRole: r.meta["target-role"],
		PendingTask: r.pendingTask, FailedProbeRC: -1, Promotable: r.top().has(fPromotable)}
	switch r.kind {
	case kindGroup:
		rs.Kind = "group"
	case kindClone:
		rs.Kind = "clone"
		rs.Unique = r.has(fUnique)
		rs.CloneMax = r.cloneMax
		switch ch := r.cloneChild.(type) {
		case *cib.Primitive:
			rs.ChildID = ch.ID
		case *cib.Group:
			rs.ChildID = ch.ID
		}
		var names []string
		for i, ok := range r.allowedSet {
			if ok {
				names = append(names, c.nodes[i].name)
			}
		}
		if names == nil {
			// Without a symmetric cluster no node is allowed yet; the
			// nodes where the clone was probed stand in for them.
			for i, ok := range r.knownOn {
				if ok {
					names = append(names, c.nodes[i].name)
				}
			}
		}
		sort.Strings(names)
		rs.AllowedNodes = names
	default:
		rs.Kind = "primitive"
		if !r.has(fOrphan) {
			s.Primitives++
		}
		if role, ok := targetRole(r, r.meta["target-role"]); ok && role == RoleStopped {
			s.Disabled++
		}
		if r.has(fBlock) {
			s.Blocked++
		}
	}
	if r.pendingNode != nil {
		rs.PendingNode = r.pendingNode.name
	}
	for _, n := range r.runningOn {
		rs.RunningOn = append(rs.RunningOn, n.name)
	}
	if len(r.runningOn) == 1 && !r.runningOn[0].online && r.runningOn[0].unclean {
		rs.Unclean = true
	}
	if r.kind == kindPrimitive && len(r.runningOn) > 0 && r.has(fManaged) {
		rs.Inactive = true
		for _, n := range r.runningOn {
			if n.unclean || n.online {
				rs.Inactive = false
			}
		}
	}
	if r.kind == kindPrimitive {
		rs.FailedProbeRC = c.failedProbeRC(r)
	}
	for _, ch := range r.children {
		rs.Children = append(rs.Children, c.rscState(ch, s))
	}
	return rs
}

func (c *cluster) failedProbeRC(r *resource) int {
	for _, f := range c.failed {
		if f.rsc != r {
			continue
		}
		if f.op.Operation == "monitor" && atoiDefault(f.op.Interval, 0) == 0 {
			rc := atoiDefault(f.op.RCCode, 0)
			if rc != ocfOK && rc != ocfNotRunning && rc != ocfRunningPromoted {
				return rc
			}
		}
	}
	return -1
}
