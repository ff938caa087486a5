package grammar

import (
	"slices"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"gocrm/cib"
	"gocrm/cib/xmltree"
)

// resourceSets parses a resource list into resource sets the way crmsh's
// ResourceSet does: ( ) makes an unordered set, [ ] one that does not
// require all, sequential= and require-all= change the set being built,
// and a change of role (action for orders) starts a new set.
func (b *Builder) resourceSets(toks []lexer.Token, qattr string) ([]*cib.ResourceSet, error) {
	p := rsetParser{b: b, qattr: qattr, sequential: true, requireAll: true}
	return p.parse(toks)
}

type rsetParser struct {
	b          *Builder
	qattr      string
	sets       []*cib.ResourceSet
	refs       []string
	prevQ      string
	currAttr   string
	opened     string
	sequential bool
	requireAll bool
}

func (p *rsetParser) save() {
	if len(p.refs) == 0 {
		return
	}
	s := &cib.ResourceSet{Refs: p.refs}
	if !p.requireAll {
		s.RequireAll = "false"
	}
	if !p.sequential {
		s.Sequential = "false"
	}
	if p.currAttr != "" {
		if p.qattr == "action" {
			s.Action = p.prevQ
		} else {
			s.Role = p.prevQ
		}
	}
	p.sets = append(p.sets, s)
	p.refs, p.prevQ, p.currAttr = nil, "", ""
}

func (p *rsetParser) parse(toks []lexer.Token) ([]*cib.ResourceSet, error) {
	var last lexer.Token
	for _, t := range toks {
		last = t
		v := t.Value
		switch {
		case t.Type == TokWord && v == "_rsc_set_":
			continue
		case t.Type == TokPunct && (v == "(" || v == "["):
			p.save()
			if p.opened != "" {
				return nil, errorf(t.Pos, "cannot nest resource sets")
			}
			p.sequential = false
			if v == "[" {
				p.requireAll = false
			}
			p.opened = v
			continue
		case t.Type == TokPunct && (v == ")" || v == "]"):
			if len(p.refs) == 0 {
				return nil, errorf(t.Pos, "empty resource set")
			}
			p.save()
			if p.opened == "" {
				return nil, errorf(t.Pos, "unmatched closing bracket")
			}
			if (p.opened == "(") != (v == ")") {
				return nil, errorf(t.Pos, "mismatched closing bracket")
			}
			p.sequential, p.requireAll, p.opened = true, true, ""
			continue
		case t.Type == TokPunct:
			return nil, errorf(t.Pos, "unexpected %q in resource list", v)
		case strings.Contains(v, "="):
			if err := p.attr(t); err != nil {
				return nil, err
			}
			continue
		}
		rsc, q, err := p.split(t)
		if err != nil {
			return nil, err
		}
		if q != p.prevQ {
			p.save()
			p.prevQ = q
		}
		if q != "" {
			if p.currAttr == "" {
				p.currAttr = p.qattr
			}
		} else {
			p.currAttr = ""
		}
		p.refs = append(p.refs, rsc)
	}
	if p.opened != "" {
		return nil, errorf(last.Pos, "unmatched opening bracket")
	}
	p.save()
	return p.sets, nil
}

func (p *rsetParser) attr(t lexer.Token) error {
	parts := strings.Split(t.Value, "=")
	if len(parts) != 2 {
		return errorf(t.Pos, "extra = in %s", t.Value)
	}
	var flag *bool
	switch parts[0] {
	case "sequential":
		flag = &p.sequential
	case "require-all":
		flag = &p.requireAll
	default:
		return errorf(t.Pos, "unknown attribute %q in resource set: expected sequential= or require-all=", parts[0])
	}
	switch {
	case cib.IsTrue(parts[1]) && isBoolWordSet(parts[1]):
		*flag = true
	case cib.IsFalse(parts[1]) && isBoolWordSet(parts[1]):
		*flag = false
	default:
		return errorf(t.Pos, "not a boolean: %s", parts[1])
	}
	return nil
}

// isBoolWordSet is crmsh's verify_boolean: yes/true/on/1, no/false/off/0.
func isBoolWordSet(v string) bool {
	switch strings.ToLower(v) {
	case "yes", "true", "on", "1", "no", "false", "off", "0":
		return true
	}
	return false
}

func (p *rsetParser) split(t lexer.Token) (string, string, error) {
	parts := strings.Split(t.Value, ":")
	switch len(parts) {
	case 1:
		if parts[0] == "" {
			break
		}
		return parts[0], "", nil
	case 2:
		if parts[0] == "" {
			break
		}
		v := parts[1]
		names := actionNames
		if p.qattr == "role" {
			v = p.b.role11(v)
			names = roleNames
		}
		if c, ok := canon(v, names); ok {
			return parts[0], c, nil
		}
	}
	return "", "", errorf(t.Pos, "invalid %s for %s", p.qattr, t.Value)
}

// redirectConstraints makes constraints that name a resource that just
// went into a container name the container instead, as crmsh does. In
// resource sets a resource named twice keeps its last reference, and a
// set constraint left with two resources is rewritten the way crmsh
// does it: printed, and read back without the _rsc_set_ marker (which
// turns it into a simple constraint when the text allows).
func (b *Builder) redirectConstraints(from, to string) {
	for _, k := range slices.Clone(b.c.Config.Constraints) {
		switch k := k.(type) {
		case *cib.Location:
			if k.Rsc == from {
				k.Rsc = to
			}
		case *cib.Colocation:
			if k.Rsc == from {
				k.Rsc = to
			}
			if k.WithRsc == from {
				k.WithRsc = to
			}
		case *cib.Order:
			if k.First == from {
				k.First = to
			}
			if k.Then == from {
				k.Then = to
			}
		case *cib.Ticket:
			if k.Rsc == from {
				k.Rsc = to
			}
		}
		if renameSetRefs(constraintSets(k), from, to) {
			b.convertSets(k)
		}
	}
}

// renameSetRefs renames from to to in resource sets and drops repeated
// references; it reports whether two distinct resources are left.
func renameSetRefs(sets []*cib.ResourceSet, from, to string) bool {
	renamed := false
	count := map[string]int{}
	for _, s := range sets {
		for i, r := range s.Refs {
			if r == from {
				s.Refs[i] = to
				renamed = true
			}
			count[s.Refs[i]]++
		}
	}
	if !renamed {
		return false
	}
	for _, s := range sets {
		refs := s.Refs[:0]
		for _, r := range s.Refs {
			if count[r] > 1 {
				count[r]--
				continue
			}
			refs = append(refs, r)
		}
		s.Refs = refs
	}
	return len(count) == 2
}

// convertSets is crmsh's rset_convert.
func (b *Builder) convertSets(k cib.Constraint) {
	sets := constraintSets(k)
	for _, s := range sets {
		s.Sequential = ""
	}
	p := &Printer{c: b.c, refdRules: map[string]bool{}, refdSets: map[string]bool{}}
	text := strings.Replace(p.Format(Object{constraintKind(k), k.ConstraintID(), k}), "_rsc_set_ ", "", 1)
	st, err := ParseStatement("", text)
	if err != nil || st == nil {
		return
	}
	mode := b.opts.Mode
	b.opts.Mode = ModeUpdate
	defer func() { b.opts.Mode = mode }()
	if b.apply(st) != nil {
		return
	}
	if c, ok := b.constraint(k.ConstraintID()).(*cib.Colocation); ok && len(sets) == 1 && len(c.Sets) == 0 {
		c.Rsc, c.WithRsc = c.WithRsc, c.Rsc
		c.RscRole, c.WithRscRole = c.WithRscRole, c.RscRole
	}
}

func (b *Builder) constraint(id string) cib.Constraint {
	for _, k := range b.c.Config.Constraints {
		if k.ConstraintID() == id {
			return k
		}
	}
	return nil
}

// dropSillyConstraints removes constraints about id that became
// meaningless (a colocation or order of id with itself).
func (b *Builder) dropSillyConstraints(id string) {
	out := b.c.Config.Constraints[:0]
	for _, k := range b.c.Config.Constraints {
		if slices.Contains(constraintRefs(k), id) && silly(k, id) {
			delete(b.objs, k.ConstraintID())
			continue
		}
		out = append(out, k)
	}
	b.c.Config.Constraints = out
}

// constraintRefs returns the resources a constraint names.
func constraintRefs(k cib.Constraint) []string {
	var refs []string
	switch k := k.(type) {
	case *cib.Location:
		refs = []string{k.Rsc}
	case *cib.Colocation:
		refs = []string{k.Rsc, k.WithRsc}
	case *cib.Order:
		refs = []string{k.First, k.Then}
	case *cib.Ticket:
		refs = []string{k.Rsc}
	}
	return append(refs, setRefs(constraintSets(k))...)
}

func silly(k cib.Constraint, id string) bool {
	sets := constraintSets(k)
	if len(sets) > 0 {
		n := 0
		for _, s := range sets {
			n += len(s.Refs)
		}
		switch k.(type) {
		case *cib.Location, *cib.Ticket:
			return n < 1
		}
		return n <= 1
	}
	var refs []string
	switch k := k.(type) {
	case *cib.Colocation:
		refs = []string{k.Rsc, k.WithRsc}
	case *cib.Order:
		refs = []string{k.First, k.Then}
	default:
		return false
	}
	cnt, same := 0, 0
	for _, r := range refs {
		if r != "" {
			cnt++
			if r == id {
				same++
			}
		}
	}
	return same == 2 || cnt < 2
}

// ownIDs returns every id inside an object (its own included).
func ownIDs(obj any) map[string]bool {
	var n *xmltree.Node
	switch o := obj.(type) {
	case cib.Resource:
		n = cib.EncodeResource(o)
	case cib.Constraint:
		n = cib.EncodeConstraint(o)
	case *cib.Node:
		n = cib.EncodeNode(o)
	case *cib.Alert:
		n = cib.EncodeAlert(o)
	case *cib.ACLRole:
		n = cib.EncodeACLRole(o)
	case *cib.Tag:
		n = cib.EncodeTag(o)
	}
	ids := map[string]bool{}
	var walk func(*xmltree.Node)
	walk = func(n *xmltree.Node) {
		if n == nil {
			return
		}
		if id, ok := n.Attr("id"); ok {
			ids[id] = true
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(n)
	return ids
}
