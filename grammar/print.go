package grammar

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"gocrm/cib"
	"gocrm/cib/xmltree"
)

// Object is one crm configuration object as `crm configure show` lists
// it: a node, resource (also one inside a group, clone or bundle),
// constraint, property/rsc_defaults/op_defaults set, the fencing topology,
// a tag, ACL object or alert.
type Object struct {
	Kind  string // crm's name: node, primitive, rsc_template, group, clone, ms, bundle, location, colocation, order, rsc_ticket, property, rsc_defaults, op_defaults, fencing_topology, tag, role, acl_target, acl_group, user, alert
	ID    string
	Value any // *cib.Node, *cib.Primitive, *cib.Template, *cib.Group, *cib.Clone, *cib.Bundle, a cib.Constraint, *cib.NVSet, []*cib.FencingLevel, *cib.Tag, *cib.ACLRole, *cib.ACLTarget, *cib.ACLGroup, *xmltree.Node (acl_user) or *cib.Alert
}

// kindRank is crmsh's order of object kinds in `show`; objects of the
// same rank are sorted by id.
var kindRank = map[string]int{
	"node": 0, "rsc_template": 1, "primitive": 2, "bundle": 3, "group": 4,
	"ms": 5, "clone": 6, "tag": 8,
	"location": 9, "colocation": 9, "order": 9,
	"rsc_ticket": 10, "fencing_topology": 10,
	"property": 11, "rsc_defaults": 12, "op_defaults": 13, "role": 14,
	"acl_target": 15, "acl_group": 15, "user": 15, "alert": 16,
}

// Printer lays out the objects of one CIB as crm configure text.
type Printer struct {
	c *cib.CIB
	// refdRules and refdSets hold the ids of rules and attribute sets
	// that others refer to with $id-ref; only those show their $id.
	refdRules map[string]bool
	refdSets  map[string]bool
	unames    []string
}

// NewPrinter returns a printer for c. The CIB must not change while the
// printer is used.
func NewPrinter(c *cib.CIB) *Printer {
	p := &Printer{c: c, refdRules: map[string]bool{}, refdSets: map[string]bool{}}
	for _, n := range c.Config.Nodes {
		p.unames = append(p.unames, n.Uname)
	}
	p.walkRules()
	return p
}

// Show returns the whole configuration as `crm configure show` prints it.
func Show(c *cib.CIB) string { return NewPrinter(c).Show() }

// Show returns every object, in crmsh's order.
func (p *Printer) Show() string { return p.format(p.Objects()) }

// ShowIDs returns the objects with the given ids (a node also by its
// uname), in crmsh's order; it fails on an id that names no object.
func (p *Printer) ShowIDs(ids ...string) (string, error) {
	all := p.Objects()
	var out []Object
	for _, id := range ids {
		found := false
		for _, o := range all {
			if o.ID == id || o.Kind == "node" && o.Value.(*cib.Node).Uname == id {
				if !slices.ContainsFunc(out, func(x Object) bool { return x.Kind == o.Kind && x.ID == o.ID }) {
					out = append(out, o)
				}
				found = true
			}
		}
		if !found {
			return "", fmt.Errorf("object %s does not exist", id)
		}
	}
	sortObjects(out)
	return p.format(out), nil
}

// ShowKinds returns the objects of the given kinds (crm names, such as
// primitive or location), in crmsh's order.
func (p *Printer) ShowKinds(kinds ...string) string {
	var out []Object
	for _, o := range p.Objects() {
		if slices.Contains(kinds, o.Kind) {
			out = append(out, o)
		}
	}
	return p.format(out)
}

func (p *Printer) format(objs []Object) string {
	var b strings.Builder
	b.Grow(len(objs) * 96)
	for _, o := range objs {
		p.writeObject(&b, o)
		b.WriteByte('\n')
	}
	return b.String()
}

// Format returns one object's text, without a final newline.
func (p *Printer) Format(o Object) string {
	var b strings.Builder
	p.writeObject(&b, o)
	return b.String()
}

// Objects returns the configuration objects in crmsh's show order.
func (p *Printer) Objects() []Object {
	cfg := &p.c.Config
	out := make([]Object, 0, len(cfg.Nodes)+2*len(cfg.Resources)+len(cfg.Constraints)+16)
	for _, n := range cfg.Nodes {
		id := n.ID
		if id == "" {
			id = n.Uname
		}
		out = append(out, Object{"node", id, n})
	}
	var rsc func(r cib.Resource)
	rsc = func(r cib.Resource) {
		switch r := r.(type) {
		case *cib.Primitive:
			out = append(out, Object{"primitive", r.ID, r})
		case *cib.Template:
			out = append(out, Object{"rsc_template", r.ID, r})
		case *cib.Group:
			out = append(out, Object{"group", r.ID, r})
			for _, c := range r.Children {
				rsc(c)
			}
		case *cib.Clone:
			kind := "clone"
			if r.Legacy {
				kind = "ms"
			}
			out = append(out, Object{kind, r.ID, r})
			if r.Child != nil {
				rsc(r.Child)
			}
		case *cib.Bundle:
			out = append(out, Object{"bundle", r.ID, r})
			if r.Primitive != nil {
				rsc(r.Primitive)
			}
		}
	}
	for _, r := range cfg.Resources {
		rsc(r)
	}
	for _, k := range cfg.Constraints {
		if kind := constraintKind(k); kind != "constraint" {
			out = append(out, Object{kind, k.ConstraintID(), k})
		}
	}
	for _, s := range cfg.CRMConfig {
		out = append(out, Object{"property", s.ID, s})
	}
	for _, s := range cfg.RscDefaults {
		out = append(out, Object{"rsc_defaults", s.ID, s})
	}
	for _, s := range cfg.OpDefaults {
		out = append(out, Object{"op_defaults", s.ID, s})
	}
	if len(cfg.FencingTopology) > 0 {
		out = append(out, Object{"fencing_topology", fencingID, cfg.FencingTopology})
	}
	for _, t := range cfg.Tags {
		out = append(out, Object{"tag", t.ID, t})
	}
	if a := cfg.ACLs; a != nil {
		for _, r := range a.Roles {
			out = append(out, Object{"role", r.ID, r})
		}
		for _, t := range a.Targets {
			out = append(out, Object{"acl_target", t.ID, t})
		}
		for _, g := range a.Groups {
			out = append(out, Object{"acl_group", g.ID, g})
		}
		for _, n := range a.Extra.Nodes {
			if n.Kind == xmltree.ElementNode && n.Name == "acl_user" {
				out = append(out, Object{"user", n.Get("id"), n})
			}
		}
	}
	for _, a := range cfg.Alerts {
		out = append(out, Object{"alert", a.ID, a})
	}
	sortObjects(out)
	return out
}

func sortObjects(objs []Object) {
	slices.SortStableFunc(objs, func(a, b Object) int {
		if ra, rb := kindRank[a.Kind], kindRank[b.Kind]; ra != rb {
			return ra - rb
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// walkRules collects the ids rules and attribute sets refer to.
func (p *Printer) walkRules() {
	var rule func(r *cib.Rule)
	rule = func(r *cib.Rule) {
		if r.IDRef != "" {
			p.refdRules[r.IDRef] = true
		}
		for _, e := range r.Exprs {
			if x, ok := e.(*cib.Rule); ok {
				rule(x)
			}
		}
	}
	sets := func(ss []*cib.NVSet) {
		for _, s := range ss {
			if s.IDRef != "" {
				p.refdSets[s.IDRef] = true
			}
			for _, r := range s.Rules {
				rule(r)
			}
		}
	}
	cfg := &p.c.Config
	sets(cfg.CRMConfig)
	sets(cfg.RscDefaults)
	sets(cfg.OpDefaults)
	for _, n := range cfg.Nodes {
		sets(n.Attributes)
		sets(n.Utilization)
	}
	var rsc func(r cib.Resource)
	prim := func(x *cib.Primitive) {
		sets(x.Params)
		sets(x.Meta)
		sets(x.Utilization)
		for _, o := range x.Ops.Ops {
			sets(o.Params)
			sets(o.Meta)
		}
	}
	rsc = func(r cib.Resource) {
		switch r := r.(type) {
		case *cib.Primitive:
			prim(r)
		case *cib.Template:
			prim((*cib.Primitive)(r))
		case *cib.Group:
			sets(r.Params)
			sets(r.Meta)
			for _, c := range r.Children {
				rsc(c)
			}
		case *cib.Clone:
			sets(r.Params)
			sets(r.Meta)
			if r.Child != nil {
				rsc(r.Child)
			}
		case *cib.Bundle:
			sets(r.Meta)
			if r.Primitive != nil {
				rsc(r.Primitive)
			}
		}
	}
	for _, r := range cfg.Resources {
		rsc(r)
	}
	for _, a := range cfg.Alerts {
		sets(a.Params)
		sets(a.Meta)
		for _, r := range a.Recipients {
			sets(r.Params)
			sets(r.Meta)
		}
	}
	for _, k := range cfg.Constraints {
		if l, ok := k.(*cib.Location); ok {
			for _, r := range l.Rules {
				rule(r)
			}
		}
	}
}

// noQuotes reports whether a value can be written without quotes: only
// letters, digits, '_', '.' and '-' (crmsh's noquotes).
func noQuotes(v string) bool {
	if v == "" {
		return false
	}
	for _, r := range v {
		if !(r == '_' || r == '.' || r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}

// quote writes v as crmsh's quote_wrap does: bare when it can be, else in
// double quotes with " escaped. A backslash is escaped only where the
// lexer would otherwise read it as an escape (before " or \ or at the
// end), so that output stays what crmsh prints for values like ^\d+$.
func quote(b *strings.Builder, v string) {
	if noQuotes(v) {
		b.WriteString(v)
		return
	}
	b.WriteByte('"')
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '"':
			b.WriteString(`\"`)
		case c == '\\' && (i+1 == len(v) || v[i+1] == '"' || v[i+1] == '\\'):
			b.WriteString(`\\`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
}

// pair writes name=value (or the bare name when there is no value).
func pair(b *strings.Builder, name string, value string, noValue bool) {
	b.WriteString(name)
	if noValue {
		return
	}
	b.WriteByte('=')
	quote(b, value)
}

// lines joins the parts of an object with crmsh's continuation: a
// backslash, a newline and a tab.
type lines struct {
	b *strings.Builder
}

// next starts a new continuation line.
func (l *lines) next() { l.b.WriteString(" \\\n\t") }

// comments writes the comment nodes of an object, one per line, before it.
func writeComments(b *strings.Builder, x *cib.Extra) {
	for _, n := range x.Nodes {
		if n.Kind == xmltree.CommentNode {
			t := strings.TrimSpace(n.Text)
			if !strings.HasPrefix(t, "#") {
				t = "# " + t
			}
			b.WriteString(t)
			b.WriteByte('\n')
		}
	}
}
