package cib

import (
	"fmt"
	"strings"
	"time"

	"gocrm/cib/xmltree"
)

// epochRef is the reference time for parsing dates in validation only
// (no rule is evaluated, so any fixed time in UTC does).
var epochRef = time.Unix(0, 0).UTC()

var (
	ruleOps     = []string{"lt", "gt", "lte", "gte", "eq", "ne", "defined", "not_defined"}
	ruleTypes   = []string{"string", "integer", "number", "version"}
	valueSource = []string{"literal", "param", "meta"}
	dateOps     = []string{"lt", "gt", "in_range", "date_spec"}
	specAttrs   = []string{"hours", "monthdays", "weekdays", "yeardays", "months", "weeks", "years", "weekyears", "moon", "minutes", "seconds", "id"}
	durAttrs    = []string{"years", "months", "weeks", "days", "hours", "minutes", "seconds", "id"}
)

// checkRulesEverywhere checks every rule and expression, and every id-ref
// (nvsets, nvpairs, rules, expressions, operations).
func (v *validator) checkRulesEverywhere() {
	for _, e := range v.ix.entries {
		if e.Ref != "" {
			v.checkIDRef(e)
			continue
		}
		switch x := e.Obj.(type) {
		case *Rule:
			v.checkRule(e, x)
		case *Expression:
			v.checkExpression(e, x)
		case *DateExpression:
			v.checkDateExpression(e, x)
		case *RscExpression:
			if !v.underSection(e, "rsc_defaults", "op_defaults") {
				v.errorf(e, "rsc_expression is allowed only in rules of rsc_defaults and op_defaults")
			}
			if x.Class != "" && !contains(AgentClasses, x.Class) {
				v.errorf(e, "rsc_expression names unknown agent class %q", x.Class)
			}
		case *OpExpression:
			if !v.underSection(e, "op_defaults") {
				v.errorf(e, "op_expression is allowed only in rules of op_defaults")
			}
			if x.Name == "" {
				v.errorf(e, "op_expression has no operation name")
			}
			if x.Interval != "" {
				if _, err := ParseDuration(x.Interval); err != nil {
					v.errorf(e, "bad op_expression interval: %v", err)
				}
			}
		}
	}
}

func (v *validator) underSection(e *Entry, sections ...string) bool {
	for x := e; x != nil; x = x.Parent {
		if x.Parent == nil {
			return contains(sections, x.Name)
		}
	}
	return false
}

// checkIDRef checks that a reference element names an element of its kind.
func (v *validator) checkIDRef(e *Entry) {
	if _, raw := e.Obj.(*xmltree.Node); raw {
		return // an element the model does not know; nothing to check it against
	}
	for t := v.ix.byID[e.Ref]; t != nil; t = t.next {
		if t.Ref == "" && t.Name == e.Name {
			return
		}
		if t.Ref == "" && isNVSetName(t.Name) && isNVSetName(e.Name) {
			return // Pacemaker resolves set references by id only
		}
	}
	v.errorf(e, "%s id-ref %q does not name a %s", e.Name, e.Ref, e.Name)
}

func isNVSetName(n string) bool {
	switch n {
	case "instance_attributes", "meta_attributes", "utilization", "cluster_property_set":
		return true
	}
	return false
}

func (v *validator) checkRule(e *Entry, r *Rule) {
	if len(r.Exprs) == 0 {
		v.errorf(e, "rule %s has no expressions; Pacemaker requires at least one", r.ID)
	}
	v.checkEnum(e, "boolean-op", r.BooleanOp, []string{"and", "or"})
	v.checkScore(e, "rule score", r.Score)
	if r.Score != "" && r.ScoreAttribute != "" {
		v.errorf(e, "rule %s has both score and score-attribute; keep one", r.ID)
	}
	v.checkEnum(e, "role", r.Role, roleValues)
}

func (v *validator) checkExpression(e *Entry, x *Expression) {
	if x.Attribute == "" {
		v.errorf(e, "expression %s has no attribute", x.ID)
	}
	if x.Operation == "" {
		v.errorf(e, "expression %s has no operation (%s)", x.ID, joinOr(ruleOps))
		return
	}
	v.checkEnum(e, "operation", x.Operation, ruleOps)
	v.checkEnum(e, "type", x.Type, ruleTypes)
	v.checkEnum(e, "value-source", x.ValueSource, valueSource)
	switch x.Operation {
	case "defined", "not_defined":
		if x.Value != "" {
			v.warnf(e, "expression %s: %s takes no value; %q is ignored", x.ID, x.Operation, x.Value)
		}
	default:
		if x.Value == "" {
			v.warnf(e, "expression %s compares %s with an empty value", x.ID, x.Attribute)
		}
		if x.ValueSource != "" && x.ValueSource != "literal" {
			if !v.underConstraint(e) {
				v.warnf(e, "value-source=%s works only in location constraint rules", x.ValueSource)
			}
			break
		}
		switch x.Type {
		case "integer":
			if _, ok := scanInt(x.Value); !ok {
				v.warnf(e, "expression %s: %q is not an integer; values will be compared as strings", x.ID, x.Value)
			}
		case "number":
			if _, ok := scanFloat(x.Value); !ok {
				v.warnf(e, "expression %s: %q is not a number; values will be compared as strings", x.ID, x.Value)
			}
		}
	}
}

func (v *validator) underConstraint(e *Entry) bool {
	for x := e; x != nil; x = x.Parent {
		if _, ok := x.Obj.(*Location); ok {
			return true
		}
	}
	return false
}

func (v *validator) checkDateExpression(e *Entry, x *DateExpression) {
	op := x.Operation
	if op == "" {
		op = "in_range"
	}
	v.checkEnum(e, "date operation", op, dateOps)
	checkDate := func(what, s string) bool {
		if s == "" {
			return false
		}
		if _, err := ParseDateTime(s, epochRef); err != nil {
			v.errorf(e, "bad %s of date expression %s: %v; Pacemaker ignores it", what, x.ID, err)
			return false
		}
		return true
	}
	hasStart := checkDate("start", x.Start)
	hasEnd := checkDate("end", x.End)
	for _, d := range []struct{ what, s string }{{"start", x.Start}, {"end", x.End}} {
		if attachedOffset(d.s) {
			v.warnf(e, "date expression %s: Pacemaker 2.1.5 and older ignore a time zone offset written right after the time (%s=%q) and use the local zone; put a blank before the offset", x.ID, d.what, d.s)
		}
	}
	switch op {
	case "in_range":
		if x.Start == "" && x.End == "" {
			v.errorf(e, "date expression %s: in_range needs start, end or both", x.ID)
		}
		if x.End != "" && x.Duration != nil {
			v.warnf(e, "date expression %s has both end and duration; the duration is ignored", x.ID)
		}
		if hasStart && hasEnd {
			s, _ := ParseDateTime(x.Start, epochRef)
			t, _ := ParseDateTime(x.End, epochRef)
			if t.Before(s) {
				v.errorf(e, "date expression %s ends (%s) before it starts (%s); it never holds", x.ID, x.End, x.Start)
			}
		}
	case "gt":
		if x.Start == "" {
			v.errorf(e, "date expression %s: gt needs start", x.ID)
		}
	case "lt":
		if x.End == "" {
			v.errorf(e, "date expression %s: lt needs end", x.ID)
		}
	case "date_spec":
		if x.Spec == nil {
			v.errorf(e, "date expression %s: date_spec needs a date_spec element", x.ID)
		}
	}
	if x.Spec != nil {
		se := x.Spec
		for _, a := range x.Spec.Attrs {
			if !contains(specAttrs, a.Name) {
				v.errorf(se, "unknown date_spec field %q%s", a.Name, didYouMean(a.Name, specAttrs))
				continue
			}
			if a.Name == "id" {
				continue
			}
			if _, ok := parseSpecRange(a.Value); !ok {
				v.errorf(se, "date_spec %s=%q is not a number or range (N, N-M, N- or -M); Pacemaker ignores it", a.Name, a.Value)
			}
			if a.Name == "moon" {
				v.warnf(se, "date_spec moon is deprecated")
			}
		}
	}
	if x.Duration != nil {
		de := x.Duration
		for _, a := range x.Duration.Attrs {
			if !contains(durAttrs, a.Name) {
				v.errorf(de, "unknown duration field %q%s", a.Name, didYouMean(a.Name, durAttrs))
				continue
			}
			if a.Name == "id" {
				continue
			}
			if _, ok := scanInt(a.Value); !ok {
				v.errorf(de, "duration %s=%q is not an integer; Pacemaker ignores it", a.Name, a.Value)
			}
		}
	}
}

func didYouMean(s string, list []string) string {
	if m := Suggest(s, list); m != "" {
		return fmt.Sprintf("; did you mean %q?", m)
	}
	return ""
}

func joinOr(list []string) string {
	out := ""
	for i, s := range list {
		switch {
		case i == 0:
		case i == len(list)-1:
			out += " or "
		default:
			out += ", "
		}
		out += s
	}
	return out
}

// attachedOffset reports whether a date/time has a ±hh[:mm] offset written
// right after the time (no blank between them).
func attachedOffset(s string) bool {
	i := strings.IndexAny(s, "T ")
	if i < 0 {
		return false
	}
	t := s[i+1:]
	for j := 1; j < len(t); j++ {
		if (t[j] == '+' || t[j] == '-') && t[j-1] >= '0' && t[j-1] <= '9' {
			return true
		}
	}
	return false
}
