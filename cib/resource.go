package cib

import "gocrm/cib/xmltree"

// Resource is one child of <resources>: *Primitive, *Group, *Clone, *Bundle,
// *Template or *RawResource (an element the model does not know).
type Resource interface {
	ResourceID() string
	isResource()
}

// Primitive is a single resource managed by an agent (<primitive>).
// Class, Provider and Type name the agent (ocf:heartbeat:IPaddr2); a
// primitive may instead take them from an rsc_template named by Template.
type Primitive struct {
	ID          string
	Class       string
	Provider    string
	Type        string
	Template    string
	Description string
	Params      []*NVSet // instance_attributes
	Meta        []*NVSet // meta_attributes
	Utilization []*NVSet
	Ops         Operations
	Extra       Extra
}

// Template is an rsc_template (<template>): a primitive definition that
// primitives inherit from. Its Template field is unused.
type Template Primitive

// Operations is the <operations> element of a primitive or template.
type Operations struct {
	ID    string
	IDRef string
	Ops   []*Op
	Extra Extra
}

// Op is one operation definition (<op>). All attributes other than id and
// name (interval, timeout, role, on-fail, start-delay, enabled,
// record-pending, interval-origin, requires, description, ...) are kept in
// Attrs in the order the user wrote them.
type Op struct {
	ID     string
	Name   string
	Attrs  Attrs
	Params []*NVSet // instance_attributes (crm: op_params)
	Meta   []*NVSet // meta_attributes (crm: op_meta)
	Extra  Extra    // unknown children only; attributes live in Attrs
}

// Interval returns the op's interval attribute ("" when absent).
func (o *Op) Interval() string { return o.Attrs.Get("interval") }

// Group is an ordered, colocated list of primitives (<group>).
type Group struct {
	ID          string
	Description string
	Params      []*NVSet
	Meta        []*NVSet
	Children    []*Primitive
	Extra       Extra
}

// Clone runs copies of a primitive or group on several nodes (<clone>, or
// the legacy <master> element when Legacy is set, which crm shows as ms).
type Clone struct {
	ID          string
	Description string
	Legacy      bool     // written as <master>: promotable by definition
	Params      []*NVSet // instance_attributes
	Meta        []*NVSet
	Child       Resource // *Primitive or *Group
	Extra       Extra
}

// Promotable reports whether the clone is promotable: a legacy master
// resource or one with meta promotable=true (rules are not evaluated).
func (c *Clone) Promotable() bool {
	if c.Legacy {
		return true
	}
	v, _ := Lookup(c.Meta, "promotable")
	return IsTrue(v)
}

// Bundle runs a primitive inside containers (<bundle>).
type Bundle struct {
	ID          string
	Description string
	Container   *BundleContainer // docker, podman or rkt
	Network     *BundleNetwork   // nil when absent
	Storage     []*StorageMapping
	StorageSet  bool       // an explicit <storage> element, even if empty
	Primitive   *Primitive // nil for a bundle of bare containers
	Meta        []*NVSet
	Extra       Extra
}

// BundleContainer is the <docker>, <podman> or <rkt> element of a bundle;
// its options (image, replicas, replicas-per-host, promoted-max, network,
// options, run-command, ...) are kept in order in Attrs.
type BundleContainer struct {
	Kind  string
	Attrs Attrs
	Extra Extra
}

// BundleNetwork is the <network> element of a bundle; its options
// (ip-range-start, control-port, host-interface, host-netmask, add-host)
// are kept in order in Attrs.
type BundleNetwork struct {
	Attrs Attrs
	Ports []*PortMapping
	Extra Extra
}

// PortMapping is one <port-mapping>; id first, then port, internal-port or
// range in Attrs.
type PortMapping struct {
	ID    string
	Attrs Attrs
	Extra Extra
}

// StorageMapping is one <storage-mapping>; source-dir or source-dir-root,
// target-dir and options in Attrs.
type StorageMapping struct {
	ID    string
	Attrs Attrs
	Extra Extra
}

// RawResource is a child of <resources> the model does not know, kept in
// place so it is written back unchanged.
type RawResource struct {
	Node *xmltree.Node
}

func (r *Primitive) ResourceID() string   { return r.ID }
func (r *Template) ResourceID() string    { return r.ID }
func (r *Group) ResourceID() string       { return r.ID }
func (r *Clone) ResourceID() string       { return r.ID }
func (r *Bundle) ResourceID() string      { return r.ID }
func (r *RawResource) ResourceID() string { return r.Node.Get("id") }

func (*Primitive) isResource()   {}
func (*Template) isResource()    {}
func (*Group) isResource()       {}
func (*Clone) isResource()       {}
func (*Bundle) isResource()      {}
func (*RawResource) isResource() {}
