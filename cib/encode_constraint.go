package cib

func (e *enc) constraint(c Constraint) {
	switch c := c.(type) {
	case *Location:
		e.location(c)
	case *Colocation:
		e.colocation(c)
	case *Order:
		e.order(c)
	case *Ticket:
		e.ticket(c)
	case *RawConstraint:
		if c != nil {
			e.node(c.Node)
		}
	}
}

func (e *enc) location(l *Location) {
	if l == nil {
		return
	}
	e.start("rsc_location", &l.Extra)
	e.attr("id", l.ID)
	e.attr("rsc", l.Rsc)
	e.attr("rsc-pattern", l.RscPattern)
	e.attr("role", l.Role)
	e.attr("score", l.Score)
	e.attr("node", l.Node)
	e.attr("resource-discovery", l.ResourceDiscovery)
	e.extra(&l.Extra)
	// The schema wants the sets before the rules.
	e.sets(l.Sets)
	for _, r := range l.Rules {
		e.rule(r)
	}
	e.end(&l.Extra)
}

func (e *enc) colocation(c *Colocation) {
	if c == nil {
		return
	}
	e.start("rsc_colocation", &c.Extra)
	e.attr("id", c.ID)
	e.attr("score", c.Score)
	e.attr("rsc", c.Rsc)
	e.attr("rsc-role", c.RscRole)
	e.attr("with-rsc", c.WithRsc)
	e.attr("with-rsc-role", c.WithRscRole)
	e.attr("node-attribute", c.NodeAttribute)
	e.attr("rsc-instance", c.RscInstance)
	e.attr("with-rsc-instance", c.WithRscInstance)
	e.attr("influence", c.Influence)
	e.extra(&c.Extra)
	e.sets(c.Sets)
	e.end(&c.Extra)
}

func (e *enc) order(o *Order) {
	if o == nil {
		return
	}
	e.start("rsc_order", &o.Extra)
	e.attr("id", o.ID)
	e.attr("kind", o.Kind)
	e.attr("score", o.Score)
	e.attr("symmetrical", o.Symmetrical)
	e.attr("require-all", o.RequireAll)
	e.attr("first", o.First)
	e.attr("first-action", o.FirstAction)
	e.attr("first-instance", o.FirstInstance)
	e.attr("then", o.Then)
	e.attr("then-action", o.ThenAction)
	e.attr("then-instance", o.ThenInstance)
	e.extra(&o.Extra)
	e.sets(o.Sets)
	e.end(&o.Extra)
}

func (e *enc) ticket(t *Ticket) {
	if t == nil {
		return
	}
	e.start("rsc_ticket", &t.Extra)
	e.attr("id", t.ID)
	e.attr("ticket", t.Ticket)
	e.attr("loss-policy", t.LossPolicy)
	e.attr("rsc", t.Rsc)
	e.attr("rsc-role", t.RscRole)
	e.extra(&t.Extra)
	e.sets(t.Sets)
	e.end(&t.Extra)
}

func (e *enc) sets(sets []*ResourceSet) {
	for _, s := range sets {
		if s == nil {
			continue
		}
		e.start("resource_set", &s.Extra)
		e.attr("id", s.ID)
		e.attr("id-ref", s.IDRef)
		e.attr("sequential", s.Sequential)
		e.attr("require-all", s.RequireAll)
		e.attr("ordering", s.Ordering)
		e.attr("action", s.Action)
		e.attr("role", s.Role)
		e.attr("score", s.Score)
		e.attr("kind", s.Kind)
		e.extra(&s.Extra)
		e.refs("resource_ref", s.Refs)
		e.end(&s.Extra)
	}
}

func (e *enc) rule(r *Rule) {
	if r == nil {
		return
	}
	e.start("rule", &r.Extra)
	e.attr("id", r.ID)
	e.attr("id-ref", r.IDRef)
	e.attr("score", r.Score)
	e.attr("score-attribute", r.ScoreAttribute)
	e.attr("boolean-op", r.BooleanOp)
	e.attr("role", r.Role)
	e.extra(&r.Extra)
	for _, x := range r.Exprs {
		e.expr(x)
	}
	e.end(&r.Extra)
}

func (e *enc) expr(x Expr) {
	switch x := x.(type) {
	case *Rule:
		e.rule(x)
	case *Expression:
		if x == nil {
			return
		}
		e.start("expression", &x.Extra)
		e.attr("id", x.ID)
		e.attr("id-ref", x.IDRef)
		e.attr("attribute", x.Attribute)
		e.attr("operation", x.Operation)
		e.attr("value", x.Value)
		e.attr("type", x.Type)
		e.attr("value-source", x.ValueSource)
		e.leaf(&x.Extra)
	case *DateExpression:
		if x == nil {
			return
		}
		e.start("date_expression", &x.Extra)
		e.attr("id", x.ID)
		e.attr("operation", x.Operation)
		e.attr("start", x.Start)
		e.attr("end", x.End)
		e.extra(&x.Extra)
		e.dateSpec("date_spec", x.Spec)
		e.dateSpec("duration", x.Duration)
		e.end(&x.Extra)
	case *RscExpression:
		if x == nil {
			return
		}
		e.start("rsc_expression", &x.Extra)
		e.attr("id", x.ID)
		e.attr("class", x.Class)
		e.attr("provider", x.Provider)
		e.attr("type", x.Type)
		e.leaf(&x.Extra)
	case *OpExpression:
		if x == nil {
			return
		}
		e.start("op_expression", &x.Extra)
		e.attr("id", x.ID)
		e.attr("name", x.Name)
		e.attr("interval", x.Interval)
		e.leaf(&x.Extra)
	}
}

func (e *enc) dateSpec(name string, s *DateSpec) {
	if s == nil {
		return
	}
	e.start(name, &s.Extra)
	e.attr("id", s.ID)
	e.attrs(s.Attrs)
	e.leaf(&s.Extra)
}
