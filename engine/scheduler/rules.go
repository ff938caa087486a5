package scheduler

import (
	"time"

	"gocrm/cib"
)

// ruleCtx is what a rule can test: node attributes, "now", the resource
// (for rsc_expression and value-source) and the operation (op_expression).
type ruleCtx struct {
	now      time.Time
	attrs    map[string]string // node attributes; nil outside node context
	rscMeta  map[string]string
	rscParam map[string]string
	class    string
	provider string
	agent    string
	opName   string
	opIntvl  int // ms
	hasOp    bool
	// submatches of the resource id against a location's rsc-pattern
	submatches []string
}

func (c *cluster) ruleContext(ctx ruleCtx) *cib.RuleContext {
	rc := &cib.RuleContext{Now: ctx.now, NodeAttrs: ctx.attrs, RscClass: ctx.class, RscProvider: ctx.provider,
		RscType: ctx.agent, Params: ctx.rscParam, Meta: ctx.rscMeta, Submatches: ctx.submatches}
	if c.needRefs() {
		rc.Refs = c.index()
	}
	if ctx.hasOp {
		rc.OpName = ctx.opName
		rc.OpInterval = time.Duration(ctx.opIntvl) * time.Millisecond
	}
	return rc
}

// index is the configuration's id index, built on first use (only id-ref
// resolution needs it).
func (c *cluster) index() *cib.Index {
	if c.idx == nil {
		c.idx = cib.NewIndex(c.cib)
	}
	return c.idx
}

// needRefs reports whether the configuration uses id-refs at all (decided
// once by a cheap scan), so that the id index is only built when needed.
func (c *cluster) needRefs() bool {
	if c.refsKnown {
		return c.hasRefs
	}
	c.refsKnown = true
	c.hasRefs = configHasRefs(&c.cib.Config)
	return c.hasRefs
}

func setsHaveRefs(sets []*cib.NVSet) bool {
	for _, s := range sets {
		if s.IDRef != "" {
			return true
		}
		for _, p := range s.Pairs {
			if p.IDRef != "" {
				return true
			}
		}
		for _, r := range s.Rules {
			if ruleHasRefs(r) {
				return true
			}
		}
	}
	return false
}

func ruleHasRefs(r *cib.Rule) bool {
	if r.IDRef != "" {
		return true
	}
	for _, e := range r.Exprs {
		switch x := e.(type) {
		case *cib.Rule:
			if ruleHasRefs(x) {
				return true
			}
		case *cib.Expression:
			if x.IDRef != "" {
				return true
			}
		}
	}
	return false
}

func primHasRefs(p *cib.Primitive) bool {
	if setsHaveRefs(p.Params) || setsHaveRefs(p.Meta) || setsHaveRefs(p.Utilization) || p.Ops.IDRef != "" {
		return true
	}
	for _, o := range p.Ops.Ops {
		if setsHaveRefs(o.Params) || setsHaveRefs(o.Meta) {
			return true
		}
	}
	return false
}

func configHasRefs(cfg *cib.Configuration) bool {
	if setsHaveRefs(cfg.CRMConfig) || setsHaveRefs(cfg.RscDefaults) || setsHaveRefs(cfg.OpDefaults) {
		return true
	}
	for _, n := range cfg.Nodes {
		if setsHaveRefs(n.Attributes) || setsHaveRefs(n.Utilization) {
			return true
		}
	}
	var rsc func(r cib.Resource) bool
	rsc = func(r cib.Resource) bool {
		switch x := r.(type) {
		case *cib.Primitive:
			return primHasRefs(x)
		case *cib.Template:
			return primHasRefs((*cib.Primitive)(x))
		case *cib.Group:
			if setsHaveRefs(x.Meta) || setsHaveRefs(x.Params) {
				return true
			}
			for _, ch := range x.Children {
				if primHasRefs(ch) {
					return true
				}
			}
		case *cib.Clone:
			return setsHaveRefs(x.Meta) || setsHaveRefs(x.Params) || (x.Child != nil && rsc(x.Child))
		}
		return false
	}
	for _, r := range cfg.Resources {
		if rsc(r) {
			return true
		}
	}
	for _, k := range cfg.Constraints {
		if l, ok := k.(*cib.Location); ok {
			for _, r := range l.Rules {
				if ruleHasRefs(r) {
					return true
				}
			}
		}
	}
	return false
}

func evalRule(c *cluster, r *cib.Rule, ctx ruleCtx) bool {
	return cib.EvalRule(r, c.ruleContext(ctx))
}

// evalNVSets merges name/value sets into out the way Pacemaker does: sets
// are taken by descending score and the first value seen for a name wins;
// values already in out are kept.
func evalNVSets(c *cluster, sets []*cib.NVSet, _ *node, out map[string]string, ctx ruleCtx) {
	if len(sets) == 0 {
		return
	}
	m, _ := cib.EvalNVSets(sets, c.ruleContext(ctx), cib.NVSetOptions{})
	for k, v := range m {
		if _, ok := out[k]; !ok {
			out[k] = v
		}
	}
}

// parseIntervalMS parses Pacemaker interval/timeout syntax into
// milliseconds.
func parseIntervalMS(s string) (int, bool) {
	if s == "" {
		return 0, true
	}
	d, ok := cib.PacemakerDuration(s)
	if !ok {
		return 0, false
	}
	return int(d / time.Millisecond), true
}
