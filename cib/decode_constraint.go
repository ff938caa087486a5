package cib

import "gocrm/cib/xmltree"

// constraints decodes the <constraints> section. Children the model does
// not know, comments and text included, stay in place as *RawConstraint.
func (d *decoder) constraints(tok xmltree.Token, cfg *Configuration) error {
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
				cfg.sectionExtra(secConstraints, x)
			}
			return nil
		case xmltree.StartElement:
			c, err := d.constraint(t)
			if err != nil {
				return err
			}
			cfg.Constraints = append(cfg.Constraints, c)
		default:
			cfg.Constraints = appendRawConstraint(cfg.Constraints, t)
		}
	}
}

func appendRawConstraint(list []Constraint, t xmltree.Token) []Constraint {
	if k := len(list); k > 0 {
		if raw, ok := list[k-1].(*RawConstraint); ok && raw.Node.Kind == xmltree.TextNode {
			if nodes := appendMisc([]*xmltree.Node{raw.Node}, t); len(nodes) == 1 {
				return list
			}
		}
	}
	if nodes := appendMisc(nil, t); len(nodes) == 1 {
		list = append(list, &RawConstraint{Node: nodes[0]})
	}
	return list
}

// constraint decodes one child element of <constraints>; one the model
// does not know becomes a *RawConstraint.
func (d *decoder) constraint(t xmltree.Token) (Constraint, error) {
	switch t.Name {
	case "rsc_location":
		return d.location(t)
	case "rsc_colocation":
		return d.colocation(t)
	case "rsc_order":
		return d.order(t)
	case "rsc_ticket":
		return d.ticket(t)
	}
	n, err := d.sc.ReadNode(t)
	if err != nil {
		return nil, err
	}
	return &RawConstraint{Node: n}, nil
}

// setsOnly decodes the children of a constraint that has resource sets
// and nothing else.
func (d *decoder) setsOnly(sets *[]*ResourceSet, x *Extra) error {
	return d.children(x, func(t xmltree.Token) (bool, error) {
		if t.Name != "resource_set" {
			return false, nil
		}
		s, err := d.resourceSet(t)
		*sets = append(*sets, s)
		return true, err
	})
}

func (d *decoder) location(tok xmltree.Token) (*Location, error) {
	l := &Location{}
	for _, a := range tok.Attrs {
		if a.Value == "" {
			extraAttr(&l.Extra, a)
			continue
		}
		switch a.Name {
		case "id":
			l.ID = a.Value
		case "rsc":
			l.Rsc = a.Value
		case "rsc-pattern":
			l.RscPattern = a.Value
		case "role":
			l.Role = a.Value
		case "score":
			l.Score = a.Value
		case "node":
			l.Node = a.Value
		case "resource-discovery":
			l.ResourceDiscovery = a.Value
		default:
			extraAttr(&l.Extra, a)
		}
	}
	return l, d.children(&l.Extra, func(t xmltree.Token) (bool, error) {
		switch t.Name {
		case "rule":
			r, err := d.rule(t)
			l.Rules = append(l.Rules, r)
			return true, err
		case "resource_set":
			s, err := d.resourceSet(t)
			l.Sets = append(l.Sets, s)
			return true, err
		}
		return false, nil
	})
}

func (d *decoder) colocation(tok xmltree.Token) (*Colocation, error) {
	c := &Colocation{}
	for _, a := range tok.Attrs {
		if a.Value == "" {
			extraAttr(&c.Extra, a)
			continue
		}
		switch a.Name {
		case "id":
			c.ID = a.Value
		case "score":
			c.Score = a.Value
		case "rsc":
			c.Rsc = a.Value
		case "with-rsc":
			c.WithRsc = a.Value
		case "rsc-role":
			c.RscRole = a.Value
		case "with-rsc-role":
			c.WithRscRole = a.Value
		case "node-attribute":
			c.NodeAttribute = a.Value
		case "rsc-instance":
			c.RscInstance = a.Value
		case "with-rsc-instance":
			c.WithRscInstance = a.Value
		case "influence":
			c.Influence = a.Value
		default:
			extraAttr(&c.Extra, a)
		}
	}
	return c, d.setsOnly(&c.Sets, &c.Extra)
}

func (d *decoder) order(tok xmltree.Token) (*Order, error) {
	o := &Order{}
	for _, a := range tok.Attrs {
		if a.Value == "" {
			extraAttr(&o.Extra, a)
			continue
		}
		switch a.Name {
		case "id":
			o.ID = a.Value
		case "first":
			o.First = a.Value
		case "then":
			o.Then = a.Value
		case "first-action":
			o.FirstAction = a.Value
		case "then-action":
			o.ThenAction = a.Value
		case "kind":
			o.Kind = a.Value
		case "score":
			o.Score = a.Value
		case "symmetrical":
			o.Symmetrical = a.Value
		case "require-all":
			o.RequireAll = a.Value
		case "first-instance":
			o.FirstInstance = a.Value
		case "then-instance":
			o.ThenInstance = a.Value
		default:
			extraAttr(&o.Extra, a)
		}
	}
	return o, d.setsOnly(&o.Sets, &o.Extra)
}

func (d *decoder) ticket(tok xmltree.Token) (*Ticket, error) {
	k := &Ticket{}
	for _, a := range tok.Attrs {
		if a.Value == "" {
			extraAttr(&k.Extra, a)
			continue
		}
		switch a.Name {
		case "id":
			k.ID = a.Value
		case "ticket":
			k.Ticket = a.Value
		case "rsc":
			k.Rsc = a.Value
		case "rsc-role":
			k.RscRole = a.Value
		case "loss-policy":
			k.LossPolicy = a.Value
		default:
			extraAttr(&k.Extra, a)
		}
	}
	return k, d.setsOnly(&k.Sets, &k.Extra)
}

func (d *decoder) resourceSet(tok xmltree.Token) (*ResourceSet, error) {
	s := &ResourceSet{}
	for _, a := range tok.Attrs {
		if a.Value == "" {
			extraAttr(&s.Extra, a)
			continue
		}
		switch a.Name {
		case "id":
			s.ID = a.Value
		case "id-ref":
			s.IDRef = a.Value
		case "sequential":
			s.Sequential = a.Value
		case "require-all":
			s.RequireAll = a.Value
		case "ordering":
			s.Ordering = a.Value
		case "action":
			s.Action = a.Value
		case "role":
			s.Role = a.Value
		case "score":
			s.Score = a.Value
		case "kind":
			s.Kind = a.Value
		default:
			extraAttr(&s.Extra, a)
		}
	}
	return s, d.children(&s.Extra, func(t xmltree.Token) (bool, error) {
		if t.Name != "resource_ref" {
			return false, nil
		}
		return d.ref(t, &s.Refs, &s.Extra)
	})
}
