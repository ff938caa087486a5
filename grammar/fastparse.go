package grammar

import (
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// fastParser is a hand-written recursive-descent parser for the grammar
// defined by the participle structs in ast.go. It produces exactly the AST
// participle produces (tests and FuzzParse compare the two on every input)
// but is about ten times faster, because participle allocates on every
// branch it tries. When it cannot parse a statement it gives up without a
// message, and the statement is parsed again by participle, which reports
// the error; so participle stays the definition of the language and of its
// error messages, and the fast parser only has to agree with it on input
// that is correct.
type fastParser struct {
	toks []lexer.Token // one statement, ending with EOL
	i    int
}

// failed is panicked by fastParser methods to give up; parse recovers it.
type failed struct{}

func fastParse(toks []lexer.Token) (st *Statement, ok bool) {
	p := fastParser{toks: toks}
	defer func() {
		if r := recover(); r != nil {
			if _, isFail := r.(failed); !isFail {
				panic(r)
			}
			st, ok = nil, false
		}
	}()
	st = p.statement()
	return st, p.i == len(p.toks)
}

func (p *fastParser) fail() { panic(failed{}) }

func (p *fastParser) peek() *lexer.Token {
	if p.i < len(p.toks) {
		return &p.toks[p.i]
	}
	p.fail()
	return nil
}

func (p *fastParser) pos() lexer.Position { return p.peek().Pos }

func (p *fastParser) next() lexer.Token {
	t := *p.peek()
	p.i++
	return t
}

// lit reports whether the next token is the literal s; words compare
// case-insensitively, as participle.CaseInsensitive("Word") does.
func (p *fastParser) lit(s string) bool {
	t := p.peek()
	if t.Type == TokWord {
		return strings.EqualFold(t.Value, s)
	}
	return t.Value == s
}

func (p *fastParser) litAny(ss ...string) bool {
	for _, s := range ss {
		if p.lit(s) {
			return true
		}
	}
	return false
}

func (p *fastParser) expectLit(s string) string {
	if !p.lit(s) {
		p.fail()
	}
	return p.next().Value
}

// Token classes used by the grammar.
const (
	clsWord  = 1 << TokWord
	clsColon = 1 << TokColon
	clsLabel = 1 << TokLabel
	clsAsgn  = 1 << TokAssign
	clsDesc  = 1 << TokDesc
	clsIDSp  = 1 << TokIDSpec
	clsDolr  = 1 << TokDollar
	clsAt    = 1 << TokAt
	clsPunct = 1 << TokPunct
	clsAny   = clsWord | clsColon | clsLabel | clsAsgn | clsDesc | clsIDSp | clsDolr | clsAt | clsPunct
	clsName  = clsWord | clsColon | clsLabel
	clsSet   = clsAsgn | clsDesc | clsDolr | clsAt | clsWord | clsColon | clsLabel
)

func (p *fastParser) is(cls int) bool {
	t := p.peek().Type
	return t > 0 && t < 32 && cls&(1<<t) != 0
}

func (p *fastParser) opt(cls int) lexer.Token {
	if p.is(cls) {
		return p.next()
	}
	return lexer.Token{}
}

func (p *fastParser) must(cls int) lexer.Token {
	if !p.is(cls) {
		p.fail()
	}
	return p.next()
}

func (p *fastParser) statement() *Statement {
	st := &Statement{Pos: p.pos()}
	t := p.peek()
	if t.Type != TokWord {
		p.fail()
	}
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
		p.fail()
	}
	if p.peek().Type != TokEOL {
		p.fail()
	}
	p.i++
	return st
}

func (p *fastParser) node() *NodeStmt {
	n := &NodeStmt{Pos: p.pos()}
	p.i++
	n.ID = p.opt(clsIDSp | clsLabel)
	n.Uname = p.must(clsWord | clsColon)
	n.Desc = p.opt(clsDesc)
	n.Implicit = p.attrBody()
	for p.litAny("attributes", "utilization") {
		s := &NodeSet{Pos: p.pos()}
		s.Keyword = p.next().Value
		s.Body = p.attrBody()
		n.Sets = append(n.Sets, s)
	}
	return n
}

// attrBody parses an optional AttrBody; nil when it matches nothing.
func (p *fastParser) attrBody() *AttrBody {
	start := p.i
	b := &AttrBody{Pos: p.pos()}
	b.IDSpec = p.opt(clsIDSp)
	b.Score = p.opt(clsLabel)
	for p.lit("rule") {
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
				return dst
			}
		default:
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
	p.i++
	r.IDSpec = p.opt(clsIDSp)
	if isRoleSpec(p.peek()) {
		r.Role = &RoleSpec{Tok: p.next()}
	}
	r.Score = p.opt(clsLabel)
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
	return r
}

// expr parses an optional Expr.
func (p *fastParser) expr() *Expr {
	e := &Expr{Pos: p.pos()}
	switch {
	case p.lit("date"):
		p.i++
		d := &DateExpr{Pos: p.pos()}
		switch {
		case p.litAny("lt", "gt"):
			d.Cmp = &DateCmp{Op: p.next(), Value: p.must(clsAny)}
		case p.litAny("in_range", "in", "date_spec", "spec"):
			r := &DateRange{Op: p.next()}
			for isDateField(p.peek()) {
				r.Fields = append(r.Fields, &DateField{Tok: p.next()})
			}
			if len(r.Fields) == 0 {
				p.fail()
			}
			d.Range = r
		default:
			p.fail()
		}
		e.Date = d
	case p.litAny("defined", "not_defined"):
		e.Unary = &UnaryExpr{Op: p.next(), Attr: p.must(clsName)}
	case p.is(clsName):
		b := &BinaryExpr{Attr: p.next()}
		b.Op = p.must(clsWord | clsColon)
		b.Value = p.must(clsAny)
		e.Binary = b
	default:
		return nil
	}
	return e
}

func (p *fastParser) primitive() *PrimitiveStmt {
	s := &PrimitiveStmt{Pos: p.pos()}
	s.Keyword = p.next().Value
	s.ID = p.must(clsWord)
	s.Agent = p.must(clsWord | clsColon | clsAt)
	s.Desc = p.opt(clsDesc)
	s.Implicit = p.attrBody()
	for {
		part := &PrimPart{Pos: p.pos()}
		switch {
		case p.litAny("params", "meta", "utilization"):
			set := &RscSet{Pos: p.pos()}
			set.Keyword = p.next().Value
			set.Body = p.attrBody()
			part.Set = set
		case p.lit("operations"):
			p.i++
			part.Operations = p.must(clsIDSp)
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
	p.i++
	o.Name = p.must(clsName)
	o.Attrs = p.nvpairs(nil)
	for p.litAny("op_params", "op_meta") {
		set := &OpSet{Pos: p.pos()}
		set.Keyword = p.next().Value
		set.Body = p.attrBody()
		o.Sets = append(o.Sets, set)
	}
	return o
}

func (p *fastParser) monitor() *MonitorStmt {
	m := &MonitorStmt{Pos: p.pos()}
	p.i++
	m.Rsc = p.must(clsName)
	m.Interval = p.must(clsName)
	return m
}

func (p *fastParser) containerSets(dst []*ContainerSet) []*ContainerSet {
	for p.litAny("params", "meta") {
		set := &ContainerSet{Pos: p.pos()}
		set.Keyword = p.next().Value
		set.Body = p.attrBody()
		dst = append(dst, set)
	}
	return dst
}

func (p *fastParser) group() *GroupStmt {
	g := &GroupStmt{Pos: p.pos()}
	p.i++
	g.ID = p.must(clsWord)
	start := p.i
	for p.is(clsName|clsAt) && !p.litAny("params", "meta") {
		p.i++
	}
	g.Children = p.toks[start:p.i]
	if len(g.Children) == 0 {
		p.fail()
	}
	g.Desc = p.opt(clsDesc)
	g.Implicit = p.attrBody()
	g.Sets = p.containerSets(nil)
	return g
}

func (p *fastParser) clone() *CloneStmt {
	c := &CloneStmt{Pos: p.pos()}
	c.Keyword = p.next().Value
	c.ID = p.must(clsWord)
	c.Child = p.must(clsName)
	c.Desc = p.opt(clsDesc)
	c.Implicit = p.attrBody()
	c.Sets = p.containerSets(nil)
	return c
}

var bundleStop = []string{"network", "storage", "meta", "primitive", "docker", "rkt", "podman"}

func (p *fastParser) bundle() *BundleStmt {
	b := &BundleStmt{Pos: p.pos()}
	p.i++
	b.ID = p.must(clsWord)
	b.Desc = p.opt(clsDesc)
	for {
		part := &BundlePart{Pos: p.pos()}
		switch {
		case p.litAny("docker", "rkt", "podman", "network", "storage"):
			o := &BundleOptions{Pos: p.pos()}
			o.Kind = p.next().Value
			start := p.i
			for p.is(clsAsgn|clsDesc) || p.is(clsWord) && !p.litAny(bundleStop...) {
				p.i++
			}
			o.Attrs = p.toks[start:p.i]
			part.Options = o
		case p.lit("primitive"):
			p.i++
			part.Primitive = p.must(clsWord)
		case p.lit("meta"):
			p.i++
			part.Meta = p.attrBody()
		default:
			return b
		}
		b.Parts = append(b.Parts, part)
	}
}

func (p *fastParser) location() *LocationStmt {
	l := &LocationStmt{Pos: p.pos()}
	p.i++
	l.ID = p.must(clsWord)
	if p.lit("{") {
		set := &LocationSet{Pos: p.pos()}
		p.i++
		for !p.lit("}") {
			set.Items = append(set.Items, p.setItem())
		}
		set.Close = p.next()
		l.Set = set
	} else {
		l.Rsc = p.must(clsName | clsAsgn | clsAt)
	}
	start := p.i
	for p.is(clsAsgn | clsDesc | clsDolr) {
		p.i++
	}
	l.Attrs = p.toks[start:p.i]
	switch {
	case p.is(clsLabel):
		sc := &LocScore{Pos: p.pos(), Score: p.next()}
		sc.Node = p.must(clsName)
		if isRoleSpec(p.peek()) {
			sc.Role = &RoleSpec{Tok: p.next()}
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
	if p.litAny("(", "[") {
		g := &SetGroup{Pos: p.pos(), Open: p.next()}
		start := p.i
		for p.is(clsSet) {
			p.i++
		}
		g.Items = p.toks[start:p.i]
		if !p.litAny(")", "]") {
			p.fail()
		}
		g.Close = p.next()
		it.Group = g
		return it
	}
	it.Tok = p.must(clsSet)
	return it
}

func (p *fastParser) setItems() []*SetItem {
	var items []*SetItem
	for p.is(clsSet) || p.litAny("(", "[") {
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
	c.ID = p.must(clsWord)
	c.Score = p.must(clsLabel)
	c.Items = p.setItems()
	return c
}

func (p *fastParser) order() *OrderStmt {
	o := &OrderStmt{Pos: p.pos()}
	p.i++
	o.ID = p.must(clsWord)
	o.Kind = p.opt(clsLabel)
	o.Items = p.setItems()
	return o
}

func (p *fastParser) ticket() *TicketStmt {
	t := &TicketStmt{Pos: p.pos()}
	p.i++
	t.ID = p.must(clsWord)
	t.Ticket = p.must(clsLabel)
	t.Items = p.setItems()
	return t
}

func (p *fastParser) property() *PropertyStmt {
	s := &PropertyStmt{Pos: p.pos()}
	s.Keyword = p.next().Value
	s.ID = p.opt(clsIDSp | clsLabel)
	for p.lit("rule") {
		s.Rules = append(s.Rules, p.rule())
	}
	s.Pairs = p.nvpairs(nil)
	return s
}

func (p *fastParser) fencing() *FencingStmt {
	f := &FencingStmt{Pos: p.pos()}
	p.i++
	start := p.i
	for p.is(clsName | clsAsgn | clsDesc | clsDolr | clsIDSp | clsAt) {
		p.i++
	}
	f.Items = p.toks[start:p.i]
	return f
}

func (p *fastParser) tag() *TagStmt {
	t := &TagStmt{Pos: p.pos()}
	p.i++
	t.ID = p.must(clsWord | clsLabel)
	start := p.i
	for p.is(clsName | clsAt) {
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
	r.ID = p.must(clsWord)
	r.Desc = p.opt(clsDesc)
	for p.litAny("read", "write", "deny") {
		perm := &Perm{Pos: p.pos(), Kind: p.next()}
		perm.ID = p.opt(clsIDSp | clsLabel)
		perm.Desc = p.opt(clsDesc)
		start := p.i
		for p.is(clsName|clsAsgn) && !p.litAny("read", "write", "deny") {
			p.i++
		}
		perm.Specs = p.toks[start:p.i]
		r.Perms = append(r.Perms, perm)
	}
	return r
}

func (p *fastParser) aclTarget() *ACLTargetStmt {
	a := &ACLTargetStmt{Pos: p.pos()}
	a.Keyword = p.next().Value
	a.ID = p.must(clsWord)
	start := p.i
	for p.is(clsName) {
		p.i++
	}
	a.Roles = p.toks[start:p.i]
	return a
}

func (p *fastParser) user() *UserStmt {
	u := &UserStmt{Pos: p.pos()}
	p.i++
	u.ID = p.must(clsWord)
	start := p.i
	for p.is(clsName | clsAsgn) {
		p.i++
	}
	u.Items = p.toks[start:p.i]
	return u
}

func (p *fastParser) alertSets(dst []*AlertSet) []*AlertSet {
	for p.litAny("attributes", "meta") {
		set := &AlertSet{Pos: p.pos()}
		set.Keyword = p.next().Value
		set.Body = p.attrBody()
		dst = append(dst, set)
	}
	return dst
}

func (p *fastParser) alert() *AlertStmt {
	a := &AlertStmt{Pos: p.pos()}
	p.i++
	a.ID = p.must(clsWord)
	a.Path = p.must(clsAny)
	a.Desc = p.opt(clsDesc)
	for {
		part := &AlertPart{Pos: p.pos()}
		switch {
		case p.litAny("attributes", "meta"):
			set := &AlertSet{Pos: p.pos()}
			set.Keyword = p.next().Value
			set.Body = p.attrBody()
			part.Set = set
		case p.lit("select"):
			sel := &AlertSelect{Pos: p.pos()}
			p.i++
			for {
				k := &SelectKind{Pos: p.pos()}
				if p.litAny("nodes", "fencing", "resources") {
					k.Kind = p.next().Value
				} else if p.lit("attributes") && p.i+1 < len(p.toks) && p.toks[p.i+1].Value == "{" {
					p.i += 2
					k.Attrs = &SelectAttrs{}
					start := p.i
					for p.is(clsName) {
						p.i++
					}
					k.Attrs.Names = p.toks[start:p.i]
					p.expectLit("}")
				} else {
					break
				}
				sel.Kinds = append(sel.Kinds, k)
			}
			part.Select = sel
		case p.lit("to"):
			r := &Recipient{Pos: p.pos()}
			p.i++
			if p.lit("{") {
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
		a.Parts = append(a.Parts, part)
	}
}

func (p *fastParser) recipBody() *RecipBody {
	b := &RecipBody{}
	b.Value = p.must(clsAny &^ clsPunct)
	b.Desc = p.opt(clsDesc)
	b.Sets = p.alertSets(nil)
	return b
}
