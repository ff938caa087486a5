package scheduler

import "gocrm/cib"

// Score is a Pacemaker score with saturating ±INFINITY arithmetic.
type Score = cib.Score

const (
	inf    = cib.Infinity
	negInf = -cib.Infinity
)

func add(a, b Score) Score { return a.Add(b) }

// Role is a resource role, ordered as Pacemaker orders them.
type Role int

// Roles in Pacemaker's order: a higher role implies the lower ones.
const (
	RoleUnknown Role = iota
	RoleStopped
	RoleStarted
	RoleUnpromoted
	RolePromoted
)

var roleNames = [...]string{"Unknown", "Stopped", "Started", "Unpromoted", "Promoted"}

func (r Role) String() string { return roleNames[r] }

func parseRole(s string) Role {
	switch s {
	case "Stopped", "stopped":
		return RoleStopped
	case "Started", "started":
		return RoleStarted
	case "Slave", "Unpromoted", "slave", "unpromoted":
		return RoleUnpromoted
	case "Master", "Promoted", "master", "promoted":
		return RolePromoted
	}
	return RoleUnknown
}

type discoverMode uint8

const (
	discoverAlways discoverMode = iota
	discoverNever
	discoverExclusive
)

// node is the scheduler's view of one cluster node.
type node struct {
	idx   int
	id    string
	name  string
	kind  string // member, remote, ping
	conf  *cib.Node
	state *cib.NodeState

	weight      Score // base score from the node definition
	online      bool
	unclean     bool
	unseen      bool
	shutdown    bool
	standby     bool
	standbyFail bool // standby because of on-fail=standby
	pending     bool
	maintenance bool
	expectedUp  bool
	isDC        bool

	attrs       map[string]string
	utilization map[string]int
	capacity    map[string]int // remaining capacity during assignment

	numResources int
	running      []*resource // primitives active here
	fails        map[string]*failInfo
	fenceOp      *action

	// Pacemaker Remote and guest nodes: the connection resource, and the
	// remote-only state (remote_requires_reset, remote_was_fenced,
	// remote_maintenance, rsc_discovery_enabled).
	remoteRsc         *resource
	remoteReset       bool
	remoteWasFenced   bool
	remoteMaintenance bool
	noDiscovery       bool
	unpacked          bool
	kindAttr          string // the #kind node attribute
}

// available reports whether the node can run resources
// (pcmk__node_available without the score check).
func (n *node) available() bool {
	return n.online && !n.shutdown && !n.unclean && !n.standby && !n.maintenance
}

type rscKind uint8

const (
	kindPrimitive rscKind = iota
	kindGroup
	kindClone
)

type rscFlags uint64

const (
	fManaged rscFlags = 1 << iota
	fFailed
	fOrphan
	fProvisional
	fAllocating
	fMerging
	fBlock
	fStop // failure needs a full stop (not just demote)
	fStartPending
	fNeedsFencing
	fNeedsQuorum
	fUnique
	fCritical
	fFailureIgnored
	fRestarting
	fStopUnexpected
	fFenceDevice
	fMaintenance
	fReload
	fPromotable
	fNotify
	fExclusiveDiscover
	fMigratable // allow-migrate (live migration)
)

// resource is the scheduler's view of one resource (primitive, group or
// clone) and, for primitives, its state and assignment.
type resource struct {
	idx      int
	id       string
	kind     rscKind
	parent   *resource
	children []*resource
	prim     *cib.Primitive // the effective definition (template applied)
	tmpl     *cib.Template
	class    string
	provider string
	agent    string

	meta        map[string]string
	utilization map[string]int
	flags       rscFlags

	priority           int
	stickiness         Score
	migrationThreshold int
	failureTimeout     int // seconds, 0 = never
	recovery           string

	role     Role
	nextRole Role

	runningOn   []*node
	knownOn     []bool
	allowed     []Score // per node index
	allowedSet  []bool
	discover    []discoverMode
	allocatedTo *node
	allocScore  Score // the node's score when the resource was assigned

	thisWith []*colocation // rsc_cons: this is the dependent
	withThis []*colocation // rsc_cons_lhs: this is the primary
	tickets  []*rscTicket

	actions     []*action // newest first, like Pacemaker's prepend
	pendingTask string
	pendingNode *node

	keys map[string]string // cached action keys

	// clone data
	cloneChild             cib.Resource
	cloneBase              string // id of the configured child an instance copies
	cloneName              string // the history id an instance was matched from
	count                  []int  // instances assigned per node (clones)
	cloneMax, cloneNodeMax int
	interleave, ordered    bool
	// promotable clone data: promoted-max, promoted-node-max, promoted
	// instances per node during role selection, and per instance the
	// promotion sort index
	promotedMax, promotedNodeMax int
	promotedCount                []int
	promotionAdded               bool
	sortIndex                    int
	groupOrdered                 bool
	groupColocated               bool
	// fail-count per node index, computed lazily
	failCount []int
	// remote connections and containers: isRemoteConn for
	// ocf:pacemaker:remote primitives, the container a resource lives in
	// (container meta or the VM of a guest node), the resources a
	// container holds, and reconnect_interval in ms
	isRemoteConn bool
	container    *resource
	fillers      []*resource
	reconnectMS  int
	orphanFiller bool // an orphan whose history names a container
	// live migration state from the history: a partial migration (the
	// migrate_to done, the migrate_from not yet) and the sources of
	// dangling migrations (both done, the stop on the source not yet)
	partialSource, partialTarget *node
	dangling                     []*node
}

func (r *resource) has(f rscFlags) bool { return r.flags&f != 0 }
func (r *resource) set(f rscFlags)      { r.flags |= f }
func (r *resource) clear(f rscFlags)    { r.flags &^= f }

func (r *resource) top() *resource {
	for r.parent != nil {
		r = r.parent
	}
	return r
}

// currentNode is pe__current_node: the first node the resource is active on.
func (r *resource) currentNode() *node {
	if r.kind != kindPrimitive {
		for _, c := range r.children {
			if n := c.currentNode(); n != nil {
				return n
			}
		}
		return nil
	}
	if len(r.runningOn) == 0 {
		return nil
	}
	if r.partialSource != nil {
		for _, n := range r.runningOn {
			if n == r.partialSource {
				return n
			}
		}
	}
	return r.runningOn[0]
}

// allRunning lists every node a resource or its members are active on.
func (r *resource) isRunning() bool {
	if r.kind == kindPrimitive {
		return len(r.runningOn) > 0
	}
	for _, c := range r.children {
		if c.isRunning() {
			return true
		}
	}
	return false
}

// state is fns->state(rsc, TRUE): the highest current role of the resource.
func (r *resource) state() Role {
	if r.kind == kindPrimitive {
		return r.role
	}
	best := RoleStopped
	for _, c := range r.children {
		if s := c.state(); s > best {
			best = s
		}
	}
	return best
}

func (r *resource) primitives(out []*resource) []*resource {
	if r.kind == kindPrimitive {
		return append(out, r)
	}
	for _, c := range r.children {
		out = c.primitives(out)
	}
	return out
}

type colocation struct {
	id            string
	dependent     *resource
	primary       *resource
	score         Score
	dependentRole Role
	primaryRole   Role
	nodeAttr      string
	influence     bool
}
