package cib

import (
	"strings"
	"time"
)

// RuleContext is everything a rule may test. Rule evaluation is pure: the
// time is an input, and nothing else is consulted.
type RuleContext struct {
	// Now is the time date expressions are evaluated at. Its location is
	// the cluster's local time zone: date_spec fields are read in it and
	// date/times written without an offset are taken to be in it.
	Now time.Time
	// NodeAttrs are the node's attributes, including the built-in ones the
	// scheduler sets: #uname, #id, #kind, #is_dc, #cluster-name,
	// #site-name. A nil map means no node (every attribute undefined).
	NodeAttrs map[string]string
	// Role is the resource's role for #role expressions (Stopped, Started,
	// Unpromoted or Promoted, or their legacy names); "" when unknown.
	Role string
	// RscClass, RscProvider and RscType describe the resource for
	// rsc_expression (in rsc_defaults and op_defaults rules); all empty
	// when rules are not evaluated for a resource.
	RscClass, RscProvider, RscType string
	// OpName and OpInterval describe the operation for op_expression (in
	// op_defaults rules); OpName is "" when not evaluating for an op.
	OpName     string
	OpInterval time.Duration
	// Params and Meta are the resource's instance and meta attributes,
	// used by expressions with value-source="param" or "meta" (location
	// constraint rules). Nil maps make such references undefined.
	Params, Meta map[string]string
	// Submatches are the submatches of the resource id against a location
	// constraint's rsc-pattern; %0 to %9 in attribute names expand to them.
	Submatches []string
	// Refs resolves id-ref rules and expressions; nil leaves them false.
	Refs *Index
}

// EvalRule reports whether rule r holds in ctx.
func EvalRule(r *Rule, ctx *RuleContext) bool {
	ok, _ := EvalRuleNext(r, ctx)
	return ok
}

// EvalRuleNext reports whether rule r holds in ctx and the earliest time
// after ctx.Now at which its result may change because of a date
// expression (zero when no date expression can change it). The time is a
// safe recheck point: the result cannot change earlier, though it may stay
// the same then.
func EvalRuleNext(r *Rule, ctx *RuleContext) (bool, time.Time) {
	ev := ruleEval{ctx: orEmpty(ctx)}
	ok := ev.rule(r, 0)
	return ok, ev.next
}

// EvalRules reports whether a list of rules (the rules of one nvset) lets
// the set apply: it does when there are no rules or any rule holds.
func EvalRules(rules []*Rule, ctx *RuleContext) bool {
	ok, _ := EvalRulesNext(rules, ctx)
	return ok
}

// EvalRulesNext is EvalRules with the next time the result may change.
func EvalRulesNext(rules []*Rule, ctx *RuleContext) (bool, time.Time) {
	if len(rules) == 0 {
		return true, time.Time{}
	}
	ev := ruleEval{ctx: orEmpty(ctx)}
	ok := false
	for _, r := range rules {
		if ev.rule(r, 0) {
			ok = true
		}
	}
	return ok, ev.next
}

// orEmpty returns ctx, or an empty context (no node, no resource, the
// zero time) when ctx is nil.
func orEmpty(ctx *RuleContext) *RuleContext {
	if ctx == nil {
		return &RuleContext{}
	}
	return ctx
}

type ruleEval struct {
	ctx  *RuleContext
	next time.Time
}

// noteChange records t as a time the result may change.
func (ev *ruleEval) noteChange(t time.Time) {
	if !t.After(ev.ctx.Now) {
		return
	}
	if ev.next.IsZero() || t.Before(ev.next) {
		ev.next = t
	}
}

// maxRuleDepth bounds nesting and id-ref chains (a reference cycle would
// otherwise recurse forever).
const maxRuleDepth = 64

func (ev *ruleEval) rule(r *Rule, depth int) bool {
	if r == nil || depth > maxRuleDepth {
		return false
	}
	if r.IDRef != "" && len(r.Exprs) == 0 {
		ref := ev.resolveRule(r.IDRef)
		if ref == nil || ref == r {
			return false
		}
		return ev.rule(ref, depth+1)
	}
	or := strings.EqualFold(r.BooleanOp, "or")
	result := !or
	// Every term is evaluated (no short circuit) so that the next change
	// of any date expression is seen.
	for _, x := range r.Exprs {
		ok := ev.expr(x, depth)
		if or && ok {
			result = true
		} else if !or && !ok {
			result = false
		}
	}
	return result
}

func (ev *ruleEval) resolveRule(id string) *Rule {
	if ev.ctx.Refs == nil {
		return nil
	}
	for e := ev.ctx.Refs.byID[id]; e != nil; e = e.next {
		if r, ok := e.Obj.(*Rule); ok && r.IDRef == "" {
			return r
		}
	}
	return nil
}

func (ev *ruleEval) expr(x Expr, depth int) bool {
	switch x := x.(type) {
	case *Rule:
		return ev.rule(x, depth+1)
	case *Expression:
		if x.IDRef != "" && x.Attribute == "" {
			if ev.ctx.Refs == nil {
				return false
			}
			for e := ev.ctx.Refs.byID[x.IDRef]; e != nil; e = e.next {
				if ref, ok := e.Obj.(*Expression); ok && ref.IDRef == "" {
					return ev.attrExpr(ref)
				}
			}
			return false
		}
		return ev.attrExpr(x)
	case *DateExpression:
		return ev.dateExpr(x)
	case *RscExpression:
		return ev.rscExpr(x)
	case *OpExpression:
		return ev.opExpr(x)
	}
	return false
}

func (ev *ruleEval) rscExpr(x *RscExpression) bool {
	c := ev.ctx
	if c.RscClass == "" && c.RscType == "" {
		return false
	}
	if x.Class != "" && x.Class != c.RscClass {
		return false
	}
	// As in Pacemaker, the provider must match exactly: an expression
	// without one matches only resources without one.
	if x.Provider != c.RscProvider {
		return false
	}
	return x.Type == "" || x.Type == c.RscType
}

func (ev *ruleEval) opExpr(x *OpExpression) bool {
	c := ev.ctx
	if c.OpName == "" || x.Name != c.OpName {
		return false
	}
	if x.Interval != "" {
		d, err := ParseDuration(x.Interval)
		if err != nil || d != c.OpInterval {
			return false
		}
	}
	return true
}
