package scheduler

import (
	"strconv"
	"strings"
)

type actFlags uint32

const (
	aOptional actFlags = 1 << iota
	aRunnable
	aPseudo
	aPrintAlways
	aDumped
	aRequiresAny
	aMigrateRunnable
	aDC // may run on the DC instead of its node
	aImpliedByStonith
	aDedup
	aDangle // stop on the source of a dangling migration
)

type needs uint8

const (
	needsNothing needs = iota
	needsQuorum
	needsFencing
)

// action is one scheduled (or merely considered) action.
type action struct {
	id       int
	rsc      *resource
	node     *node
	task     string
	key      string // Pacemaker's uuid, e.g. rsc_start_0
	interval int    // milliseconds
	flags    actFlags
	needs    needs
	reason   string
	targetRC int // expected rc for probes (7) or -1
	priority int

	before []*link // actions this one waits for (actions_before)
	after  []*link

	runnableBefore, requiredRunnableBefore int

	fenceAction string // for stonith: reboot, off, on
	onFail      string
	timeout     int // ms
	params      map[string]string
	opDef       *opDef
	graphID     int // id in the transition graph, -1 when not in it
	reschedule  bool
	cancelTask  string
	// migrateSource and migrateTarget are the ends of a migrate_to or
	// migrate_from
	migrateSource, migrateTarget *node
}

func (f actFlags) has(x actFlags) bool { return f&x != 0 }

func (a *action) is(f actFlags) bool { return a.flags&f != 0 }
func (a *action) set(f actFlags)     { a.flags |= f }
func (a *action) clear(f actFlags)   { a.flags &^= f }

func (a *action) setReason(reason string, overwrite bool) {
	if a.reason != "" && !overwrite {
		return
	}
	a.reason = reason
}

type orderFlags uint32

const (
	oNone                    orderFlags = 0
	oOptional                orderFlags = 0x1
	oApplyFirstNonMigratable orderFlags = 0x2
	oImpliesFirst            orderFlags = 0x10
	oImpliesThen             orderFlags = 0x20
	oPromotedImpliesFirst    orderFlags = 0x40
	oImpliesFirstMigratable  orderFlags = 0x80
	oRunnableLeft            orderFlags = 0x100
	oPseudoLeft              orderFlags = 0x200
	oImpliesThenOnNode       orderFlags = 0x400
	oProbe                   orderFlags = 0x800
	oRestart                 orderFlags = 0x1000
	oStonithStop             orderFlags = 0x2000
	oSerializeOnly           orderFlags = 0x4000
	oSameNode                orderFlags = 0x8000
	oImpliesFirstPrinted     orderFlags = 0x10000
	oImpliesThenPrinted      orderFlags = 0x20000
	oAsymmetrical            orderFlags = 0x100000
	oLoad                    orderFlags = 0x200000
	oOneOrMore               orderFlags = 0x400000
	oAntiColocation          orderFlags = 0x800000
	oPreserve                orderFlags = 0x1000000
	oThenCancelsFirst        orderFlags = 0x2000000
)

type link struct {
	action *action
	typ    orderFlags
}

func opKey(rscID, task string, intervalMS int) string {
	if intervalMS == 0 {
		return rscID + "_" + task + "_0"
	}
	return rscID + "_" + task + "_" + strconv.Itoa(intervalMS)
}

// key returns the cached key of a non-recurring action of the resource.
func (r *resource) key(task string) string {
	if r.keys == nil {
		r.keys = make(map[string]string, 4)
	}
	if k, ok := r.keys[task]; ok {
		return k
	}
	k := opKey(r.id, task, 0)
	r.keys[task] = k
	return k
}

// parseOpKey splits rsc_task_interval keys; rsc ids may contain '_'.
func parseOpKey(key string) (rsc, task string, interval int, ok bool) {
	i := strings.LastIndexByte(key, '_')
	if i <= 0 {
		return "", "", 0, false
	}
	n, err := strconv.Atoi(key[i+1:])
	if err != nil {
		return "", "", 0, false
	}
	rest := key[:i]
	// task may itself contain '_' (migrate_to, migrate_from, ...)
	for _, t := range []string{"migrate_to", "migrate_from", "confirmed-post", "confirmed-pre"} {
		if strings.HasSuffix(rest, "_"+t) {
			return rest[:len(rest)-len(t)-1], t, n, true
		}
	}
	j := strings.LastIndexByte(rest, '_')
	if j <= 0 {
		return "", "", 0, false
	}
	return rest[:j], rest[j+1:], n, true
}

// orderActions records "first then then" (order_actions).
func orderActions(first, then *action, typ orderFlags) bool {
	if typ == oNone || first == nil || then == nil || first == then {
		return false
	}
	for _, l := range first.after {
		if l.action == then && l.typ&typ != 0 {
			return false
		}
	}
	first.after = append(first.after, &link{action: then, typ: typ})
	then.before = append(then.before, &link{action: first, typ: typ})
	return true
}
