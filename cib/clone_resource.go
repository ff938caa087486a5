package cib

func cloneResource(r Resource) Resource {
	switch r := r.(type) {
	case *Primitive:
		return r.clone()
	case *Template:
		return (*Template)((*Primitive)(r).clone())
	case *Group:
		if r == nil {
			return r
		}
		c := *r
		c.Params = cloneList(r.Params, (*NVSet).clone)
		c.Meta = cloneList(r.Meta, (*NVSet).clone)
		c.Children = cloneList(r.Children, (*Primitive).clone)
		c.Extra = r.Extra.clone()
		return &c
	case *Clone:
		if r == nil {
			return r
		}
		c := *r
		c.Params = cloneList(r.Params, (*NVSet).clone)
		c.Meta = cloneList(r.Meta, (*NVSet).clone)
		if r.Child != nil {
			c.Child = cloneResource(r.Child)
		}
		c.Extra = r.Extra.clone()
		return &c
	case *Bundle:
		return r.clone()
	case *RawResource:
		if r == nil {
			return r
		}
		return &RawResource{Node: r.Node.Clone()}
	}
	return r
}

func (p *Primitive) clone() *Primitive {
	if p == nil {
		return nil
	}
	c := *p
	c.Params = cloneList(p.Params, (*NVSet).clone)
	c.Meta = cloneList(p.Meta, (*NVSet).clone)
	c.Utilization = cloneList(p.Utilization, (*NVSet).clone)
	c.Ops = Operations{
		ID: p.Ops.ID, IDRef: p.Ops.IDRef,
		Ops:   cloneList(p.Ops.Ops, (*Op).clone),
		Extra: p.Ops.Extra.clone(),
	}
	c.Extra = p.Extra.clone()
	return &c
}

func (o *Op) clone() *Op {
	if o == nil {
		return nil
	}
	return &Op{
		ID: o.ID, Name: o.Name,
		Attrs:  cloneAttrs(o.Attrs),
		Params: cloneList(o.Params, (*NVSet).clone),
		Meta:   cloneList(o.Meta, (*NVSet).clone),
		Extra:  o.Extra.clone(),
	}
}

func (b *Bundle) clone() *Bundle {
	if b == nil {
		return nil
	}
	c := *b
	if b.Container != nil {
		c.Container = &BundleContainer{Kind: b.Container.Kind,
			Attrs: cloneAttrs(b.Container.Attrs), Extra: b.Container.Extra.clone()}
	}
	if b.Network != nil {
		c.Network = &BundleNetwork{Attrs: cloneAttrs(b.Network.Attrs), Extra: b.Network.Extra.clone(),
			Ports: cloneList(b.Network.Ports, func(m *PortMapping) *PortMapping {
				if m == nil {
					return nil
				}
				return &PortMapping{ID: m.ID, Attrs: cloneAttrs(m.Attrs), Extra: m.Extra.clone()}
			})}
	}
	c.Storage = cloneList(b.Storage, func(m *StorageMapping) *StorageMapping {
		if m == nil {
			return nil
		}
		return &StorageMapping{ID: m.ID, Attrs: cloneAttrs(m.Attrs), Extra: m.Extra.clone()}
	})
	c.Primitive = b.Primitive.clone()
	c.Meta = cloneList(b.Meta, (*NVSet).clone)
	c.Extra = b.Extra.clone()
	return &c
}

func cloneConstraint(c Constraint) Constraint {
	switch c := c.(type) {
	case *Location:
		if c == nil {
			return c
		}
		n := *c
		n.Rules = cloneList(c.Rules, (*Rule).clone)
		n.Sets = cloneList(c.Sets, (*ResourceSet).clone)
		n.Extra = c.Extra.clone()
		return &n
	case *Colocation:
		if c == nil {
			return c
		}
		n := *c
		n.Sets = cloneList(c.Sets, (*ResourceSet).clone)
		n.Extra = c.Extra.clone()
		return &n
	case *Order:
		if c == nil {
			return c
		}
		n := *c
		n.Sets = cloneList(c.Sets, (*ResourceSet).clone)
		n.Extra = c.Extra.clone()
		return &n
	case *Ticket:
		if c == nil {
			return c
		}
		n := *c
		n.Sets = cloneList(c.Sets, (*ResourceSet).clone)
		n.Extra = c.Extra.clone()
		return &n
	case *RawConstraint:
		if c == nil {
			return c
		}
		return &RawConstraint{Node: c.Node.Clone()}
	}
	return c
}

func (s *ResourceSet) clone() *ResourceSet {
	if s == nil {
		return nil
	}
	c := *s
	c.Refs = cloneStrings(s.Refs)
	c.Extra = s.Extra.clone()
	return &c
}

func (r *Rule) clone() *Rule {
	if r == nil {
		return nil
	}
	c := *r
	if r.Exprs != nil {
		c.Exprs = make([]Expr, len(r.Exprs))
		for i, x := range r.Exprs {
			c.Exprs[i] = cloneExpr(x)
		}
	}
	c.Extra = r.Extra.clone()
	return &c
}

func cloneExpr(x Expr) Expr {
	switch x := x.(type) {
	case *Rule:
		return x.clone()
	case *Expression:
		if x == nil {
			return x
		}
		c := *x
		c.Extra = x.Extra.clone()
		return &c
	case *DateExpression:
		if x == nil {
			return x
		}
		c := *x
		c.Spec = x.Spec.clone()
		c.Duration = x.Duration.clone()
		c.Extra = x.Extra.clone()
		return &c
	case *RscExpression:
		if x == nil {
			return x
		}
		c := *x
		c.Extra = x.Extra.clone()
		return &c
	case *OpExpression:
		if x == nil {
			return x
		}
		c := *x
		c.Extra = x.Extra.clone()
		return &c
	}
	return x
}

func (s *DateSpec) clone() *DateSpec {
	if s == nil {
		return nil
	}
	return &DateSpec{ID: s.ID, Attrs: cloneAttrs(s.Attrs), Extra: s.Extra.clone()}
}
