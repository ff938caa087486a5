package grammar

import "strings"

// The productions of the fast parser, one method per AST struct; each
// follows its struct's participle tags in ast.go.

func (p *fastParser) statement() *Statement {
	st := &Statement{Pos: p.pos()}
	t := p.peek()
	if t.Type != TokWord {
		p.want(false, wantStmt)
		p.fail()
	}
	h := p.enter(2)
	switch strings.ToLower(t.Value) {
	case "node":
		st.Node = p.node()
	case "primitive", "rsc_template":
		st.Primitive = p.primitive()
	case "monitor":
		st.Monitor = p.monitor()
	case "group":
		st.Group = p.group()
	case "clone", "ms", "master":
		st.Clone = p.clone()
	case "bundle":
		st.Bundle = p.bundle()
	case "location":
		st.Location = p.location()
	case "colocation", "collocation":
		st.Colocation = p.colocation()
	case "order":
		st.Order = p.order()
	case "rsc_ticket":
		st.Ticket = p.ticket()
	case "property", "rsc_defaults", "op_defaults":
		st.Property = p.property()
	case "fencing_topology", "fencing-topology":
		p.head.n = 1
		st.Fencing = p.fencing()
	case "tag":
		st.Tag = p.tag()
	case "role":
		st.Role = p.role()
	case "acl_target", "acl_group":
		st.ACLTarget = p.aclTarget()
	case "user":
		st.User = p.user()
	case "alert":
		st.Alert = p.alert()
	default:
		p.want(false, wantStmt)
		p.fail()
	}
	if p.peek().Type != TokEOL {
		p.want(false, expectEOL)
		p.fail()
	}
	p.leave(h)
	p.i++
	return st
}

func (p *fastParser) node() *NodeStmt {
	n := &NodeStmt{Pos: p.pos()}
	p.i++
	n.ID = p.opt(clsIDSp|clsLabel, "")
	if n.ID.Type != 0 {
		p.head.n++
	}
	n.Uname = p.must(clsWord|clsColon, "<uname>[:<type>]")
	n.Desc = p.opt(clsDesc, "")
	n.Implicit = p.attrBody()
	for p.litAny("attributes", "utilization") {
		s := &NodeSet{Pos: p.pos()}
		h := p.enter(1)
		s.Keyword = p.next().Value
		s.Body = p.attrBody()
		p.leave(h)
		n.Sets = append(n.Sets, s)
	}
	return n
}

// attrBody parses an optional AttrBody; nil when it matches nothing.
func (p *fastParser) attrBody() *AttrBody {
	start := p.i
	b := &AttrBody{Pos: p.pos()}
	b.IDSpec = p.opt(clsIDSp, "")
	b.Score = p.opt(clsLabel, "")
	for p.is("rule") {
		b.Rules = append(b.Rules, p.rule())
	}
	b.Pairs = p.nvpairs(b.Pairs)
	if p.i == start {
		return nil
	}
	return b
}

func (p *fastParser) nvpairs(dst []*NVPair) []*NVPair {
	for {
		t := p.peek()
		switch t.Type {
		case TokAssign, TokDesc, TokDollar, TokAt, TokIDSpec:
		case TokWord:
			if terminators[strings.ToLower(t.Value)] {
				p.want(false, wantNVPair)
				return dst
			}
		default:
			p.want(false, wantNVPair)
			return dst
		}
		dst = append(dst, &NVPair{Tok: p.next()})
	}
}

// terminators are the keywords that end a list of name/value pairs (the
// negative lookahead of NVPair).
var terminators = map[string]bool{
	"params": true, "meta": true, "utilization": true, "operations": true,
	"op": true, "op_params": true, "op_meta": true, "rule": true,
	"attributes": true, "to": true, "select": true, "network": true,
	"storage": true, "primitive": true, "docker": true, "rkt": true,
	"podman": true,
}

func (p *fastParser) rule() *Rule {
	r := &Rule{Pos: p.pos()}
	h := p.enter(1)
	p.i++
	r.IDSpec = p.opt(clsIDSp, "")
	if isRoleSpec(p.peek()) {
		r.Role = &RoleSpec{Tok: p.next()}
	}
	r.Score = p.opt(clsLabel, "")
	if e := p.expr(); e != nil {
		r.First = e
		for p.litAny("and", "or") {
			b := &BoolExpr{Op: p.next()}
			if b.Expr = p.expr(); b.Expr == nil {
				p.fail()
			}
			r.Rest = append(r.Rest, b)
		}
	}
	p.leave(h)
	return r
}

// expr parses an optional Expr.
func (p *fastParser) expr() *Expr {
	e := &Expr{Pos: p.pos()}
	switch {
	case p.is("date"):
		h := p.enter(1)
		p.i++
		d := &DateExpr{Pos: p.pos()}
		switch {
		case p.isAny("lt", "gt"):
			d.Cmp = &DateCmp{Op: p.next(), Value: p.must(clsAny, "a date")}
		case p.litAny("lt", "gt", "in_range", "in", "date_spec", "spec"):
			r := &DateRange{Op: p.next()}
			for isDateField(p.peek()) {
				r.Fields = append(r.Fields, &DateField{Tok: p.next()})
			}
			p.want(false, wantDateFld)
			if len(r.Fields) == 0 {
				p.fail()
			}
			d.Range = r
		default:
			p.fail()
		}
		p.leave(h)
		e.Date = d
	case p.isAny("defined", "not_defined"):
		e.Unary = &UnaryExpr{Op: p.next(), Attr: p.must(clsName, "an attribute name")}
	case p.at(clsName, wantExpr):
		b := &BinaryExpr{Attr: p.next()}
		b.Op = p.must(clsWord|clsColon, wantOperator)
		b.Value = p.must(clsAny, wantValue)
		e.Binary = b
	default:
		return nil
	}
	return e
}

func (p *fastParser) primitive() *PrimitiveStmt {
	s := &PrimitiveStmt{Pos: p.pos()}
	s.Keyword = p.next().Value
	s.ID = p.must(clsWord, wantID)
	agent := "an agent [<class>:[<provider>:]]<type> or @<template>"
	if strings.EqualFold(s.Keyword, "rsc_template") {
		agent = "an agent [<class>:[<provider>:]]<type>"
	}
	s.Agent = p.must(clsWord|clsColon|clsAt, agent)
	s.Desc = p.opt(clsDesc, "")
	s.Implicit = p.attrBody()
	for {
		part := &PrimPart{Pos: p.pos()}
		switch {
		case p.litAny("params", "meta", "utilization"):
			set := &RscSet{Pos: p.pos()}
			h := p.enter(1)
			set.Keyword = p.next().Value
			set.Body = p.attrBody()
			p.leave(h)
			part.Set = set
		case p.is("operations"):
			p.i++
			part.Operations = p.must(clsIDSp, "$id=<id>")
		case p.lit("op"):
			part.Op = p.op()
		default:
			return s
		}
		s.Parts = append(s.Parts, part)
	}
}

func (p *fastParser) op() *OpSpec {
	o := &OpSpec{Pos: p.pos()}
	h := p.enter(2)
	p.i++
	o.Name = p.must(clsName, "an op name (monitor, start, stop, ...)")
	o.Attrs = p.nvpairs(nil)
	for p.isAny("op_params", "op_meta") {
		set := &OpSet{Pos: p.pos()}
		set.Keyword = p.next().Value
		set.Body = p.attrBody()
		o.Sets = append(o.Sets, set)
	}
	p.leave(h)
	return o
}

func (p *fastParser) monitor() *MonitorStmt {
	m := &MonitorStmt{Pos: p.pos()}
	p.i++
	m.Rsc = p.must(clsName, "<resource>[:<role>]")
	m.Interval = p.must(clsName, "<interval>[:<timeout>]")
	return m
}

func (p *fastParser) containerSets(dst []*ContainerSet) []*ContainerSet {
	for p.litAny("params", "meta") {
		set := &ContainerSet{Pos: p.pos()}
		h := p.enter(1)
		set.Keyword = p.next().Value
		set.Body = p.attrBody()
		p.leave(h)
		dst = append(dst, set)
	}
	return dst
}

func (p *fastParser) group() *GroupStmt {
	g := &GroupStmt{Pos: p.pos()}
	p.i++
	g.ID = p.must(clsWord, wantID)
	start := p.i
	for p.at(clsName|clsAt, wantResource) && !p.isAny("params", "meta") {
		p.i++
	}
	g.Children = p.toks[start:p.i]
	if len(g.Children) == 0 {
		p.want(false, wantResource)
		p.fail()
	}
	g.Desc = p.opt(clsDesc, "")
	g.Implicit = p.attrBody()
	g.Sets = p.containerSets(nil)
	return g
}

func (p *fastParser) clone() *CloneStmt {
	c := &CloneStmt{Pos: p.pos()}
	c.Keyword = p.next().Value
	c.ID = p.must(clsWord, wantID)
	c.Child = p.must(clsName, wantResource)
	c.Desc = p.opt(clsDesc, "")
	c.Implicit = p.attrBody()
	c.Sets = p.containerSets(nil)
	return c
}

var bundleStop = []string{"network", "storage", "meta", "primitive", "docker", "rkt", "podman"}

func (p *fastParser) bundle() *BundleStmt {
	b := &BundleStmt{Pos: p.pos()}
	p.i++
	b.ID = p.must(clsWord, wantID)
	b.Desc = p.opt(clsDesc, "")
	for {
		part := &BundlePart{Pos: p.pos()}
		h := p.head
		switch {
		case p.litAny("docker", "podman", "rkt", "network", "storage"):
			p.enter(1)
			o := &BundleOptions{Pos: p.pos()}
			o.Kind = p.next().Value
			start := p.i
			for p.in(clsAsgn|clsDesc) || p.in(clsWord) && !p.isAny(bundleStop...) {
				p.i++
			}
			p.want(false, wantNVPair)
			o.Attrs = p.toks[start:p.i]
			part.Options = o
		case p.lit("primitive"):
			p.enter(2)
			p.i++
			part.Primitive = p.must(clsWord, wantResource)
		case p.lit("meta"):
			p.enter(1)
			p.i++
			part.Meta = p.attrBody()
		default:
			return b
		}
		p.leave(h)
		b.Parts = append(b.Parts, part)
	}
}
