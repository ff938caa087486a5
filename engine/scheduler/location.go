package scheduler

import (
	"regexp"
	"strings"

	"gocrm/cib"
)

// location is one location constraint (or one rule of one) resolved to
// per-node scores.
type location struct {
	id       string
	rsc      *resource
	role     Role
	discover discoverMode
	nodes    []nodeScore
}

type nodeScore struct {
	node  *node
	score Score
}

func discoverOf(s string) discoverMode {
	switch strings.ToLower(s) {
	case "never":
		return discoverNever
	case "exclusive":
		return discoverExclusive
	}
	return discoverAlways
}

func (c *cluster) unpackLocation(l *cib.Location) {
	var targets []*resource
	switch {
	case l.Rsc != "":
		targets = c.expandRef(l.Rsc)
	case l.RscPattern != "":
		pattern, invert := l.RscPattern, false
		if strings.HasPrefix(pattern, "!") {
			pattern, invert = pattern[1:], true
		}
		re, err := regexp.Compile(pattern)
		if err != nil {
			return
		}
		for _, r := range c.resources {
			m := re.FindStringSubmatch(r.id)
			if (m != nil) != invert {
				if m != nil {
					c.submatches = m
				}
				c.unpackLocationFor(l, r, l.Role, l.Score)
				c.submatches = nil
			}
		}
		return
	case len(l.Sets) > 0:
		for _, s := range l.Sets {
			for _, ref := range s.Refs {
				for _, r := range c.expandRef(ref) {
					c.unpackLocationFor(l, r, s.Role, s.Score)
				}
			}
		}
		return
	}
	for _, r := range targets {
		c.unpackLocationFor(l, r, l.Role, l.Score)
	}
}

func (c *cluster) unpackLocationFor(l *cib.Location, r *resource, role, score string) {
	disc := discoverOf(l.ResourceDiscovery)
	if len(l.Rules) == 0 {
		if score == "" {
			score = l.Score
		}
		n := c.nodeByName[l.Node]
		if n == nil {
			return
		}
		s, err := cib.ParseScore(score)
		if err != nil {
			return
		}
		c.locations = append(c.locations, &location{id: l.ID, rsc: r, role: constraintRole(role), discover: disc,
			nodes: []nodeScore{{n, s}}})
		return
	}
	for _, rule := range l.Rules {
		if rule.IDRef != "" && len(rule.Exprs) == 0 {
			if e, ok := c.index().Lookup(rule.IDRef); ok {
				if ref, ok := e.Obj.(*cib.Rule); ok {
					rule = ref
				}
			}
		}
		loc := &location{id: l.ID, rsc: r, role: constraintRole(role), discover: disc}
		if rule.Role != "" {
			loc.role = constraintRole(rule.Role)
		}
		raw := true
		scoreStr := rule.Score
		if scoreStr == "" && rule.ScoreAttribute != "" {
			scoreStr, raw = rule.ScoreAttribute, false
		}
		ctxBase := ruleCtx{now: c.now, rscMeta: r.meta, class: r.class, provider: r.provider, agent: r.agent, submatches: c.submatches}
		if r.kind == kindPrimitive {
			ctxBase.rscParam = c.rscParams(r, nil)
		}
		perNode := r.kind == kindPrimitive && setsHaveRules(r.prim.Params)
		for _, n := range c.nodes {
			ctx := ctxBase
			ctx.attrs = n.attrs
			if perNode {
				ctx.rscParam = c.rscParams(r, n)
			}
			if !evalRule(c, rule, ctx) {
				continue
			}
			var s Score
			if raw {
				s, _ = cib.ParseScore(scoreStr)
				if scoreStr == "" {
					s = 0
				}
			} else if v, ok := n.attrs[scoreStr]; ok {
				s, _ = parseScoreLoose(v)
			} else {
				s = negInf
			}
			if strings.EqualFold(rule.BooleanOp, "or") {
				s = add(n.weight, s)
			}
			loc.nodes = append(loc.nodes, nodeScore{n, s})
		}
		c.locations = append(c.locations, loc)
	}
}

// colocation unpacking

// constraintRole parses a location constraint's role: Started and
// Unpromoted apply to every role (an instance is unpromoted before it can
// be promoted).
func constraintRole(s string) Role {
	r := parseRole(s)
	if r == RoleStarted || r == RoleUnpromoted {
		return RoleUnknown
	}
	return r
}
