package cib

import "gocrm/cib/xmltree"

// resources decodes the <resources> section. Children the model does not
// know, comments and text included, stay in place as *RawResource.
func (d *decoder) resources(tok xmltree.Token, cfg *Configuration) error {
	x := &Extra{}
	for _, a := range tok.Attrs {
		extraAttr(x, a)
	}
	for {
		t, err := d.sc.Next()
		if err != nil {
			return err
		}
		switch t.Kind {
		case xmltree.EndElement:
			if !x.IsZero() {
				cfg.sectionExtra(secResources, x)
			}
			return nil
		case xmltree.StartElement:
			r, err := d.resource(t)
			if err != nil {
				return err
			}
			cfg.Resources = append(cfg.Resources, r)
		default:
			cfg.Resources = appendRawResource(cfg.Resources, t)
		}
	}
}

func appendRawResource(list []Resource, t xmltree.Token) []Resource {
	if k := len(list); k > 0 {
		if raw, ok := list[k-1].(*RawResource); ok && raw.Node.Kind == xmltree.TextNode {
			nodes := appendMisc([]*xmltree.Node{raw.Node}, t)
			if len(nodes) == 1 {
				return list
			}
		}
	}
	if nodes := appendMisc(nil, t); len(nodes) == 1 {
		list = append(list, &RawResource{Node: nodes[0]})
	}
	return list
}

// resource decodes one child element of <resources>, <group>, <clone> or
// <bundle>; an element the model does not know becomes a *RawResource.
func (d *decoder) resource(t xmltree.Token) (Resource, error) {
	switch t.Name {
	case "primitive":
		return d.primitive(t)
	case "template":
		p, err := d.primitive(t)
		return (*Template)(p), err
	case "group":
		return d.group(t)
	case "clone", "master":
		return d.clone(t)
	case "bundle":
		return d.bundle(t)
	}
	n, err := d.sc.ReadNode(t)
	if err != nil {
		return nil, err
	}
	return &RawResource{Node: n}, nil
}

func (d *decoder) primitive(tok xmltree.Token) (*Primitive, error) {
	p := &Primitive{}
	for _, a := range tok.Attrs {
		if a.Value == "" {
			extraAttr(&p.Extra, a)
			continue
		}
		switch a.Name {
		case "id":
			p.ID = a.Value
		case "class":
			p.Class = a.Value
		case "provider":
			p.Provider = a.Value
		case "type":
			p.Type = a.Value
		case "template":
			p.Template = a.Value
		case "description":
			p.Description = a.Value
		default:
			extraAttr(&p.Extra, a)
		}
	}
	seenOps := false
	return p, d.children(&p.Extra, func(t xmltree.Token) (bool, error) {
		switch t.Name {
		case "instance_attributes":
			return d.nvsetInto(&p.Params, t)
		case "meta_attributes":
			return d.nvsetInto(&p.Meta, t)
		case "utilization":
			return d.nvsetInto(&p.Utilization, t)
		case "operations":
			if seenOps {
				return false, nil
			}
			seenOps = true
			if err := d.operations(t, &p.Ops); err != nil {
				return true, err
			}
			if p.Ops.ID == "" && p.Ops.IDRef == "" && len(p.Ops.Ops) == 0 && p.Ops.Extra.IsZero() {
				// The model cannot tell an empty <operations/> from none.
				p.Extra.Nodes = append(p.Extra.Nodes, elem("operations"))
			}
			return true, nil
		}
		return false, nil
	})
}

func (d *decoder) operations(tok xmltree.Token, ops *Operations) error {
	for _, a := range tok.Attrs {
		switch {
		case a.Value == "":
			extraAttr(&ops.Extra, a)
		case a.Name == "id":
			ops.ID = a.Value
		case a.Name == "id-ref":
			ops.IDRef = a.Value
		default:
			extraAttr(&ops.Extra, a)
		}
	}
	return d.children(&ops.Extra, func(t xmltree.Token) (bool, error) {
		if t.Name != "op" {
			return false, nil
		}
		op, err := d.op(t)
		ops.Ops = append(ops.Ops, op)
		return true, err
	})
}

// op decodes an <op>: id and name, and every other attribute in document
// order in Attrs. An empty id or name is kept in Attrs.
func (d *decoder) op(tok xmltree.Token) (*Op, error) {
	op := &Op{}
	for _, a := range tok.Attrs {
		switch {
		case a.Name == "id" && a.Value != "" && op.ID == "":
			op.ID = a.Value
		case a.Name == "name" && a.Value != "" && op.Name == "":
			op.Name = a.Value
		default:
			op.Attrs = append(op.Attrs, a)
		}
	}
	if tok.SelfClosing {
		return op, d.leaf(tok, &op.Extra)
	}
	return op, d.children(&op.Extra, func(t xmltree.Token) (bool, error) {
		switch t.Name {
		case "instance_attributes":
			return d.nvsetInto(&op.Params, t)
		case "meta_attributes":
			return d.nvsetInto(&op.Meta, t)
		}
		return false, nil
	})
}

func (d *decoder) group(tok xmltree.Token) (*Group, error) {
	g := &Group{}
	describe(tok, &g.ID, &g.Description, &g.Extra)
	return g, d.children(&g.Extra, func(t xmltree.Token) (bool, error) {
		switch t.Name {
		case "instance_attributes":
			return d.nvsetInto(&g.Params, t)
		case "meta_attributes":
			return d.nvsetInto(&g.Meta, t)
		case "primitive":
			p, err := d.primitive(t)
			g.Children = append(g.Children, p)
			return true, err
		}
		return false, nil
	})
}

// describe decodes the attributes of an element whose known attributes
// are id and description.
func describe(tok xmltree.Token, id, desc *string, x *Extra) {
	for _, a := range tok.Attrs {
		switch {
		case a.Value == "":
			extraAttr(x, a)
		case a.Name == "id":
			*id = a.Value
		case a.Name == "description":
			*desc = a.Value
		default:
			extraAttr(x, a)
		}
	}
}

func (d *decoder) clone(tok xmltree.Token) (*Clone, error) {
	c := &Clone{Legacy: tok.Name == "master"}
	describe(tok, &c.ID, &c.Description, &c.Extra)
	return c, d.children(&c.Extra, func(t xmltree.Token) (bool, error) {
		switch t.Name {
		case "instance_attributes":
			return d.nvsetInto(&c.Params, t)
		case "meta_attributes":
			return d.nvsetInto(&c.Meta, t)
		case "primitive":
			if c.Child != nil {
				return false, nil
			}
			p, err := d.primitive(t)
			c.Child = p
			return true, err
		case "group":
			if c.Child != nil {
				return false, nil
			}
			g, err := d.group(t)
			c.Child = g
			return true, err
		}
		return false, nil
	})
}
