package cib

import "gocrm/cib/xmltree"

func (d *decoder) rule(tok xmltree.Token) (*Rule, error) {
	r := &Rule{}
	for _, a := range tok.Attrs {
		if a.Value == "" {
			extraAttr(&r.Extra, a)
			continue
		}
		switch a.Name {
		case "id":
			r.ID = a.Value
		case "id-ref":
			r.IDRef = a.Value
		case "score":
			r.Score = a.Value
		case "score-attribute":
			r.ScoreAttribute = a.Value
		case "boolean-op":
			r.BooleanOp = a.Value
		case "role":
			r.Role = a.Value
		default:
			extraAttr(&r.Extra, a)
		}
	}
	return r, d.children(&r.Extra, func(t xmltree.Token) (bool, error) {
		var e Expr
		var err error
		switch t.Name {
		case "expression":
			e, err = d.expression(t)
		case "date_expression":
			e, err = d.dateExpression(t)
		case "rsc_expression":
			e, err = d.rscExpression(t)
		case "op_expression":
			e, err = d.opExpression(t)
		case "rule":
			e, err = d.rule(t)
		default:
			return false, nil
		}
		r.Exprs = append(r.Exprs, e)
		return true, err
	})
}

func (d *decoder) expression(tok xmltree.Token) (*Expression, error) {
	e := &Expression{}
	for _, a := range tok.Attrs {
		if a.Value == "" {
			extraAttr(&e.Extra, a)
			continue
		}
		switch a.Name {
		case "id":
			e.ID = a.Value
		case "id-ref":
			e.IDRef = a.Value
		case "attribute":
			e.Attribute = a.Value
		case "operation":
			e.Operation = a.Value
		case "value":
			e.Value = a.Value
		case "type":
			e.Type = a.Value
		case "value-source":
			e.ValueSource = a.Value
		default:
			extraAttr(&e.Extra, a)
		}
	}
	return e, d.leaf(tok, &e.Extra)
}

func (d *decoder) dateExpression(tok xmltree.Token) (*DateExpression, error) {
	e := &DateExpression{}
	for _, a := range tok.Attrs {
		if a.Value == "" {
			extraAttr(&e.Extra, a)
			continue
		}
		switch a.Name {
		case "id":
			e.ID = a.Value
		case "operation":
			e.Operation = a.Value
		case "start":
			e.Start = a.Value
		case "end":
			e.End = a.Value
		default:
			extraAttr(&e.Extra, a)
		}
	}
	return e, d.children(&e.Extra, func(t xmltree.Token) (bool, error) {
		var p **DateSpec
		switch t.Name {
		case "date_spec":
			p = &e.Spec
		case "duration":
			p = &e.Duration
		default:
			return false, nil
		}
		if *p != nil {
			return false, nil
		}
		s, err := d.dateSpec(t)
		*p = s
		return true, err
	})
}

// dateSpec decodes date_spec and duration: id, and every other attribute
// in document order.
func (d *decoder) dateSpec(tok xmltree.Token) (*DateSpec, error) {
	s := &DateSpec{}
	s.ID, s.Attrs = idAndAttrs(tok.Attrs)
	return s, d.leaf(tok, &s.Extra)
}

// idAndAttrs splits the attributes of an element that keeps them in an
// Attrs list: a non-empty id, and a copy of the others in document order.
func idAndAttrs(as []xmltree.Attr) (string, Attrs) {
	id := ""
	var rest Attrs
	for i, a := range as {
		if a.Name == "id" && a.Value != "" {
			id = a.Value
			rest = make(Attrs, 0, len(as)-1)
			rest = append(append(rest, as[:i]...), as[i+1:]...)
			return id, nilIfEmpty(rest)
		}
	}
	return "", nilIfEmpty(append(Attrs(nil), as...))
}

func nilIfEmpty(as Attrs) Attrs {
	if len(as) == 0 {
		return nil
	}
	return as
}

func (d *decoder) rscExpression(tok xmltree.Token) (*RscExpression, error) {
	e := &RscExpression{}
	for _, a := range tok.Attrs {
		if a.Value == "" {
			extraAttr(&e.Extra, a)
			continue
		}
		switch a.Name {
		case "id":
			e.ID = a.Value
		case "class":
			e.Class = a.Value
		case "provider":
			e.Provider = a.Value
		case "type":
			e.Type = a.Value
		default:
			extraAttr(&e.Extra, a)
		}
	}
	return e, d.leaf(tok, &e.Extra)
}

func (d *decoder) opExpression(tok xmltree.Token) (*OpExpression, error) {
	e := &OpExpression{}
	for _, a := range tok.Attrs {
		if a.Value == "" {
			extraAttr(&e.Extra, a)
			continue
		}
		switch a.Name {
		case "id":
			e.ID = a.Value
		case "name":
			e.Name = a.Value
		case "interval":
			e.Interval = a.Value
		default:
			extraAttr(&e.Extra, a)
		}
	}
	return e, d.leaf(tok, &e.Extra)
}
