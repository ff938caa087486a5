package cib

import (
	"fmt"
	"regexp"
	"strings"

	"gocrm/cib/xmltree"
)

var (
	constraintActions = []string{"start", "stop", "promote", "demote"}
	orderKinds        = []string{"Optional", "Mandatory", "Serialize"}
	lossPolicies      = []string{"stop", "demote", "fence", "freeze"}
	discoveryModes    = []string{"always", "never", "exclusive"}
)

// refKind says what an id names, for references from constraints.
func (v *validator) refKind(id string) string {
	for e := v.ix.byID[id]; e != nil; e = e.next {
		switch e.Obj.(type) {
		case *Primitive, *Group, *Clone, *Bundle, *RawResource:
			return "resource"
		case *Template:
			return "template"
		case *Tag:
			return "tag"
		}
	}
	return ""
}

// checkRscRef reports a constraint reference (attribute attr) to something
// that is not a resource, template or tag.
func (v *validator) checkRscRef(e any, attr, id string) {
	if id == "" {
		return
	}
	if k := v.refKind(id); k != "" {
		if k == "resource" {
			if c := v.enclosingCollective(id); c != nil {
				v.errorf(e, "%s refers to %s, which is inside %s %s; Pacemaker finds it only while an instance of it is active and otherwise ignores the constraint: refer to %s instead", attr, id, c.Name, c.ID, c.ID)
			}
		}
		return
	}
	msg := fmt.Sprintf("%s refers to %q, which is not a resource, template or tag", attr, id)
	if e0 := v.ix.byID[id]; e0 != nil {
		msg = fmt.Sprintf("%s refers to %q, which is a %s, not a resource", attr, id, e0.Name)
	} else if s := Suggest(id, v.resourceIDs()); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	v.errorf(e, "%s", msg)
}

// enclosingCollective returns the clone or bundle that contains the
// resource id (whose instances get their own ids, so constraints cannot
// name the resource inside), or nil.
func (v *validator) enclosingCollective(id string) *Entry {
	for e := v.ix.byID[id]; e != nil; e = e.next {
		switch e.Obj.(type) {
		case *Primitive, *Group:
			for p := e.Parent; p != nil; p = p.Parent {
				switch p.Obj.(type) {
				case *Clone, *Bundle:
					return p
				}
			}
			return nil
		}
	}
	return nil
}

func (v *validator) resourceIDs() []string {
	var ids []string
	for _, e := range v.ix.entries {
		switch e.Obj.(type) {
		case *Primitive, *Group, *Clone, *Bundle, *Template, *Tag:
			if e.ID != "" {
				ids = append(ids, e.ID)
			}
		}
	}
	return ids
}

func (v *validator) checkEnum(e any, what, val string, allowed []string) {
	if val == "" {
		return
	}
	for _, a := range allowed {
		if strings.EqualFold(a, val) {
			return
		}
	}
	msg := fmt.Sprintf("bad %s %q: want one of %s", what, val, strings.Join(allowed, ", "))
	if s := Suggest(val, allowed); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	v.errorf(e, "%s", msg)
}

func (v *validator) checkBool(e any, what, val string) {
	if val != "" && !IsTrue(val) && !IsFalse(val) {
		v.errorf(e, "bad %s %q: want true or false", what, val)
	}
}

func (v *validator) checkScore(e any, what, val string) {
	if val == "" {
		return
	}
	if _, err := ParseScore(val); err != nil {
		v.errorf(e, "bad %s: %v", what, err)
	}
}

func (v *validator) checkConstraints() {
	for _, k := range v.c.Config.Constraints {
		switch k := k.(type) {
		case *Location:
			v.checkLocation(k, k)
		case *Colocation:
			v.checkColocation(k, k)
		case *Order:
			v.checkOrder(k, k)
		case *Ticket:
			v.checkTicket(k, k)
		case *RawConstraint:
			if k.Node == nil || k.Node.Kind != xmltree.ElementNode {
				continue // a comment
			}
			v.errorf(k, "unknown constraint element <%s>; constraints are rsc_location, rsc_colocation, rsc_order and rsc_ticket", k.Node.Name)
		}
	}
}

func (v *validator) checkLocation(e any, l *Location) {
	forms := 0
	for _, set := range []bool{l.Rsc != "", l.RscPattern != "", len(l.Sets) > 0} {
		if set {
			forms++
		}
	}
	switch {
	case forms == 0:
		v.errorf(e, "location %s names no resource; set rsc, rsc-pattern or a resource set", l.ID)
	case forms > 1:
		v.errorf(e, "location %s must use only one of rsc, rsc-pattern and resource sets", l.ID)
	}
	v.checkRscRef(e, "rsc", l.Rsc)
	if l.RscPattern != "" {
		if _, err := regexp.Compile(l.RscPattern); err != nil {
			v.errorf(e, "rsc-pattern %q is not a valid regular expression: %v", l.RscPattern, err)
		}
	}
	v.checkSets(l.Sets)
	switch {
	case len(l.Rules) > 0 && (l.Node != "" || l.Score != ""):
		v.errorf(e, "location %s has both a node/score and rules; use one or the other", l.ID)
	case len(l.Rules) == 0 && l.Node == "":
		v.errorf(e, "location %s has neither a node nor rules; add `SCORE: NODE` or a rule", l.ID)
	case len(l.Rules) == 0 && l.Score == "":
		v.errorf(e, "location %s has a node but no score; add a score such as inf or -inf", l.ID)
	}
	v.checkScore(e, "score", l.Score)
	v.checkEnum(e, "role", l.Role, roleValues)
	v.checkEnum(e, "resource-discovery", l.ResourceDiscovery, discoveryModes)
}

func (v *validator) checkColocation(e any, c *Colocation) {
	v.checkPairOrSets(e, "colocation", c.ID, "rsc", c.Rsc, "with-rsc", c.WithRsc, c.Sets)
	v.checkRscRef(e, "rsc", c.Rsc)
	v.checkRscRef(e, "with-rsc", c.WithRsc)
	v.checkSets(c.Sets)
	if c.Score == "" && len(c.Sets) == 0 {
		v.warnf(e, "colocation %s has no score, so Pacemaker uses 0 and it has no effect; add one (inf, -inf or a number)", c.ID)
	}
	v.checkScore(e, "score", c.Score)
	v.checkEnum(e, "rsc-role", c.RscRole, roleValues)
	v.checkEnum(e, "with-rsc-role", c.WithRscRole, roleValues)
	v.checkBool(e, "influence", c.Influence)
	if k1, k2 := v.refKind(c.Rsc), v.refKind(c.WithRsc); (k1 == "template" || k1 == "tag") && (k2 == "template" || k2 == "tag") {
		v.errorf(e, "relates two templates or tags (%s, %s); Pacemaker ignores it: name a resource on at least one side", c.Rsc, c.WithRsc)
	}
	if c.Rsc != "" && c.Rsc == c.WithRsc {
		v.warnf(e, "places %s with itself, which means nothing; delete it", c.Rsc)
	}
}

func (v *validator) checkOrder(e any, o *Order) {
	v.checkPairOrSets(e, "order", o.ID, "first", o.First, "then", o.Then, o.Sets)
	v.checkRscRef(e, "first", o.First)
	v.checkRscRef(e, "then", o.Then)
	v.checkSets(o.Sets)
	v.checkEnum(e, "first-action", o.FirstAction, constraintActions)
	v.checkEnum(e, "then-action", o.ThenAction, constraintActions)
	v.checkEnum(e, "kind", o.Kind, orderKinds)
	if o.Score != "" {
		v.checkScore(e, "score", o.Score)
		if o.Kind == "" {
			v.warnf(e, "score in order %s is deprecated; use kind (Mandatory, Optional or Serialize)", o.ID)
		}
	}
	v.checkBool(e, "symmetrical", o.Symmetrical)
	v.checkBool(e, "require-all", o.RequireAll)
	if o.First != "" && o.First == o.Then {
		fa, ta := o.FirstAction, o.ThenAction
		if fa == "" {
			fa = "start"
		}
		if ta == "" {
			ta = fa
		}
		if fa == ta {
			v.warnf(e, "orders %s %s before itself, which means nothing; delete it", fa, o.First)
		}
	}
}

func (v *validator) checkTicket(e any, t *Ticket) {
	if t.Ticket == "" {
		v.errorf(e, "rsc_ticket %s names no ticket", t.ID)
	}
	if t.Rsc == "" && len(t.Sets) == 0 {
		v.errorf(e, "rsc_ticket %s names no resource; set rsc or a resource set", t.ID)
	}
	v.checkRscRef(e, "rsc", t.Rsc)
	v.checkSets(t.Sets)
	v.checkEnum(e, "rsc-role", t.RscRole, roleValues)
	v.checkEnum(e, "loss-policy", t.LossPolicy, lossPolicies)
}

func (v *validator) checkPairOrSets(e any, kind, id, an, a, bn, b string, sets []*ResourceSet) {
	switch {
	case len(sets) > 0 && (a != "" || b != ""):
		v.errorf(e, "%s %s has both %s/%s and resource sets; use one or the other", kind, id, an, bn)
	case len(sets) == 0 && (a == "" || b == ""):
		v.errorf(e, "%s %s needs both %s and %s (or resource sets)", kind, id, an, bn)
	}
}

func (v *validator) checkSets(sets []*ResourceSet) {
	for _, s := range sets {
		e := s
		if s.IDRef != "" {
			ok := false
			for r := v.ix.byID[s.IDRef]; r != nil; r = r.next {
				if rs, is := r.Obj.(*ResourceSet); is && rs.IDRef == "" {
					ok = true
				}
			}
			if !ok {
				v.errorf(e, "resource_set id-ref %q does not name a resource set", s.IDRef)
			}
			continue
		}
		if len(s.Refs) == 0 {
			v.errorf(e, "resource set %s is empty; list at least one resource", s.ID)
		}
		for _, r := range s.Refs {
			v.checkRscRef(e, "resource_ref", r)
		}
		v.checkBool(e, "sequential", s.Sequential)
		v.checkBool(e, "require-all", s.RequireAll)
		v.checkEnum(e, "ordering", s.Ordering, []string{"group", "listed"})
		v.checkEnum(e, "action", s.Action, constraintActions)
		v.checkEnum(e, "role", s.Role, roleValues)
		v.checkEnum(e, "kind", s.Kind, orderKinds)
		v.checkScore(e, "score", s.Score)
	}
}
