package cib

import (
	"strings"
	"sync"

	"gocrm/cib/xmltree"
)

// Entry is one element of the configuration in an Index: its XML element
// name, id (empty for elements that have none, such as <operations> without
// an id or the section elements), the model object and its parent.
//
// Obj is one of *Node, *NVSet, *NVPair, *Primitive, *Template, *Group,
// *Clone, *Bundle, *Operations, *Op, *Location, *Colocation, *Order,
// *Ticket, *ResourceSet, *Rule, *Expression, *DateExpression, *DateSpec,
// *RscExpression, *OpExpression, *FencingLevel, *Tag, *ACLs, *ACLTarget,
// *ACLGroup, *ACLRole, *ACLPermission, *Alert, *Recipient, *PortMapping,
// *StorageMapping, *BundleContainer, *BundleNetwork, *RawResource,
// *RawConstraint, *xmltree.Node (an unknown element kept in Extra) or nil
// (a section element).
type Entry struct {
	Name   string
	ID     string
	Obj    any
	Parent *Entry
	// Ref is the id-ref of a reference element (an nvset, nvpair, rule or
	// expression written as id-ref="..."), which has no id of its own.
	Ref string

	pos  int    // document order
	next *Entry // next entry with the same id
}

// Index maps ids to the elements of one configuration and records each
// element's parent. It is a snapshot: rebuild it after changing the CIB.
type Index struct {
	entries []*Entry
	byID    map[string]*Entry // first entry with the id; others via next
	last    map[string]*Entry // last entry with the id (while building)
	dups    []string          // ids used more than once, in order of first repetition
	slab    []Entry

	objOnce sync.Once
	byObj   map[any]*Entry // built on first use of Of
}

// NewIndex indexes every element of c's configuration section (the status
// section's ids are per node and not unique, so it is left out).
func NewIndex(c *CIB) *Index {
	if c == nil {
		return &Index{byID: map[string]*Entry{}}
	}
	n := estimateEntries(&c.Config)
	ix := &Index{
		byID:    make(map[string]*Entry, n),
		entries: make([]*Entry, 0, n),
		slab:    make([]Entry, 0, min(n, 256)),
	}
	buildIndex(ix, &c.Config)
	ix.last = nil
	return ix
}

// Lookup returns the first element with the given id.
func (ix *Index) Lookup(id string) (*Entry, bool) {
	e := ix.byID[id]
	return e, e != nil
}

// All returns every element with the given id, in document order (more
// than one means the id is duplicated).
func (ix *Index) All(id string) []*Entry {
	e := ix.byID[id]
	if e == nil {
		return nil
	}
	if e.next == nil {
		return []*Entry{e}
	}
	var out []*Entry
	for ; e != nil; e = e.next {
		out = append(out, e)
	}
	return out
}

// estimateEntries guesses the number of elements of a configuration, to
// size the index in one go.
func estimateEntries(c *Configuration) int {
	return 16 + 12*len(c.Resources) + 4*len(c.Constraints) + 8*len(c.Nodes) +
		4*(len(c.CRMConfig)+len(c.RscDefaults)+len(c.OpDefaults)) + len(c.FencingTopology) + len(c.Tags)
}

// Entries returns every element in document order.
func (ix *Index) Entries() []*Entry { return ix.entries }

// Duplicates returns the ids that more than one element uses, in the order
// their second use appears.
func (ix *Index) Duplicates() []string { return ix.dups }

// Of returns the entry of a model object (a pointer held by the indexed
// CIB), or nil. A *Template is also found as the *Primitive it converts
// to.
func (ix *Index) Of(obj any) *Entry {
	ix.objOnce.Do(func() {
		ix.byObj = make(map[any]*Entry, len(ix.entries))
		for _, e := range ix.entries {
			if e.Obj != nil {
				ix.byObj[e.Obj] = e
			}
			if t, ok := e.Obj.(*Template); ok {
				ix.byObj[(*Primitive)(t)] = e
			}
		}
	})
	return ix.byObj[obj]
}

// Resource returns the resource (at any depth: inside groups, clones and
// bundles) with the given id, or nil.
func (ix *Index) Resource(id string) Resource {
	for e := ix.byID[id]; e != nil; e = e.next {
		if r, ok := e.Obj.(Resource); ok {
			if _, tmpl := r.(*Template); !tmpl {
				return r
			}
		}
	}
	return nil
}

// XPath returns the element's path the way Pacemaker's patchsets write it:
// /cib/configuration/resources/primitive[@id='vip'].
func (e *Entry) XPath() string {
	var parts []string
	for x := e; x != nil; x = x.Parent {
		if x.ID != "" {
			parts = append(parts, x.Name+"[@id='"+x.ID+"']")
		} else {
			parts = append(parts, x.Name)
		}
	}
	var b strings.Builder
	b.WriteString("/cib/configuration")
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteByte('/')
		b.WriteString(parts[i])
	}
	return b.String()
}

// Path returns the element's short path within the configuration:
// resources/group[g]/primitive[vip]/operations/op[vip-monitor-30s].
func (e *Entry) Path() string {
	var parts []string
	for x := e; x != nil; x = x.Parent {
		if x.ID != "" {
			parts = append(parts, x.Name+"["+x.ID+"]")
		} else {
			parts = append(parts, x.Name)
		}
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteString(parts[i])
		if i > 0 {
			b.WriteByte('/')
		}
	}
	return b.String()
}

// Object returns the entry of the crm configuration object that contains e
// (e itself when it is one): a node, primitive (also inside a group, clone
// or bundle), group, clone, bundle, template, constraint, property set,
// defaults set, fencing topology, tag, ACL object or alert. It returns nil
// for the section elements.
func (e *Entry) Object() *Entry {
	for x := e; x != nil; x = x.Parent {
		if CRMKind(x) != "" {
			return x
		}
	}
	return nil
}

// CRMKind returns the crm shell's name for the kind of object e is
// (primitive, group, clone, ms, bundle, rsc_template, location, colocation,
// order, rsc_ticket, node, property, rsc_defaults, op_defaults,
// fencing_topology, tag, acl_target, acl_group, role, alert), or "" when e
// is not a configuration object on its own.
func CRMKind(e *Entry) string {
	switch o := e.Obj.(type) {
	case *Primitive:
		return "primitive"
	case *Template:
		return "rsc_template"
	case *Group:
		return "group"
	case *Clone:
		if o.Legacy {
			return "ms"
		}
		return "clone"
	case *Bundle:
		return "bundle"
	case *RawResource, *RawConstraint:
		return e.Name
	case *Location:
		return "location"
	case *Colocation:
		return "colocation"
	case *Order:
		return "order"
	case *Ticket:
		return "rsc_ticket"
	case *Node:
		return "node"
	case *FencingLevel:
		return "fencing_topology"
	case *Tag:
		return "tag"
	case *ACLTarget:
		return "acl_target"
	case *ACLGroup:
		return "acl_group"
	case *ACLRole:
		return "role"
	case *Alert:
		return "alert"
	case *NVSet:
		if e.Parent != nil && e.Parent.Obj == nil {
			switch e.Parent.Name {
			case "crm_config":
				return "property"
			case "rsc_defaults":
				return "rsc_defaults"
			case "op_defaults":
				return "op_defaults"
			}
		}
	}
	return ""
}

// ObjectName returns "kind id" for the crm object containing e, such as
// "primitive vip", or the short path when there is none.
func (e *Entry) ObjectName() string {
	o := e.Object()
	if o == nil {
		return e.Path()
	}
	id := o.ID
	if n, ok := o.Obj.(*Node); ok && n.Uname != "" {
		id = n.Uname
	}
	if id == "" {
		id = o.Ref
	}
	return CRMKind(o) + " " + id
}

// indexer builds an Index by walking the model in XML document order.
type indexer struct{ ix *Index }

func (w indexer) add(parent *Entry, name, id string, obj any) *Entry {
	ix := w.ix
	if len(ix.slab) == cap(ix.slab) {
		ix.slab = make([]Entry, 0, 256)
	}
	ix.slab = append(ix.slab, Entry{Name: name, ID: id, Obj: obj, Parent: parent, pos: len(ix.entries)})
	e := &ix.slab[len(ix.slab)-1]
	ix.entries = append(ix.entries, e)
	if id != "" {
		if first := ix.byID[id]; first == nil {
			ix.byID[id] = e
		} else {
			if ix.last == nil {
				ix.last = make(map[string]*Entry)
			}
			tail := ix.last[id]
			if tail == nil {
				tail = first
				ix.dups = append(ix.dups, id)
			}
			tail.next = e
			ix.last[id] = e
		}
	}
	return e
}

func (w indexer) extra(parent *Entry, x *Extra) {
	for _, n := range x.Nodes {
		w.raw(parent, n)
	}
}

func (w indexer) raw(parent *Entry, n *xmltree.Node) {
	if n.Kind != xmltree.ElementNode {
		return
	}
	var e *Entry
	switch n.Name {
	case "role_ref", "obj_ref", "resource_ref", "role":
		// Their id attribute names another element.
		e = w.add(parent, n.Name, "", n)
		e.Ref = n.Get("id")
	default:
		e = w.add(parent, n.Name, n.Get("id"), n)
		e.Ref = n.Get("id-ref")
	}
	for _, c := range n.Children {
		w.raw(e, c)
	}
}
