package grammar

import (
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"gocrm/cib"
)

// Roles and actions a constraint may name (pacemaker-3.9 schema), in the
// spelling written to the CIB.
var (
	roleNames   = []string{"Stopped", "Started", "Promoted", "Unpromoted", "Master", "Slave"}
	actionNames = []string{"start", "promote", "demote", "stop"}
	orderKinds  = []string{"Optional", "Mandatory", "Serialize"}
)

func canon(v string, names []string) (string, bool) {
	for _, n := range names {
		if strings.EqualFold(v, n) {
			return n, true
		}
	}
	return "", false
}

func canonRole(v string) (string, bool) { return canon(v, roleNames) }

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

var (
	rscRe     = lazyRegexp(`(?i)^[a-z_#$][^=]*$`)
	patternRe = lazyRegexp(`^/(.+)/$`)
)

// checkConstraintID checks the id of a new constraint; in update mode it
// returns the constraint it replaces.
func (b *Builder) checkConstraintID(t lexer.Token, kind string) (cib.Constraint, error) {
	id := t.Value
	if b.opts.Mode == ModeUpdate && b.objs[id] != "" && isConstraintKind(b.objs[id]) {
		for _, k := range b.c.Config.Constraints {
			if k.ConstraintID() == id {
				if constraintKind(k) != kind {
					return nil, errorf(t.Pos, "cannot replace %s %s with a %s", constraintKind(k), id, kind)
				}
				return k, nil
			}
		}
	}
	return nil, b.checkNewID(t.Pos, kind, id)
}

func isConstraintKind(k string) bool {
	switch k {
	case "location", "colocation", "order", "rsc_ticket":
		return true
	}
	return false
}

// commitConstraint adds a constraint at the end, or in place of old.
func (b *Builder) commitConstraint(k, old cib.Constraint) {
	b.ids.save(k.ConstraintID())
	b.objs[k.ConstraintID()] = constraintKind(k)
	if old != nil {
		for i, x := range b.c.Config.Constraints {
			if x == old {
				b.c.Config.Constraints[i] = k
				return
			}
		}
	}
	b.c.Config.Constraints = append(b.c.Config.Constraints, k)
}

// checkRefs checks that the resources a constraint names exist.
func (b *Builder) checkRefs(id string, pos lexer.Position, refs ...string) error {
	for _, r := range refs {
		if r == "" {
			continue
		}
		if e := b.rscs[r]; e == nil {
			return errorf(pos, "constraint %s references a resource %s which doesn't exist", id, r)
		}
	}
	return nil
}

func setRefs(sets []*cib.ResourceSet) []string {
	var out []string
	for _, s := range sets {
		out = append(out, s.Refs...)
	}
	return out
}

func (b *Builder) location(st *LocationStmt, comments []string) error {
	l := &cib.Location{ID: st.ID.Value, Extra: commentNodes(comments)}
	old, err := b.checkConstraintID(st.ID, "location")
	if err != nil {
		return err
	}
	switch {
	case st.Set != nil:
		if len(st.Set.Items) == 0 {
			return errorf(st.Set.Pos, "empty resource set")
		}
		toks := flattenItems(st.Set.Items)
		l.Sets, err = b.resourceSets(toks, "role")
		if err != nil {
			return err
		}
	default:
		if m := patternRe().FindStringSubmatch(st.Rsc.Value); m != nil {
			l.RscPattern = m[1]
		} else if rscRe().MatchString(st.Rsc.Value) {
			l.Rsc = st.Rsc.Value
		} else {
			return errorf(st.Rsc.Pos, "expected resource, /<pattern>/ or { <set> }, found %q", st.Rsc.Value)
		}
	}
	for _, t := range st.Attrs {
		n, v := tokVal(t)
		if err := checkBare(t.Pos, n, v); err != nil {
			return err
		}
		switch strings.ToLower(strings.TrimPrefix(n, "$")) {
		case "role":
			l.Role = b.role11(v)
		case "resource-discovery":
			l.ResourceDiscovery = v
		default:
			return errorf(t.Pos, "unknown location attribute %q: expected role= or resource-discovery=", n)
		}
	}
	if sc := st.Score; sc != nil {
		s, attr := score(strings.TrimSuffix(sc.Score.Value, ":"))
		l.Score = s
		if attr != "" {
			l.Extra.Attrs.Set("score-attribute", attr)
		}
		if err := checkBare(sc.Node.Pos, "node name", sc.Node.Value); err != nil {
			return err
		}
		if err := checkBare(sc.Score.Pos, "score", sc.Score.Value); err != nil {
			return err
		}
		l.Node = sc.Node.Value
		if sc.Role != nil {
			if err := checkBare(sc.Role.Tok.Pos, "role", sc.Role.Value()); err != nil {
				return err
			}
			if l.Role != "" {
				return errorf(sc.Role.Tok.Pos, "role given twice")
			}
			l.Role = b.role11(sc.Role.Value())
		}
	} else {
		for _, r := range st.Rules {
			rule, err := b.rule(r)
			if err != nil {
				return err
			}
			l.Rules = append(l.Rules, rule)
		}
	}
	if err := b.checkRefs(l.ID, st.Pos, append([]string{l.Rsc}, setRefs(l.Sets)...)...); err != nil {
		return err
	}
	var own map[string]bool
	var oldSets []*cib.ResourceSet
	var oldRules []*cib.Rule
	if ol, ok := old.(*cib.Location); ok {
		own, oldSets, oldRules = ownIDs(ol), ol.Sets, ol.Rules
	}
	a := b.assigner(st.Pos, own)
	a.explicit(l.ID)
	a.constraintSets(l.Sets, oldSets, l.ID)
	a.rules(l.Rules, oldRules, l.ID)
	if a.err != nil {
		return a.err
	}
	b.commitConstraint(l, old)
	return nil
}

func flattenItems(items []*SetItem) []lexer.Token {
	var out []lexer.Token
	for _, it := range items {
		if g := it.Group; g != nil {
			out = append(out, g.Open)
			out = append(out, g.Items...)
			out = append(out, g.Close)
			continue
		}
		out = append(out, it.Tok)
	}
	return out
}

// tail removes the last word when it is the tail attribute name=value
// (crmsh's try_match_tail) and returns its value.
func tail(toks []lexer.Token, name string, valid func(string) bool) ([]lexer.Token, string, bool) {
	if len(toks) == 0 {
		return toks, "", false
	}
	t := toks[len(toks)-1]
	if t.Type != TokAssign {
		return toks, "", false
	}
	n, v := tokVal(t)
	if !strings.EqualFold(n, name) || v == "" || !valid(v) {
		return toks, "", false
	}
	return toks[:len(toks)-1], v, true
}

func anyValue(string) bool { return true }

// hasSetMarker reports whether a resource list holds _rsc_set_, which
// crmsh prints before a set that would otherwise read as two resources.
// crmsh itself counts the marker as a resource, so it reads its own
// "order o _rsc_set_ a" (a one-resource set) as an order of a resource
// named _rsc_set_; gocrm reads it as the set.
func hasSetMarker(toks []lexer.Token) bool {
	for _, t := range toks {
		if t.Type == TokWord && t.Value == "_rsc_set_" {
			return true
		}
	}
	return false
}

func (b *Builder) colocation(st *ColocationStmt, comments []string) error {
	c := &cib.Colocation{ID: st.ID.Value, Extra: commentNodes(comments)}
	old, err := b.checkConstraintID(st.ID, "colocation")
	if err != nil {
		return err
	}
	s, attr := score(strings.TrimSuffix(st.Score.Value, ":"))
	c.Score = s
	if attr != "" {
		c.Extra.Attrs.Set("score-attribute", attr)
	}
	toks, na, ok := tail(flattenItems(st.Items), "node-attribute", anyValue)
	if ok {
		if !bare(na) {
			return errorf(st.Pos, "invalid node-attribute %q", na)
		}
		c.NodeAttribute = strings.ToLower(na)
	}
	if err := checkBare(st.Score.Pos, "score", st.Score.Value); err != nil {
		return err
	}
	if len(toks) == 2 && !hasSetMarker(toks) {
		c.Rsc, c.RscRole, c.RscInstance, err = b.simpleRef(toks[0], "role")
		if err != nil {
			return err
		}
		c.WithRsc, c.WithRscRole, c.WithRscInstance, err = b.simpleRef(toks[1], "role")
		if err != nil {
			return err
		}
	} else {
		if c.Sets, err = b.resourceSets(toks, "role"); err != nil {
			return err
		}
		if len(c.Sets) == 0 {
			return errorf(st.Score.Pos, "expected <rsc>[:<role>] <rsc>[:<role>] | resource_sets")
		}
	}
	if err := b.checkRefs(c.ID, st.Pos, append([]string{c.Rsc, c.WithRsc}, setRefs(c.Sets)...)...); err != nil {
		return err
	}
	return b.finishConstraint(c, old, c.Sets, st.Pos)
}

// finishConstraint assigns ids to a colocation, order or ticket and adds it.
func (b *Builder) finishConstraint(k cib.Constraint, old cib.Constraint, sets []*cib.ResourceSet, pos lexer.Position) error {
	var own map[string]bool
	var oldSets []*cib.ResourceSet
	if old != nil {
		own = ownIDs(old)
		oldSets = constraintSets(old)
	}
	a := b.assigner(pos, own)
	a.explicit(k.ConstraintID())
	a.constraintSets(sets, oldSets, k.ConstraintID())
	if a.err != nil {
		return a.err
	}
	b.commitConstraint(k, old)
	return nil
}

func constraintSets(k cib.Constraint) []*cib.ResourceSet {
	switch k := k.(type) {
	case *cib.Location:
		return k.Sets
	case *cib.Colocation:
		return k.Sets
	case *cib.Order:
		return k.Sets
	case *cib.Ticket:
		return k.Sets
	}
	return nil
}

// simpleRef splits <rsc>[:<role>] (or [:<action>]) of a two-resource
// constraint: a known role or action goes to the -role/-action attribute,
// a number to -instance.
func (b *Builder) simpleRef(t lexer.Token, what string) (rsc, q, instance string, err error) {
	if t.Type == TokPunct || t.Type == TokAssign || t.Type == TokDesc || t.Type == TokDollar {
		return "", "", "", errorf(t.Pos, "expected <rsc>[:<%s>], found %q", what, t.Value)
	}
	parts := strings.Split(t.Value, ":")
	if len(parts) > 2 {
		return "", "", "", errorf(t.Pos, "expected <rsc>[:<%s>], found %q", what, t.Value)
	}
	rsc = parts[0]
	if rsc == "" {
		return "", "", "", errorf(t.Pos, "expected <rsc>[:<%s>], found %q", what, t.Value)
	}
	if len(parts) == 1 || parts[1] == "" {
		return rsc, "", "", nil
	}
	v := parts[1]
	names := roleNames
	if what == "role" {
		v = b.role11(v)
	} else {
		names = actionNames
	}
	if c, ok := canon(v, names); ok {
		return rsc, c, "", nil
	}
	if isDigits(v) {
		return rsc, "", v, nil
	}
	return "", "", "", errorf(t.Pos, "invalid %s '%s' for '%s'", what, parts[1], rsc)
}

func (b *Builder) order(st *OrderStmt, comments []string) error {
	o := &cib.Order{ID: st.ID.Value, Extra: commentNodes(comments)}
	old, err := b.checkConstraintID(st.ID, "order")
	if err != nil {
		return err
	}
	if t := st.Kind; t.Type != 0 {
		v := strings.TrimSuffix(t.Value, ":")
		if k, ok := canon(v, orderKinds); ok {
			o.Kind = k
		} else if numScoreRe().MatchString(v) {
			// crmsh turns an order score into a kind: 0 is Optional,
			// anything else Mandatory.
			if v == "0" {
				o.Kind = "Optional"
			} else {
				o.Kind = "Mandatory"
			}
		} else {
			return errorf(t.Pos, "invalid kind: %s (expected Mandatory, Optional, Serialize or a score)", v)
		}
	}
	toks, sym, ok := tail(flattenItems(st.Items), "symmetrical", isBoolWord)
	if ok {
		o.Symmetrical = "false"
		if cib.IsTrue(sym) {
			o.Symmetrical = "true"
		}
	}
	if len(toks) == 2 && !hasSetMarker(toks) {
		o.First, o.FirstAction, o.FirstInstance, err = b.simpleRef(toks[0], "action")
		if err != nil {
			return err
		}
		o.Then, o.ThenAction, o.ThenInstance, err = b.simpleRef(toks[1], "action")
		if err != nil {
			return err
		}
	} else {
		if o.Sets, err = b.resourceSets(toks, "action"); err != nil {
			return err
		}
		if len(o.Sets) == 0 {
			return errorf(st.Pos, "expected <rsc>[:<action>] <rsc>[:<action>] | resource_sets")
		}
	}
	if err := b.checkRefs(o.ID, st.Pos, append([]string{o.First, o.Then}, setRefs(o.Sets)...)...); err != nil {
		return err
	}
	return b.finishConstraint(o, old, o.Sets, st.Pos)
}

func isBoolWord(v string) bool {
	switch strings.ToLower(v) {
	case "true", "false", "yes", "no", "on", "off":
		return true
	}
	return false
}

func (b *Builder) ticket(st *TicketStmt, comments []string) error {
	if err := checkBare(st.Ticket.Pos, "ticket", st.Ticket.Value); err != nil {
		return err
	}
	t := &cib.Ticket{ID: st.ID.Value, Ticket: strings.TrimSuffix(st.Ticket.Value, ":"), Extra: commentNodes(comments)}
	old, err := b.checkConstraintID(st.ID, "rsc_ticket")
	if err != nil {
		return err
	}
	toks, lp, ok := tail(flattenItems(st.Items), "loss-policy", func(v string) bool {
		_, ok := canon(v, []string{"stop", "demote", "fence", "freeze"})
		return ok
	})
	if ok {
		t.LossPolicy = lp
	}
	if len(toks) == 1 && !hasSetMarker(toks) {
		var inst string
		t.Rsc, t.RscRole, inst, err = b.simpleRef(toks[0], "role")
		if err != nil {
			return err
		}
		if inst != "" {
			return errorf(toks[0].Pos, "invalid role '%s' for '%s'", inst, t.Rsc)
		}
	} else {
		if t.Sets, err = b.resourceSets(toks, "role"); err != nil {
			return err
		}
		if len(t.Sets) == 0 {
			return errorf(st.Pos, "expected <rsc>[:<role>] | resource_sets")
		}
	}
	if err := b.checkRefs(t.ID, st.Pos, append([]string{t.Rsc}, setRefs(t.Sets)...)...); err != nil {
		return err
	}
	return b.finishConstraint(t, old, t.Sets, st.Pos)
}
