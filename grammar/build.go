package grammar

import (
	"sort"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"gocrm/cib"
)

// Mode says how Apply treats a statement whose object already exists.
type Mode int

const (
	// ModeCreate is `crm configure <statement>`: a statement creates a new
	// object, and naming an existing one is an error ("already exists"),
	// except that node and property/rsc_defaults/op_defaults statements
	// add to the existing node or set.
	ModeCreate Mode = iota
	// ModeUpdate is `crm configure load update` and the save step of
	// `crm configure edit`: a statement replaces the object with its id,
	// keeping the ids of nested elements that match (as crmsh does), and
	// property sets are merged.
	ModeUpdate
)

// ApplyOptions tune Apply and NewBuilder.
type ApplyOptions struct {
	Mode Mode
	// Provider picks the provider of an OCF agent given without one
	// (`Dummy`, `ocf:Dummy`). crmsh asks the installed agents: heartbeat
	// when it has the agent (or nobody has), else pacemaker, else the
	// first provider. Nil means heartbeat.
	Provider func(agent string) string
}

// Apply applies statements to c in order, all or nothing: on error c is
// left unchanged and the error (an *Error with the position of the
// statement at fault) is returned.
func Apply(c *cib.CIB, stmts []*Statement, opts ApplyOptions) error {
	work := c.Clone()
	b := newBuilder(work, opts, len(stmts))
	for _, st := range stmts {
		if err := b.Apply(st); err != nil {
			return err
		}
	}
	*c = *work
	return nil
}

// Builder applies statements to a CIB one at a time, like one crmsh
// session: it knows every id in use, so generated ids never collide, and
// it keeps an index of the objects. A statement that fails leaves the CIB
// and the builder unchanged. The CIB must not be changed behind the
// builder's back.
type Builder struct {
	c    *cib.CIB
	opts ApplyOptions
	ids  *idStore
	objs map[string]string // object id -> crm kind
	rscs map[string]*rscEntry
	// nodes by id and by uname
	nodeIDs, unames map[string]*cib.Node
	// legacyRoles is set for CIB schemas older than pacemaker-3.7, where
	// crmsh writes Promoted/Unpromoted as Master/Slave.
	legacyRoles bool
}

// rscEntry is a resource (or template) and the container holding it.
type rscEntry struct {
	r      cib.Resource
	parent cib.Resource
}

// NewBuilder returns a builder that applies statements to c.
func NewBuilder(c *cib.CIB, opts ApplyOptions) *Builder { return newBuilder(c, opts, 0) }

// newBuilder sizes the builder's maps for the CIB and for n statements
// to come.
func newBuilder(c *cib.CIB, opts ApplyOptions, n int) *Builder {
	ix := cib.NewIndex(c)
	entries := ix.Entries()
	b := &Builder{
		c:       c,
		opts:    opts,
		ids:     newIDStore(len(entries) + 6*n + 64),
		objs:    make(map[string]string, len(c.Config.Resources)+len(c.Config.Constraints)+n+16),
		rscs:    make(map[string]*rscEntry, len(c.Config.Resources)+n+16),
		nodeIDs: make(map[string]*cib.Node, len(c.Config.Nodes)),
		unames:  make(map[string]*cib.Node, len(c.Config.Nodes)),
	}
	for _, e := range entries {
		b.ids.save(e.ID)
	}
	b.ids.mark()
	if v, ok := c.Attrs.Lookup(cib.AttrValidateWith); ok {
		b.legacyRoles = schemaBefore(v, "3.7")
	}
	b.index()
	return b
}

// schemaBefore reports whether a validate-with value names a pacemaker
// schema older than version.
func schemaBefore(validateWith, version string) bool {
	v, ok := strings.CutPrefix(validateWith, "pacemaker-")
	if !ok || v == "next" {
		return false
	}
	return cib.CompareVersions(v, version) < 0
}

// index registers the objects already in the CIB.
func (b *Builder) index() {
	cfg := &b.c.Config
	for _, n := range cfg.Nodes {
		b.addNode(n)
	}
	for _, r := range cfg.Resources {
		b.addResource(r, nil)
	}
	for _, k := range cfg.Constraints {
		b.objs[k.ConstraintID()] = constraintKind(k)
	}
	for _, s := range cfg.CRMConfig {
		b.objs[s.ID] = "property"
	}
	for _, s := range cfg.RscDefaults {
		b.objs[s.ID] = "rsc_defaults"
	}
	for _, s := range cfg.OpDefaults {
		b.objs[s.ID] = "op_defaults"
	}
	if len(cfg.FencingTopology) > 0 {
		b.objs[fencingID] = "fencing_topology"
	}
	for _, t := range cfg.Tags {
		b.objs[t.ID] = "tag"
	}
	if a := cfg.ACLs; a != nil {
		for _, r := range a.Roles {
			b.objs[r.ID] = "role"
		}
		for _, t := range a.Targets {
			b.objs[t.ID] = "acl_target"
		}
		for _, g := range a.Groups {
			b.objs[g.ID] = "acl_group"
		}
	}
	for _, a := range cfg.Alerts {
		b.objs[a.ID] = "alert"
	}
}

// fencingID is the object id crmsh gives the fencing topology.
const fencingID = "fencing_topology"

func (b *Builder) addNode(n *cib.Node) {
	if n.ID != "" {
		b.nodeIDs[n.ID] = n
	}
	if n.Uname != "" {
		b.unames[n.Uname] = n
	}
}

// addResource registers r and the resources inside it.
func (b *Builder) addResource(r cib.Resource, parent cib.Resource) {
	id := r.ResourceID()
	b.rscs[id] = &rscEntry{r: r, parent: parent}
	b.objs[id] = resourceKind(r)
	switch r := r.(type) {
	case *cib.Group:
		for _, p := range r.Children {
			b.addResource(p, r)
		}
	case *cib.Clone:
		if r.Child != nil {
			b.addResource(r.Child, r)
		}
	case *cib.Bundle:
		if r.Primitive != nil {
			b.addResource(r.Primitive, r)
		}
	}
}

func resourceKind(r cib.Resource) string {
	switch r := r.(type) {
	case *cib.Primitive:
		return "primitive"
	case *cib.Template:
		return "rsc_template"
	case *cib.Group:
		return "group"
	case *cib.Clone:
		if r.Legacy {
			return "ms"
		}
		return "clone"
	case *cib.Bundle:
		return "bundle"
	}
	return "resource"
}

func constraintKind(k cib.Constraint) string {
	switch k.(type) {
	case *cib.Location:
		return "location"
	case *cib.Colocation:
		return "colocation"
	case *cib.Order:
		return "order"
	case *cib.Ticket:
		return "rsc_ticket"
	}
	return "constraint"
}

// Apply applies one statement. On error nothing is changed.
func (b *Builder) Apply(st *Statement) error {
	b.ids.mark()
	if err := b.apply(st); err != nil {
		b.ids.rollback()
		return err
	}
	return nil
}

func (b *Builder) apply(st *Statement) error {
	switch {
	case st.Node != nil:
		return b.node(st.Node, st.Comments)
	case st.Primitive != nil:
		return b.primitive(st.Primitive, st.Comments)
	case st.Monitor != nil:
		return b.monitor(st.Monitor)
	case st.Group != nil:
		return b.group(st.Group, st.Comments)
	case st.Clone != nil:
		return b.clone(st.Clone, st.Comments)
	case st.Bundle != nil:
		return b.bundle(st.Bundle, st.Comments)
	case st.Location != nil:
		return b.location(st.Location, st.Comments)
	case st.Colocation != nil:
		return b.colocation(st.Colocation, st.Comments)
	case st.Order != nil:
		return b.order(st.Order, st.Comments)
	case st.Ticket != nil:
		return b.ticket(st.Ticket, st.Comments)
	case st.Property != nil:
		return b.property(st.Property, st.Comments)
	case st.Fencing != nil:
		return b.fencing(st.Fencing)
	case st.Tag != nil:
		return b.tag(st.Tag, st.Comments)
	case st.Role != nil:
		return b.role(st.Role, st.Comments)
	case st.ACLTarget != nil:
		return b.aclTarget(st.ACLTarget, st.Comments)
	case st.User != nil:
		return b.user(st.User)
	case st.Alert != nil:
		return b.alert(st.Alert, st.Comments)
	}
	return errorf(st.Pos, "empty statement")
}

// checkNewID checks the id of a new top-level object: valid, and not the
// id of an existing object (in update mode an object of the same kind is
// replaced instead) or of any other element.
func (b *Builder) checkNewID(pos lexer.Position, kind, id string) error {
	if !validID(id) {
		return errorf(pos, "invalid id %q: an id starts with a letter or '_' and has only letters, digits, '.', '_' and '-'", id)
	}
	if k, ok := b.objs[id]; ok {
		return errorf(pos, "cannot create %s with ID '%s': found existing %s with same ID", kind, id, k)
	}
	if b.ids.has(id) {
		return errorf(pos, "cannot create %s with ID '%s': the id is already used by an element inside another object", kind, id)
	}
	return nil
}

// bare reports whether a value can be printed without quotes in the
// places crmsh prints it so: not empty, no blanks, quotes or backslashes.
func bare(v string) bool {
	return v != "" && !strings.ContainsAny(v, " \t\r\n\f\v\"'\\")
}

// checkBare fails on a value that could not be printed back bare.
func checkBare(pos lexer.Position, what, v string) error {
	if !bare(v) {
		return errorf(pos, "invalid %s %q: it must not be empty or contain blanks, quotes or backslashes", what, v)
	}
	return nil
}

// comments turns comment lines into XML comment nodes, which crmsh keeps
// as the first children of the object.
func commentNodes(lines []string) cib.Extra {
	var x cib.Extra
	for _, l := range lines {
		x.Nodes = append(x.Nodes, commentNode(l))
	}
	return x
}

// tokVal splits a name=value token.
func tokVal(t lexer.Token) (name, value string) {
	name, value, _ = strings.Cut(t.Value, "=")
	return name, value
}

// replaceResource puts r in the place of old (update mode).
func (b *Builder) replaceResource(old *rscEntry, r cib.Resource) {
	switch p := old.parent.(type) {
	case nil:
		for i, x := range b.c.Config.Resources {
			if x == old.r {
				b.c.Config.Resources[i] = r
			}
		}
	case *cib.Group:
		if np, ok := r.(*cib.Primitive); ok {
			for i, c := range p.Children {
				if cib.Resource(c) == old.r {
					p.Children[i] = np
				}
			}
		}
	case *cib.Clone:
		p.Child = r
	case *cib.Bundle:
		if np, ok := r.(*cib.Primitive); ok {
			p.Primitive = np
		}
	}
	b.addResource(r, old.parent)
}

func sortStrings(s []string) { sort.Strings(s) }
