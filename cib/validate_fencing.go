package cib

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// stonithEnabled returns the effective stonith-enabled (true unless set
// to a false value outside rules).
func (v *validator) stonithEnabled() bool {
	if v.stonith == nil {
		val := "true"
		for _, s := range v.orderedCRMConfig() {
			if len(s.Rules) > 0 {
				continue
			}
			if p := findPair(s, "stonith-enabled"); p != nil {
				val, v.stonithAt = p.Value, p
				break
			}
		}
		on := !IsFalse(val) // an invalid value means the default, true
		v.stonith = &on
	}
	return *v.stonith
}

// checkStonith reports stonith-enabled=true (the default) without any
// fencing resource, which Pacemaker treats as an error that disables
// resource start-up.
func (v *validator) checkStonith() {
	if !v.stonithEnabled() {
		return
	}
	// The cluster sets have-watchdog when SBD watchdog self-fencing is in
	// use; Pacemaker then does not insist on a fencing resource.
	for _, s := range v.c.Config.CRMConfig {
		if p := findPair(s, "have-watchdog"); p != nil && len(s.Rules) == 0 && IsTrue(p.Value) {
			return
		}
	}
	at := v.stonithAt
	for _, e := range v.ix.entries {
		if p, ok := e.Obj.(*Primitive); ok {
			if class, _, _, _ := v.agentOf(p); class == "stonith" {
				return
			}
		}
	}
	msg := "stonith-enabled is true but no fencing (stonith) resource is defined, so no resource will be started; configure a stonith resource or set stonith-enabled=false (clusters with shared data need fencing to be safe)"
	if at == nil {
		v.errorf(nil, "%s", msg)
		return
	}
	v.errorf(at, "%s", msg)
}

// orderedCRMConfig returns the cluster property sets in the order Pacemaker
// applies them: cib-bootstrap-options first, then by descending score.
func (v *validator) orderedCRMConfig() []*NVSet {
	var first, rest []*NVSet
	for _, s := range v.c.Config.CRMConfig {
		if s.ID == "cib-bootstrap-options" {
			first = append(first, s)
		} else {
			rest = append(rest, s)
		}
	}
	sort.SliceStable(rest, func(i, j int) bool {
		a, _ := ParseScore(rest[i].Score)
		b, _ := ParseScore(rest[j].Score)
		return a > b
	})
	return append(first, rest...)
}

func findPair(s *NVSet, name string) *NVPair {
	for _, p := range s.Pairs {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// checkFencingTopology checks fencing levels: one kind of target, an
// index from 1 to 9 unique per target, and devices that are stonith
// primitives.
func (v *validator) checkFencingTopology() {
	type key struct{ target, index string }
	seen := make(map[key]*FencingLevel)
	for _, l := range v.c.Config.FencingTopology {
		e := l
		n := 0
		for _, set := range []bool{l.Target != "", l.TargetPattern != "", l.TargetAttribute != ""} {
			if set {
				n++
			}
		}
		if n != 1 {
			v.errorf(e, "fencing level %s must name exactly one of target, target-pattern or target-attribute", l.ID)
		}
		if l.TargetAttribute != "" && l.TargetValue == "" {
			v.errorf(e, "fencing level %s has target-attribute but no target-value", l.ID)
		}
		if l.TargetPattern != "" {
			if _, err := regexp.Compile(l.TargetPattern); err != nil {
				v.errorf(e, "target-pattern %q is not a valid regular expression: %v", l.TargetPattern, err)
			}
		}
		if idx, err := strconv.Atoi(l.Index); err != nil || idx < 1 || idx > 9 {
			v.errorf(e, "fencing level %s has index %q; want 1 to 9", l.ID, l.Index)
		}
		k := key{l.Target + "\x00" + l.TargetPattern + "\x00" + l.TargetAttribute + "=" + l.TargetValue, l.Index}
		if first, dup := seen[k]; dup {
			v.errorf(e, "fencing level %s has the same target and index as %s", l.ID, first.ID)
		}
		seen[k] = l
		if strings.TrimSpace(l.Devices) == "" {
			v.errorf(e, "fencing level %s lists no devices", l.ID)
		}
		for _, d := range strings.Split(l.Devices, ",") {
			d = strings.TrimSpace(d)
			if d == "" {
				continue
			}
			p, ok := v.ix.Resource(d).(*Primitive)
			if !ok {
				msg := fmt.Sprintf("fencing level %s uses device %q, which is not a primitive", l.ID, d)
				if s := Suggest(d, v.resourceIDs()); s != "" {
					msg += fmt.Sprintf("; did you mean %q?", s)
				}
				v.errorf(e, "%s", msg)
				continue
			}
			if class, _, _, _ := v.agentOf(p); class != "stonith" {
				v.errorf(e, "fencing level %s uses %s, which is not a stonith resource", l.ID, d)
			}
		}
	}
}
