package cib

import (
	"fmt"
	"strconv"
	"strings"
)

// checkOps checks a primitive's operations: names, attributes, on-fail,
// recurring actions that cannot recur, and duplicates.
func (v *validator) checkOps(p *Primitive) {
	type key struct {
		name string
		ms   int64
	}
	seen := make(map[key]*Op)
	for _, op := range p.Ops.Ops {
		e := op
		if op.Name == "" {
			v.errorf(e, "operation %s has no name (start, stop, monitor, ...)", op.ID)
		} else if !contains(KnownActions, op.Name) {
			msg := fmt.Sprintf("unknown operation %q", op.Name)
			if s := Suggest(op.Name, KnownActions); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			v.warnf(e, "%s", msg)
		}
		v.checkOpAttrs(op)
		v.checkOnFail(p, op)
		iv := op.Interval()
		ms := int64(0)
		if iv != "" {
			if d, err := ParseDuration(iv); err == nil {
				ms = d.Milliseconds()
			}
		}
		if ms > 0 && (op.Name == "start" || op.Name == "stop" || op.Name == "promote" || op.Name == "demote") {
			v.errorf(e, "%s cannot be recurring (interval %s); set interval=0", op.Name, iv)
		}
		// Pacemaker keys operations by name and interval only, whatever
		// their role.
		k := key{op.Name, ms}
		if first, dup := seen[k]; dup && op.Name != "" {
			if ms > 0 {
				v.errorf(e, "operation %s duplicates %s (same name and interval); Pacemaker ignores it: give it a different interval (e.g. add a second)", op.ID, first.ID)
			} else {
				v.warnf(e, "operation %s duplicates %s (same name, not recurring); only the first is used", op.ID, first.ID)
			}
		}
		seen[k] = op
	}
}

// checkOnFail checks on-fail against the action, as the scheduler does
// when it creates the action (so crm_verify reports some of these only
// when the action is due).
func (v *validator) checkOnFail(p *Primitive, op *Op) {
	of, ok := op.Attrs.Lookup("on-fail")
	if !ok {
		return
	}
	switch strings.ToLower(of) {
	case "standby", "stop", "demote":
		if op.Name == "stop" {
			v.errorf(op, "on-fail=%s is not allowed for stop; Pacemaker uses the default (fence, or block without fencing)", of)
			return
		}
	}
	if strings.EqualFold(of, "demote") {
		promotedMonitor := op.Name == "monitor" && normalRole(op.Attrs.Get("role")) == "Promoted"
		if op.Name != "promote" && !promotedMonitor {
			v.errorf(op, "on-fail=demote is allowed only for promote and for monitors with role=Promoted; Pacemaker uses the default")
		}
	}
	if strings.EqualFold(of, "fence") && !v.stonithEnabled() {
		v.errorf(op, "on-fail=fence is not valid when fencing is disabled (stonith-enabled=false); Pacemaker uses stop")
	}
}

// checkParams checks instance attributes against the agent's meta-data.
func (v *validator) checkParams(e any, kind, id, class, provider, typ string, sets []*NVSet) {
	key := class + ":" + provider + ":" + typ
	if v.meta == nil {
		v.meta = make(map[string]*AgentMetadata)
	}
	md, cached := v.meta[key]
	if !cached {
		md, _ = v.opts.Metadata(class, provider, typ)
		v.meta[key] = md
	}
	if md == nil {
		return
	}
	given := make(map[string]bool)
	for _, s := range sets {
		for _, p := range s.Pairs {
			if p.Name == "" {
				continue
			}
			given[p.Name] = true
			pe := p
			ap, ok := md.Param(p.Name)
			if !ok {
				if class == "stonith" {
					if _, ok := FencingParamOptions.Lookup(p.Name); ok {
						continue
					}
				}
				names := md.ParamNames()
				if class == "stonith" {
					names = append(names, FencingParamOptions.Names()...)
				}
				msg := fmt.Sprintf("agent %s has no parameter %q", agentName(class, provider, typ), p.Name)
				if s := Suggest(p.Name, names); s != "" {
					msg += fmt.Sprintf("; did you mean %q?", s)
				}
				v.warnf(pe, "%s", msg)
				continue
			}
			if ap.Deprecated {
				msg := fmt.Sprintf("parameter %q of %s is deprecated", p.Name, agentName(class, provider, typ))
				if len(ap.ReplacedWith) > 0 {
					msg += "; use " + strings.Join(ap.ReplacedWith, " or ")
				}
				v.warnf(pe, "%s", msg)
			}
			if !p.NoValue {
				if why := checkParamValue(ap, p.Value); why != "" {
					v.warnf(pe, "parameter %q=%q of %s: %s", p.Name, p.Value, agentName(class, provider, typ), why)
				}
			}
		}
	}
	for _, ap := range md.Params {
		if !ap.Required || given[ap.Name] {
			continue
		}
		if class == "stonith" && fencerSupplied(ap.Name) {
			continue
		}
		v.errorf(e, "missing required parameter %q of %s (%s); add it to the %s's params", ap.Name, agentName(class, provider, typ), ap.ShortDesc, kind)
	}
}

// fencerSupplied reports whether the fencer passes this parameter to
// fence agents itself.
func fencerSupplied(name string) bool {
	switch name {
	case "action", "port", "plug", "nodename":
		return true
	}
	return false
}

func checkParamValue(ap *AgentParam, val string) string {
	switch ap.Type {
	case "boolean":
		if !IsTrue(val) && !IsFalse(val) {
			return "want a boolean"
		}
	case "integer":
		if _, err := strconv.ParseInt(strings.TrimSpace(val), 10, 64); err != nil {
			return "want an integer"
		}
	case "select":
		if len(ap.Choices) > 0 && !contains(ap.Choices, val) {
			return "want one of " + strings.Join(ap.Choices, ", ")
		}
	}
	return ""
}

func agentName(class, provider, typ string) string {
	if provider != "" {
		return class + ":" + provider + ":" + typ
	}
	return class + ":" + typ
}
