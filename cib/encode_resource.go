package cib

func (e *enc) resource(r Resource) {
	switch r := r.(type) {
	case *Primitive:
		e.primitive("primitive", r)
	case *Template:
		e.primitive("template", (*Primitive)(r))
	case *Group:
		e.group(r)
	case *Clone:
		e.clone(r)
	case *Bundle:
		e.bundle(r)
	case *RawResource:
		if r != nil {
			e.node(r.Node)
		}
	}
}

func (e *enc) primitive(name string, p *Primitive) {
	if p == nil {
		return
	}
	e.start(name, &p.Extra)
	e.attr("id", p.ID)
	e.attr("class", p.Class)
	e.attr("provider", p.Provider)
	e.attr("type", p.Type)
	e.attr("template", p.Template)
	e.attr("description", p.Description)
	e.extra(&p.Extra)
	e.nvsets("instance_attributes", p.Params)
	e.nvsets("meta_attributes", p.Meta)
	e.nvsets("utilization", p.Utilization)
	if ops := &p.Ops; ops.ID != "" || ops.IDRef != "" || len(ops.Ops) > 0 || !ops.Extra.IsZero() {
		e.start("operations", &ops.Extra)
		e.attr("id", ops.ID)
		e.attr("id-ref", ops.IDRef)
		e.extra(&ops.Extra)
		for _, op := range ops.Ops {
			e.op(op)
		}
		e.end(&ops.Extra)
	}
	e.end(&p.Extra)
}

func (e *enc) op(op *Op) {
	if op == nil {
		return
	}
	e.start("op", &op.Extra)
	e.attr("id", op.ID)
	e.attr("name", op.Name)
	e.attrs(op.Attrs)
	e.extra(&op.Extra)
	e.nvsets("instance_attributes", op.Params)
	e.nvsets("meta_attributes", op.Meta)
	e.end(&op.Extra)
}

func (e *enc) group(g *Group) {
	if g == nil {
		return
	}
	e.start("group", &g.Extra)
	e.attr("id", g.ID)
	e.attr("description", g.Description)
	e.extra(&g.Extra)
	e.nvsets("instance_attributes", g.Params)
	e.nvsets("meta_attributes", g.Meta)
	for _, p := range g.Children {
		e.primitive("primitive", p)
	}
	e.end(&g.Extra)
}

func (e *enc) clone(c *Clone) {
	if c == nil {
		return
	}
	name := "clone"
	if c.Legacy {
		name = "master"
	}
	e.start(name, &c.Extra)
	e.attr("id", c.ID)
	e.attr("description", c.Description)
	e.extra(&c.Extra)
	e.nvsets("instance_attributes", c.Params)
	e.nvsets("meta_attributes", c.Meta)
	if c.Child != nil {
		e.resource(c.Child)
	}
	e.end(&c.Extra)
}

func (e *enc) bundle(b *Bundle) {
	if b == nil {
		return
	}
	e.start("bundle", &b.Extra)
	e.attr("id", b.ID)
	e.attr("description", b.Description)
	e.extra(&b.Extra)
	e.nvsets("meta_attributes", b.Meta)
	if c := b.Container; c != nil {
		kind := c.Kind
		if kind == "" {
			kind = "docker"
		}
		e.start(kind, &c.Extra)
		e.attrs(c.Attrs)
		e.leaf(&c.Extra)
	}
	if n := b.Network; n != nil {
		e.start("network", &n.Extra)
		e.attrs(n.Attrs)
		e.extra(&n.Extra)
		for _, m := range n.Ports {
			if m != nil {
				e.start("port-mapping", &m.Extra)
				e.attr("id", m.ID)
				e.attrs(m.Attrs)
				e.leaf(&m.Extra)
			}
		}
		e.end(&n.Extra)
	}
	if b.StorageSet || len(b.Storage) > 0 {
		e.start("storage", nil)
		for _, m := range b.Storage {
			if m != nil {
				e.start("storage-mapping", &m.Extra)
				e.attr("id", m.ID)
				e.attrs(m.Attrs)
				e.leaf(&m.Extra)
			}
		}
		e.end(nil)
	}
	e.primitive("primitive", b.Primitive)
	e.end(&b.Extra)
}
