package cib

import "gocrm/cib/xmltree"

// buildIndex walks a configuration in the order the codec writes it.
func buildIndex(ix *Index, c *Configuration) {
	w := indexer{ix}
	section := func(name string) *Entry {
		e := w.add(nil, name, "", nil)
		if x := c.SectionExtra[name]; x != nil {
			w.extra(e, x)
		}
		return e
	}
	crm := section("crm_config")
	for _, s := range c.CRMConfig {
		w.nvset(crm, "cluster_property_set", s)
	}
	nodes := section("nodes")
	for _, n := range c.Nodes {
		e := w.add(nodes, "node", n.ID, n)
		w.nvsets(e, "instance_attributes", n.Attributes)
		w.nvsets(e, "utilization", n.Utilization)
		w.extra(e, &n.Extra)
	}
	res := w.add(nil, "resources", "", nil)
	for _, r := range c.Resources {
		w.resource(res, r)
	}
	cons := w.add(nil, "constraints", "", nil)
	for _, k := range c.Constraints {
		w.constraint(cons, k)
	}
	if len(c.FencingTopology) > 0 || c.SectionExtra["fencing-topology"] != nil {
		ft := section("fencing-topology")
		for _, l := range c.FencingTopology {
			e := w.add(ft, "fencing-level", l.ID, l)
			w.extra(e, &l.Extra)
		}
	}
	if len(c.OpDefaults) > 0 || c.SectionExtra["op_defaults"] != nil {
		od := section("op_defaults")
		w.nvsets(od, "meta_attributes", c.OpDefaults)
	}
	if len(c.RscDefaults) > 0 || c.SectionExtra["rsc_defaults"] != nil {
		rd := section("rsc_defaults")
		w.nvsets(rd, "meta_attributes", c.RscDefaults)
	}
	if c.ACLs != nil {
		w.acls(c.ACLs)
	}
	if len(c.Tags) > 0 || c.SectionExtra["tags"] != nil {
		tg := section("tags")
		for _, t := range c.Tags {
			e := w.add(tg, "tag", t.ID, t)
			w.extra(e, &t.Extra)
		}
	}
	if len(c.Alerts) > 0 || c.SectionExtra["alerts"] != nil {
		al := section("alerts")
		for _, a := range c.Alerts {
			w.alert(al, a)
		}
	}
	if len(c.Extra.Nodes) > 0 {
		w.extra(nil, &c.Extra)
	}
}

func (w indexer) nvsets(parent *Entry, name string, sets []*NVSet) {
	for _, s := range sets {
		w.nvset(parent, name, s)
	}
}

func (w indexer) nvset(parent *Entry, name string, s *NVSet) {
	e := w.add(parent, name, s.ID, s)
	e.Ref = s.IDRef
	for _, r := range s.Rules {
		w.rule(e, r)
	}
	for _, p := range s.Pairs {
		pe := w.add(e, "nvpair", p.ID, p)
		pe.Ref = p.IDRef
		w.extra(pe, &p.Extra)
	}
	w.extra(e, &s.Extra)
}

func (w indexer) rule(parent *Entry, r *Rule) {
	e := w.add(parent, "rule", r.ID, r)
	e.Ref = r.IDRef
	for _, x := range r.Exprs {
		switch x := x.(type) {
		case *Rule:
			w.rule(e, x)
		case *Expression:
			xe := w.add(e, "expression", x.ID, x)
			xe.Ref = x.IDRef
			w.extra(xe, &x.Extra)
		case *DateExpression:
			xe := w.add(e, "date_expression", x.ID, x)
			if x.Spec != nil {
				se := w.add(xe, "date_spec", x.Spec.ID, x.Spec)
				w.extra(se, &x.Spec.Extra)
			}
			if x.Duration != nil {
				de := w.add(xe, "duration", x.Duration.ID, x.Duration)
				w.extra(de, &x.Duration.Extra)
			}
			w.extra(xe, &x.Extra)
		case *RscExpression:
			xe := w.add(e, "rsc_expression", x.ID, x)
			w.extra(xe, &x.Extra)
		case *OpExpression:
			xe := w.add(e, "op_expression", x.ID, x)
			w.extra(xe, &x.Extra)
		}
	}
	w.extra(e, &r.Extra)
}

func (w indexer) resource(parent *Entry, r Resource) {
	switch r := r.(type) {
	case *Primitive:
		w.primitive(parent, "primitive", r.ID, r, r)
	case *Template:
		w.primitive(parent, "template", r.ID, r, (*Primitive)(r))
	case *Group:
		e := w.add(parent, "group", r.ID, r)
		w.nvsets(e, "instance_attributes", r.Params)
		w.nvsets(e, "meta_attributes", r.Meta)
		for _, p := range r.Children {
			w.primitive(e, "primitive", p.ID, p, p)
		}
		w.extra(e, &r.Extra)
	case *Clone:
		name := "clone"
		if r.Legacy {
			name = "master"
		}
		e := w.add(parent, name, r.ID, r)
		w.nvsets(e, "instance_attributes", r.Params)
		w.nvsets(e, "meta_attributes", r.Meta)
		if r.Child != nil {
			w.resource(e, r.Child)
		}
		w.extra(e, &r.Extra)
	case *Bundle:
		e := w.add(parent, "bundle", r.ID, r)
		if r.Container != nil {
			ce := w.add(e, r.Container.Kind, "", r.Container)
			w.extra(ce, &r.Container.Extra)
		}
		if r.Network != nil {
			ne := w.add(e, "network", "", r.Network)
			for _, p := range r.Network.Ports {
				pe := w.add(ne, "port-mapping", p.ID, p)
				w.extra(pe, &p.Extra)
			}
			w.extra(ne, &r.Network.Extra)
		}
		if len(r.Storage) > 0 || r.StorageSet {
			se := w.add(e, "storage", "", nil)
			for _, m := range r.Storage {
				me := w.add(se, "storage-mapping", m.ID, m)
				w.extra(me, &m.Extra)
			}
		}
		w.nvsets(e, "meta_attributes", r.Meta)
		if r.Primitive != nil {
			w.primitive(e, "primitive", r.Primitive.ID, r.Primitive, r.Primitive)
		}
		w.extra(e, &r.Extra)
	case *RawResource:
		w.raw(parent, r.Node)
		w.repoint(r.Node, r)
	}
}

// repoint makes the entry of node n (the last top-level raw element
// added) refer to obj instead.
func (w indexer) repoint(n *xmltree.Node, obj any) {
	for i := len(w.ix.entries) - 1; i >= 0; i-- {
		if e := w.ix.entries[i]; e.Obj == n {
			e.Obj = obj
			return
		}
	}
}

func (w indexer) primitive(parent *Entry, name, id string, obj any, p *Primitive) {
	e := w.add(parent, name, id, obj)
	w.nvsets(e, "instance_attributes", p.Params)
	w.nvsets(e, "meta_attributes", p.Meta)
	w.nvsets(e, "utilization", p.Utilization)
	if len(p.Ops.Ops) > 0 || p.Ops.ID != "" || p.Ops.IDRef != "" || !p.Ops.Extra.IsZero() {
		oe := w.add(e, "operations", p.Ops.ID, &p.Ops)
		oe.Ref = p.Ops.IDRef
		for _, op := range p.Ops.Ops {
			ope := w.add(oe, "op", op.ID, op)
			w.nvsets(ope, "instance_attributes", op.Params)
			w.nvsets(ope, "meta_attributes", op.Meta)
			w.extra(ope, &op.Extra)
		}
		w.extra(oe, &p.Ops.Extra)
	}
	w.extra(e, &p.Extra)
}

func (w indexer) constraint(parent *Entry, k Constraint) {
	var e *Entry
	var sets []*ResourceSet
	var extra *Extra
	switch k := k.(type) {
	case *Location:
		e = w.add(parent, "rsc_location", k.ID, k)
		sets, extra = k.Sets, &k.Extra
		for _, s := range sets {
			w.rset(e, s)
		}
		for _, r := range k.Rules {
			w.rule(e, r)
		}
		w.extra(e, extra)
		return
	case *Colocation:
		e = w.add(parent, "rsc_colocation", k.ID, k)
		sets, extra = k.Sets, &k.Extra
	case *Order:
		e = w.add(parent, "rsc_order", k.ID, k)
		sets, extra = k.Sets, &k.Extra
	case *Ticket:
		e = w.add(parent, "rsc_ticket", k.ID, k)
		sets, extra = k.Sets, &k.Extra
	case *RawConstraint:
		w.raw(parent, k.Node)
		w.repoint(k.Node, k)
		return
	default:
		return
	}
	for _, s := range sets {
		w.rset(e, s)
	}
	w.extra(e, extra)
}

func (w indexer) rset(parent *Entry, s *ResourceSet) {
	e := w.add(parent, "resource_set", s.ID, s)
	e.Ref = s.IDRef
	w.extra(e, &s.Extra)
}

func (w indexer) acls(a *ACLs) {
	e := w.add(nil, "acls", "", a)
	for _, t := range a.Targets {
		te := w.add(e, "acl_target", t.ID, t)
		w.extra(te, &t.Extra)
	}
	for _, g := range a.Groups {
		ge := w.add(e, "acl_group", g.ID, g)
		w.extra(ge, &g.Extra)
	}
	for _, r := range a.Roles {
		re := w.add(e, "acl_role", r.ID, r)
		for _, p := range r.Perms {
			pe := w.add(re, "acl_permission", p.ID, p)
			w.extra(pe, &p.Extra)
		}
		w.extra(re, &r.Extra)
	}
	w.extra(e, &a.Extra)
}

func (w indexer) alert(parent *Entry, a *Alert) {
	e := w.add(parent, "alert", a.ID, a)
	w.nvsets(e, "instance_attributes", a.Params)
	w.nvsets(e, "meta_attributes", a.Meta)
	if a.Select != nil {
		se := w.add(e, "select", "", a.Select)
		if a.Select.Attributes {
			ae := w.add(se, "select_attributes", "", nil)
			for i := range a.Select.AttributeNames {
				at := &a.Select.AttributeNames[i]
				w.add(ae, "attribute", at.ID, at)
			}
		}
		w.extra(se, &a.Select.Extra)
	}
	for _, r := range a.Recipients {
		re := w.add(e, "recipient", r.ID, r)
		w.nvsets(re, "instance_attributes", r.Params)
		w.nvsets(re, "meta_attributes", r.Meta)
		w.extra(re, &r.Extra)
	}
	w.extra(e, &a.Extra)
}
