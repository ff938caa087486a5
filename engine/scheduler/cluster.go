package scheduler

import (
	"strconv"
	"strings"
	"time"

	"gocrm/cib"
)

// noQuorumPolicy values.
const (
	nqStop = iota
	nqIgnore
	nqFreeze
	nqSuicide
	nqDemote
)

// cluster is the working set of one scheduler run.
type cluster struct {
	cib *cib.CIB
	now time.Time

	props map[string]string

	stonithEnabled    bool
	haveStonithRsc    bool
	symmetric         bool
	noQuorumPolicy    int
	haveQuorum        bool
	stopOrphans       bool
	stopOrphanActions bool
	startFailureFatal bool
	placementStrategy string
	maintenanceMode   bool
	stonithAction     string
	startupFencing    bool
	concurrentFencing bool
	stopEverything    bool
	startupProbes     bool
	removeAfterStop   bool
	shutdownLock      bool
	defaultStickiness Score
	clusterName       string
	dcUUID            string

	nodes      []*node // sorted by name (natural order)
	byName     []int   // node indexes in strcmp order of names
	nodeByName map[string]*node
	nodeByID   map[string]*node

	resources []*resource // top-level, in configuration order (then sorted)
	allRsc    []*resource // every resource, parents before children
	rscByID   map[string]*resource
	templates map[string]*cib.Template
	tags      map[string][]string

	colocations []*colocation
	orderings   []*ordering
	locations   []*location
	tickets     map[string]*ticket

	actions    []*action // newest first, like Pacemaker's data_set->actions
	nextAction int
	singletons map[string]*action

	rscDefaults []*cib.NVSet
	opDefaults  []*cib.NVSet

	trace       *Trace
	scoreDetail bool
	showScores  bool
	submatches  []string
	whyKind     string
	whySource   string
	membership  *Membership
	failed      []failedOp
	opCache     map[*resource][]*opDef
	notify      map[*resource]*cloneNotify

	idx         *cib.Index
	cloneBases  map[string]*resource
	nodeHistory [][]historyEntry
	renamed     map[string]bool // history ids resources were matched from
	// forceReschedule marks expired recurring failures whose monitor must
	// be rescheduled (Pacemaker fakes a restart-digest change for them).
	forceReschedule map[*cib.LRMOp]bool
	paramCache      map[*resource]map[string]string
	graphParamCache map[paramKey]map[string]string
	refsKnown       bool
	hasRefs         bool
	// guestConns are the implicit connection primitives of guest nodes
	guestConns []*cib.Primitive
	haveRemote bool
	// lrmIndex finds a resource's history on a node by name, built on
	// first use (only live migration needs it)
	lrmIndex map[[2]string]*cib.LRMResource
}

func (c *cluster) prop(name, def string) string {
	if v, ok := c.props[name]; ok {
		return v
	}
	return def
}

func (c *cluster) boolProp(name string, def bool) bool {
	v, ok := c.props[name]
	if !ok {
		return def
	}
	if cib.IsTrue(v) {
		return true
	}
	if cib.IsFalse(v) {
		return false
	}
	return def
}

func (c *cluster) unpackOptions() {
	c.props = map[string]string{}
	m, _ := cib.EvalNVSets(c.cib.Config.CRMConfig, c.ruleContext(ruleCtx{now: c.now}), cib.NVSetOptions{First: "cib-bootstrap-options"})
	c.props = m
	c.stonithEnabled = c.boolProp("stonith-enabled", true)
	c.symmetric = c.boolProp("symmetric-cluster", true)
	switch strings.ToLower(c.prop("no-quorum-policy", "stop")) {
	case "ignore":
		c.noQuorumPolicy = nqIgnore
	case "freeze":
		c.noQuorumPolicy = nqFreeze
	case "suicide":
		c.noQuorumPolicy = nqStop
		if c.stonithEnabled && (cib.IsTrue(c.cib.Attrs.Get(cib.AttrNoQuorumPanic)) || c.cib.Attrs.Get(cib.AttrNoQuorumPanic) == "1" || cib.IsTrue(c.cib.Attrs.Get(cib.AttrHaveQuorum))) {
			c.noQuorumPolicy = nqSuicide
		}
	case "demote":
		c.noQuorumPolicy = nqDemote
	default:
		c.noQuorumPolicy = nqStop
	}
	c.stopOrphans = c.boolProp("stop-orphan-resources", true)
	c.stopOrphanActions = c.boolProp("stop-orphan-actions", true)
	c.startFailureFatal = c.boolProp("start-failure-is-fatal", true)
	c.placementStrategy = strings.ToLower(c.prop("placement-strategy", "default"))
	c.maintenanceMode = c.boolProp("maintenance-mode", false)
	c.stonithAction = c.prop("stonith-action", "reboot")
	if c.stonithAction == "poweroff" {
		c.stonithAction = "off"
	}
	c.startupFencing = c.boolProp("startup-fencing", true)
	c.concurrentFencing = c.boolProp("concurrent-fencing", false)
	c.stopEverything = c.boolProp("stop-all-resources", false)
	c.startupProbes = c.boolProp("enable-startup-probes", true)
	c.removeAfterStop = c.boolProp("remove-after-stop", false)
	c.shutdownLock = c.boolProp("shutdown-lock", false)
	if v, ok := c.props["default-resource-stickiness"]; ok {
		c.defaultStickiness, _ = cib.ParseScore(v)
	}
	c.clusterName = c.prop("cluster-name", "")
	c.dcUUID = c.cib.Attrs.Get(cib.AttrDCUUID)
	c.haveQuorum = cib.IsTrue(c.cib.Attrs.Get(cib.AttrHaveQuorum))
}

// naturalLess compares strings with embedded numbers compared numerically,
// case-insensitively (pcmk__numeric_strcasecmp).
func naturalLess(a, b string) int {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		ca, cb := a[i], b[j]
		if isDigit(ca) && isDigit(cb) {
			si := i
			for i < len(a) && isDigit(a[i]) {
				i++
			}
			sj := j
			for j < len(b) && isDigit(b[j]) {
				j++
			}
			na, _ := strconv.ParseInt(a[si:i], 10, 64)
			nb, _ := strconv.ParseInt(b[sj:j], 10, 64)
			if na != nb {
				if na < nb {
					return -1
				}
				return 1
			}
			continue
		}
		la, lb := lower(ca), lower(cb)
		if la != lb {
			if la < lb {
				return -1
			}
			return 1
		}
		i++
		j++
	}
	switch {
	case i < len(a):
		return 1
	case j < len(b):
		return -1
	}
	return 0
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func atoiDefault(s string, def int) int {
	// fast path for the plain decimal numbers history entries hold
	if n, ok := fastAtoi(s); ok {
		return n
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return def
	}
	return n
}

func fastAtoi(s string) (int, bool) {
	if s == "" || len(s) > 18 {
		return 0, false
	}
	neg := false
	i := 0
	if s[0] == '-' {
		neg = true
		i = 1
		if len(s) == 1 {
			return 0, false
		}
	}
	n := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}
