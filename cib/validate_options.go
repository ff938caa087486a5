package cib

import (
	"fmt"
)

// checkCRMConfig checks cluster property sets.
func (v *validator) checkCRMConfig() {
	for _, s := range v.c.Config.CRMConfig {
		v.checkOptionSet(s, ClusterOptions, true)
	}
}

// checkDefaults checks rsc_defaults and op_defaults.
func (v *validator) checkDefaults() {
	for _, s := range v.c.Config.RscDefaults {
		v.checkOptionSet(s, ResourceMetaOptions, false)
	}
	for _, s := range v.c.Config.OpDefaults {
		v.checkOptionSet(s, OpOptions, false)
	}
}

// checkOptionSet checks the pairs of one set against an option table:
// unknown names are warnings (with a suggestion), values of the wrong type
// are errors, deprecated options are warnings. strict marks tables whose
// names Pacemaker knows completely (cluster properties); elsewhere unknown
// names may be meant for the agent and are only warned about.
func (v *validator) checkOptionSet(s *NVSet, table *OptionTable, strict bool) {
	v.checkSetScore(s)
	seen := make(map[string]bool, len(s.Pairs))
	for _, p := range s.Pairs {
		pe := p
		if p.IDRef != "" && p.Name == "" {
			continue
		}
		if p.Name == "" {
			v.errorf(pe, "nvpair has no name")
			continue
		}
		if seen[p.Name] && len(s.Rules) == 0 {
			v.warnf(pe, "%s %q is set twice in %s; only the first value is used", table.Kind, p.Name, s.ID)
		}
		seen[p.Name] = true
		o, ok := table.Lookup(p.Name)
		if !ok {
			v.unknownOption(pe, table, p.Name, strict)
			continue
		}
		if o.Deprecated != "" {
			if table == ClusterOptions && legacyProperties[p.Name] && schemaForbidsLegacy(v.c) {
				v.errorf(pe, "cluster property %q is not allowed by schema %s; use %s", p.Name, v.schema(), o.Deprecated)
				continue
			}
			v.warnf(pe, "%s %q is deprecated; use %s", table.Kind, p.Name, o.Deprecated)
		}
		if p.NoValue {
			v.warnf(pe, "%s %q has no value and is ignored", table.Kind, p.Name)
			continue
		}
		if p.Value == "#default" {
			continue
		}
		if err := o.Check(p.Value); err != nil {
			if lenientDuration(o, p.Value) {
				v.warnf(pe, "%s %s: %v", table.Kind, p.Name, err)
				continue
			}
			def := ""
			if o.Default != "" {
				def = fmt.Sprintf("; Pacemaker will use the default (%s)", o.Default)
			}
			v.errorf(pe, "bad value for %s: %v%s", table.Kind, err, def)
		}
	}
}

func (v *validator) unknownOption(e any, table *OptionTable, name string, strict bool) {
	msg := fmt.Sprintf("unknown %s %q", table.Kind, name)
	_, isRsc := ResourceMetaOptions.Lookup(name)
	_, isOp := OpOptions.Lookup(name)
	s := table.Suggest(name)
	if s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	switch {
	case table == ClusterOptions && isRsc:
		msg += fmt.Sprintf(" (%s is a resource option: set it in rsc_defaults)", name)
	case table == ClusterOptions && isOp:
		msg += fmt.Sprintf(" (%s is an operation option: set it in op_defaults)", name)
	}
	if !strict {
		msg += " (it is passed on as is)"
	}
	v.warnf(e, "%s", msg)
}

// checkSetScore checks the score of an nvset, if any.
func (v *validator) checkSetScore(s *NVSet) {
	if s.Score == "" {
		return
	}
	if _, err := ParseScore(s.Score); err != nil {
		v.errorf(s, "bad score of %s: %v", s.ID, err)
	}
}

// checkMetaSets checks meta attribute sets of resource id; promo says
// whether it is (inside) a promotable clone.
func (v *validator) checkMetaSets(sets []*NVSet, id string, promo bool) {
	for _, s := range sets {
		v.checkOptionSet(s, ResourceMetaOptions, false)
		if promo {
			continue
		}
		for _, p := range s.Pairs {
			if p.Name == "target-role" {
				if r := normalRole(p.Value); r == "Promoted" || r == "Unpromoted" {
					v.errorf(p, "target-role=%s only makes sense for promotable clones, which %s is not; Pacemaker ignores it (use Started)", p.Value, id)
				}
			}
		}
	}
}

// checkOpAttrs checks the attributes of one op element.
func (v *validator) checkOpAttrs(op *Op) {
	e := op
	for _, a := range op.Attrs {
		o, ok := OpOptions.Lookup(a.Name)
		if !ok || a.Name == "OCF_CHECK_LEVEL" {
			msg := fmt.Sprintf("unknown operation attribute %q", a.Name)
			if s := OpOptions.Suggest(a.Name); s != "" && s != a.Name {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			if a.Name == "OCF_CHECK_LEVEL" {
				msg += "; put OCF_CHECK_LEVEL in the op's instance_attributes"
			}
			v.errorf(e, "%s", msg)
			continue
		}
		if o.Deprecated != "" {
			v.warnf(e, "operation attribute %q is deprecated; use %s", a.Name, o.Deprecated)
		}
		if a.Name == "interval-origin" {
			if _, err := ParseDateTime(a.Value, epochRef); err != nil {
				v.errorf(e, "bad interval-origin: %v", err)
			}
			continue
		}
		if err := o.Check(a.Value); err != nil {
			if lenientDuration(o, a.Value) {
				v.warnf(e, "operation attribute %s: %v", a.Name, err)
				continue
			}
			v.errorf(e, "bad operation attribute: %v", err)
		}
	}
	for _, s := range op.Meta {
		v.checkOptionSet(s, OpOptions, false)
	}
}

// lenientDuration reports whether value, rejected by o.Check, is still
// read by Pacemaker (with a meaning the user may not expect): a duration
// with a unit Pacemaker matches by prefix or a fraction it drops, or an
// integer followed by other text ("1.0"), of which Pacemaker takes the
// leading digits.
func lenientDuration(o *Option, value string) bool {
	switch o.Type {
	case TypeDuration, TypeTimeout:
		_, ok := PacemakerDuration(value)
		return ok
	case TypeInteger, TypeScore:
		_, ok := scanInt(value)
		return ok
	}
	return false
}

// legacyProperties are the cluster properties the pacemaker-3.x schemas
// reject (they became rsc_defaults and op_defaults).
var legacyProperties = map[string]bool{
	"default-resource-stickiness": true, "is-managed-default": true, "default-action-timeout": true,
}

// schemaForbidsLegacy reports whether c's schema (validate-with) is one of
// the pacemaker-3.x schemas, which reject the legacy cluster properties
// default-resource-stickiness, is-managed-default and default-action-timeout.
func schemaForbidsLegacy(c *CIB) bool {
	s := c.Attrs.Get(AttrValidateWith)
	return s == "" || len(s) > 11 && s[:11] == "pacemaker-3" || s == "pacemaker-next"
}

func (v *validator) schema() string {
	if s := v.c.Attrs.Get(AttrValidateWith); s != "" {
		return s
	}
	return "pacemaker-3.x"
}
