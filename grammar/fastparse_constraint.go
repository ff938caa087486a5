package grammar

// Fast parser productions of constraints, properties, fencing, tags,
// ACLs and alerts.

func (p *fastParser) location() *LocationStmt {
	l := &LocationStmt{Pos: p.pos()}
	p.i++
	l.ID = p.must(clsWord, wantID)
	if p.is("{") {
		set := &LocationSet{Pos: p.pos()}
		h := p.enter(1)
		p.i++
		for !p.lit("}") {
			set.Items = append(set.Items, p.setItem())
		}
		set.Close = p.next()
		p.leave(h)
		l.Set = set
	} else {
		l.Rsc = p.must(clsName|clsAsgn|clsAt, "a resource, /<pattern>/ or { <resources> }")
		p.head.n = 3
	}
	start := p.i
	for p.at(clsAsgn|clsDesc|clsDolr, "role=<role>, resource-discovery=<mode>") {
		p.i++
	}
	l.Attrs = p.toks[start:p.i]
	switch {
	case p.at(clsLabel, "<score>: <node>"):
		sc := &LocScore{Pos: p.pos(), Score: p.next()}
		sc.Node = p.must(clsName, "a node")
		if isRoleSpec(p.peek()) {
			sc.Role = &RoleSpec{Tok: p.next()}
		} else {
			p.want(false, "role=<role>")
		}
		l.Score = sc
	case p.lit("rule"):
		for p.lit("rule") {
			l.Rules = append(l.Rules, p.rule())
		}
	default:
		p.fail()
	}
	return l
}

func (p *fastParser) setItem() *SetItem {
	it := &SetItem{Pos: p.pos()}
	if p.isAny("(", "[") {
		g := &SetGroup{Pos: p.pos(), Open: p.next()}
		h := p.enter(0)
		p.head.start--
		p.head.n = 1
		start := p.i
		for p.at(clsSet, wantResource) {
			p.i++
		}
		g.Items = p.toks[start:p.i]
		if !p.litAny(")", "]") {
			p.fail()
		}
		g.Close = p.next()
		p.leave(h)
		it.Group = g
		return it
	}
	it.Tok = p.must(clsSet, wantRscList)
	return it
}

func (p *fastParser) setItems() []*SetItem {
	var items []*SetItem
	for p.at(clsSet, wantRscList) || p.isAny("(", "[") {
		items = append(items, p.setItem())
	}
	if len(items) == 0 {
		p.fail()
	}
	return items
}

func (p *fastParser) colocation() *ColocationStmt {
	c := &ColocationStmt{Pos: p.pos()}
	c.Keyword = p.next().Value
	c.ID = p.must(clsWord, wantID)
	c.Score = p.must(clsLabel, "<score>:")
	c.Items = p.setItems()
	return c
}

func (p *fastParser) order() *OrderStmt {
	o := &OrderStmt{Pos: p.pos()}
	p.i++
	o.ID = p.must(clsWord, wantID)
	o.Kind = p.opt(clsLabel, "a kind (Mandatory:, Optional:, Serialize:, <score>:)")
	o.Items = p.setItems()
	return o
}

func (p *fastParser) ticket() *TicketStmt {
	t := &TicketStmt{Pos: p.pos()}
	p.i++
	t.ID = p.must(clsWord, wantID)
	t.Ticket = p.must(clsLabel, "<ticket>:")
	t.Items = p.setItems()
	return t
}

func (p *fastParser) property() *PropertyStmt {
	s := &PropertyStmt{Pos: p.pos()}
	s.Keyword = p.next().Value
	s.ID = p.opt(clsIDSp|clsLabel, "")
	for p.is("rule") {
		s.Rules = append(s.Rules, p.rule())
	}
	s.Pairs = p.nvpairs(nil)
	return s
}

func (p *fastParser) fencing() *FencingStmt {
	f := &FencingStmt{Pos: p.pos()}
	p.i++
	start := p.i
	for p.at(clsName|clsAsgn|clsDesc|clsDolr|clsIDSp|clsAt, "<target>: or a fencing device") {
		p.i++
	}
	f.Items = p.toks[start:p.i]
	return f
}

func (p *fastParser) tag() *TagStmt {
	t := &TagStmt{Pos: p.pos()}
	p.i++
	t.ID = p.must(clsWord|clsLabel, wantID)
	start := p.i
	for p.at(clsName|clsAt, wantResource) {
		p.i++
	}
	t.Refs = p.toks[start:p.i]
	if len(t.Refs) == 0 {
		p.fail()
	}
	return t
}

func (p *fastParser) role() *RoleStmt {
	r := &RoleStmt{Pos: p.pos()}
	p.i++
	r.ID = p.must(clsWord, wantID)
	r.Desc = p.opt(clsDesc, "")
	for p.litAny("read", "write", "deny") {
		perm := &Perm{Pos: p.pos(), Kind: p.next()}
		h := p.enter(0)
		p.head.start--
		p.head.n = 1
		perm.ID = p.opt(clsIDSp|clsLabel, "")
		perm.Desc = p.opt(clsDesc, "")
		start := p.i
		for p.at(clsName|clsAsgn, "xpath:<path>, ref:<id>, type:<type> or attribute:<name>") && !p.isAny("read", "write", "deny") {
			p.i++
		}
		perm.Specs = p.toks[start:p.i]
		p.leave(h)
		r.Perms = append(r.Perms, perm)
	}
	return r
}

func (p *fastParser) aclTarget() *ACLTargetStmt {
	a := &ACLTargetStmt{Pos: p.pos()}
	a.Keyword = p.next().Value
	a.ID = p.must(clsWord, wantID)
	start := p.i
	for p.at(clsName, "a role") {
		p.i++
	}
	a.Roles = p.toks[start:p.i]
	return a
}

func (p *fastParser) user() *UserStmt {
	u := &UserStmt{Pos: p.pos()}
	p.i++
	u.ID = p.must(clsWord, wantID)
	start := p.i
	for p.at(clsName|clsAsgn, "role:<role> or a permission") {
		p.i++
	}
	u.Items = p.toks[start:p.i]
	return u
}

func (p *fastParser) alertSets(dst []*AlertSet) []*AlertSet {
	for p.litAny("attributes", "meta") {
		set := &AlertSet{Pos: p.pos()}
		h := p.enter(1)
		set.Keyword = p.next().Value
		set.Body = p.attrBody()
		p.leave(h)
		dst = append(dst, set)
	}
	return dst
}

func (p *fastParser) alert() *AlertStmt {
	a := &AlertStmt{Pos: p.pos()}
	p.i++
	a.ID = p.must(clsWord, wantID)
	a.Path = p.must(clsAny, "the alert agent's path")
	a.Desc = p.opt(clsDesc, "")
	for {
		part := &AlertPart{Pos: p.pos()}
		h := p.head
		switch {
		case p.litAny("attributes", "meta"):
			p.enter(1)
			set := &AlertSet{Pos: p.pos()}
			set.Keyword = p.next().Value
			set.Body = p.attrBody()
			part.Set = set
		case p.lit("select"):
			p.enter(1)
			part.Select = p.alertSelect()
		case p.lit("to"):
			p.enter(2)
			r := &Recipient{Pos: p.pos()}
			p.i++
			if p.is("{") {
				p.i++
				r.Braced = true
				r.Body = p.recipBody()
				p.expectLit("}")
			} else {
				r.Body = p.recipBody()
			}
			part.Recipient = r
		default:
			return a
		}
		p.leave(h)
		a.Parts = append(a.Parts, part)
	}
}

func (p *fastParser) alertSelect() *AlertSelect {
	sel := &AlertSelect{Pos: p.pos()}
	p.i++
	for {
		k := &SelectKind{Pos: p.pos()}
		if p.litAny("nodes", "fencing", "resources", "attributes") && !p.is("attributes") {
			k.Kind = p.next().Value
		} else if p.is("attributes") && p.i+1 < len(p.toks) && p.toks[p.i+1].Value == "{" {
			p.i += 2
			k.Attrs = &SelectAttrs{}
			start := p.i
			for p.at(clsName, "an attribute name") {
				p.i++
			}
			k.Attrs.Names = p.toks[start:p.i]
			p.expectLit("}")
		} else {
			break
		}
		sel.Kinds = append(sel.Kinds, k)
	}
	return sel
}

func (p *fastParser) recipBody() *RecipBody {
	b := &RecipBody{}
	b.Value = p.must(clsAny&^clsPunct, "a recipient")
	b.Desc = p.opt(clsDesc, "")
	b.Sets = p.alertSets(nil)
	return b
}
