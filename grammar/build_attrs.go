package grammar

import (
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"gocrm/cib"
	"gocrm/cib/xmltree"
)

func commentNode(text string) *xmltree.Node {
	text = strings.TrimSpace(text)
	if !strings.HasPrefix(text, "#") {
		text = "# " + text
	}
	return &xmltree.Node{Kind: xmltree.CommentNode, Text: text}
}

// pairMode says which name/value items a list accepts.
type pairMode int

const (
	pairsNormal   pairMode = iota // attribute blocks
	pairsProperty                 // property, rsc_defaults, op_defaults
)

// nvset builds an attribute set from an attribute block (nil body: an
// empty block). Ids are left empty where crmsh generates them.
func (b *Builder) nvset(body *AttrBody, pos lexer.Position, mode pairMode) (*cib.NVSet, error) {
	s := &cib.NVSet{}
	if body == nil {
		return s, nil
	}
	if t := body.IDSpec; t.Type != 0 {
		name, v := tokVal(t)
		if strings.EqualFold(name, "$id-ref") {
			if body.Score.Type != 0 || len(body.Rules) > 0 || len(body.Pairs) > 0 {
				return nil, errorf(t.Pos, "nothing may follow %s in an attribute block", t.Value)
			}
			s.IDRef = v
			return s, nil
		}
		s.ID = v
	}
	if t := body.Score; t.Type != 0 {
		s.Score = strings.TrimSuffix(t.Value, ":")
	}
	for _, r := range body.Rules {
		rule, err := b.rule(r)
		if err != nil {
			return nil, err
		}
		s.Rules = append(s.Rules, rule)
	}
	var err error
	s.Pairs, err = b.nvpairs(body.Pairs, mode)
	return s, err
}

// nvpairs converts name/value items.
func (b *Builder) nvpairs(items []*NVPair, mode pairMode) ([]*cib.NVPair, error) {
	if len(items) == 0 {
		return nil, nil
	}
	out := make([]*cib.NVPair, 0, len(items))
	for _, it := range items {
		p, err := b.nvpair(it.Tok, mode)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

func (b *Builder) nvpair(t lexer.Token, mode pairMode) (*cib.NVPair, error) {
	switch t.Type {
	case TokAt:
		// @id-ref[:name]
		ref, name, _ := strings.Cut(t.Value[1:], ":")
		if ref == "" {
			return nil, errorf(t.Pos, "expected @<id>[:<name>], found %q", t.Value)
		}
		if !bare(ref) || name != "" && !bare(name) {
			return nil, errorf(t.Pos, "invalid reference %q", t.Value)
		}
		return &cib.NVPair{IDRef: ref, Name: name, NoValue: true}, nil
	case TokDollar, TokIDSpec:
		// $id[:name]=value
		lhs, v, _ := strings.Cut(t.Value[1:], "=")
		id, name, _ := strings.Cut(lhs, ":")
		if name == "" {
			name = id
		}
		if id == "" {
			return nil, errorf(t.Pos, "expected $<id>[:<name>]=<value>, found %q", t.Value)
		}
		if mode == pairsProperty && v == "" {
			return nil, errorf(t.Pos, "empty value for %s is not allowed", name)
		}
		if err := checkName(t, name); err != nil {
			return nil, err
		}
		return &cib.NVPair{ID: id, Name: name, Value: b.roleValue(name, v)}, nil
	case TokAssign, TokDesc:
		n, v := tokVal(t)
		if mode == pairsProperty && v == "" {
			return nil, errorf(t.Pos, "empty value for %s is not allowed", n)
		}
		if err := checkName(t, n); err != nil {
			return nil, err
		}
		return &cib.NVPair{Name: n, Value: b.roleValue(n, v)}, nil
	case TokWord:
		if mode == pairsProperty {
			return nil, errorf(t.Pos, "expected <name>=<value>, found %q", t.Value)
		}
		if err := checkName(t, t.Value); err != nil {
			return nil, err
		}
		return &cib.NVPair{Name: t.Value, NoValue: true}, nil
	}
	return nil, errorf(t.Pos, "expected <name>=<value>, found %q", t.Value)
}

// checkName checks the name of a pair: printable bare, and read back as
// a name (not as $id or @reference).
func checkName(t lexer.Token, name string) error {
	if !bare(name) || name[0] == '$' || name[0] == '@' {
		return errorf(t.Pos, "invalid name %q: it must not be empty, start with $ or @, or contain blanks, quotes or backslashes", name)
	}
	return nil
}

// roleValue converts Promoted/Unpromoted to Master/Slave in role and
// target-role values when the CIB's schema predates them, as crmsh does.
func (b *Builder) roleValue(name, v string) string {
	if name != "role" && name != "target-role" {
		return v
	}
	return b.role11(v)
}

func (b *Builder) role11(v string) string {
	if b.legacyRoles {
		switch v {
		case "Promoted":
			return "Master"
		case "Unpromoted":
			return "Slave"
		}
	}
	return v
}

var (
	numScoreRe = lazyRegexp(`^[+-]?(inf(inity)?|INF(INITY)?|[0-9]+)$`)
	infRe      = lazyRegexp(`inf(inity)?|INF(INITY)?`)
)

// score interprets a score label the way crmsh's validate_score does: it
// returns the score, or the node attribute whose value is the score.
// Mandatory and advisory are INFINITY and 0; inf, +inf, -inf, infinity
// (in lower or upper case) are INFINITY with the sign.
func score(label string) (score, attr string) {
	switch strings.ToLower(label) {
	case "mandatory":
		return "INFINITY", ""
	case "advisory":
		return "0", ""
	}
	if numScoreRe().MatchString(label) {
		return infRe().ReplaceAllString(label, "INFINITY"), ""
	}
	return "", label
}

// rule converts a rule. Ids are left for the id pass.
func (b *Builder) rule(r *Rule) (*cib.Rule, error) {
	out := &cib.Rule{}
	if t := r.IDSpec; t.Type != 0 {
		name, v := tokVal(t)
		if strings.EqualFold(name, "$id-ref") {
			out.IDRef = v
		} else {
			out.ID = v
		}
	}
	if r.Role != nil {
		out.Role = b.role11(r.Role.Value())
	}
	if out.IDRef != "" {
		if r.Score.Type != 0 || r.First != nil {
			return nil, errorf(r.Pos, "a rule given by $id-ref has no score or expressions")
		}
		return out, nil
	}
	if r.Score.Type != 0 {
		if err := checkBare(r.Score.Pos, "score", r.Score.Value); err != nil {
			return nil, err
		}
		out.Score, out.ScoreAttribute = score(strings.TrimSuffix(r.Score.Value, ":"))
	} else {
		out.Score = "INFINITY"
	}
	if r.First == nil {
		return nil, errorf(r.Pos, "rule has no expression: expected <attribute> <op> <value>, defined|not_defined <attribute> or date ...")
	}
	e, err := b.expr(r.First)
	if err != nil {
		return nil, err
	}
	out.Exprs = append(out.Exprs, e)
	op := ""
	for _, be := range r.Rest {
		o := strings.ToLower(be.Op.Value)
		if op != "" && o != op {
			return nil, errorf(be.Op.Pos, "mixing boolean operators is not allowed: %s and %s (use separate rules)", op, o)
		}
		op = o
		e, err := b.expr(be.Expr)
		if err != nil {
			return nil, err
		}
		out.Exprs = append(out.Exprs, e)
	}
	if op == "or" {
		out.BooleanOp = "or"
	}
	return out, nil
}

var (
	binaryOps = map[string]bool{"lt": true, "gt": true, "lte": true, "gte": true, "eq": true, "ne": true}
	exprTypes = map[string]bool{"string": true, "integer": true, "number": true, "version": true}
	// valueSourceRe is crmsh's <source>{<value>} form of an expression
	// value (param{name}, meta{name}).
	valueSourceRe = lazyRegexp(`^([^\s{}]+)\{(\S+)\}$`)
)

func (b *Builder) expr(e *Expr) (cib.Expr, error) {
	switch {
	case e.Unary != nil:
		if err := checkBare(e.Unary.Attr.Pos, "attribute", e.Unary.Attr.Value); err != nil {
			return nil, err
		}
		return &cib.Expression{
			Operation: strings.ToLower(e.Unary.Op.Value),
			Attribute: e.Unary.Attr.Value,
		}, nil
	case e.Binary != nil:
		if err := checkBare(e.Binary.Attr.Pos, "attribute", e.Binary.Attr.Value); err != nil {
			return nil, err
		}
		x := &cib.Expression{Attribute: e.Binary.Attr.Value}
		op := strings.ToLower(e.Binary.Op.Value)
		if typ, o, ok := strings.Cut(op, ":"); ok {
			if !exprTypes[typ] {
				return nil, errorf(e.Binary.Op.Pos, "unknown expression type %q: expected string, integer, number or version", typ)
			}
			x.Type, op = typ, o
		}
		if !binaryOps[op] {
			return nil, errorf(e.Binary.Op.Pos, "unknown operator %q: expected [<type>:]lt|gt|lte|gte|eq|ne", e.Binary.Op.Value)
		}
		x.Operation = op
		v := e.Binary.Value.Value
		if m := valueSourceRe().FindStringSubmatch(v); m != nil && bare(v) {
			x.ValueSource, v = m[1], m[2]
		}
		x.Value = v
		return x, nil
	case e.Date != nil:
		return b.dateExpr(e.Date)
	}
	return nil, errorf(e.Pos, "empty expression")
}

func (b *Builder) dateExpr(d *DateExpr) (cib.Expr, error) {
	x := &cib.DateExpression{}
	if c := d.Cmp; c != nil {
		x.Operation = strings.ToLower(c.Op.Value)
		if x.Operation == "lt" {
			x.End = c.Value.Value
		} else {
			x.Start = c.Value.Value
		}
		return x, nil
	}
	r := d.Range
	op := strings.ToLower(r.Op.Value)
	spec := op == "date_spec" || op == "spec"
	if spec {
		x.Operation = "date_spec"
	} else {
		x.Operation = "in_range"
		if len(r.Fields) < 2 {
			return nil, errorf(r.Op.Pos, "date in_range needs start= and end= or a duration")
		}
	}
	startEnd := 0
	for _, f := range r.Fields {
		if n := f.Name(); n == "start" || n == "end" {
			startEnd++
		}
	}
	var sub *cib.DateSpec
	for _, f := range r.Fields {
		n, v := f.Name(), f.Value()
		if v == "" {
			return nil, errorf(f.Tok.Pos, "date field %s needs a value", n)
		}
		switch {
		case n == "start" || n == "end":
			if spec {
				return nil, errorf(f.Tok.Pos, "%s is not a date_spec field", n)
			}
			if n == "start" {
				x.Start = v
			} else {
				x.End = v
			}
		default:
			if sub == nil {
				sub = &cib.DateSpec{}
			}
			sub.Attrs = append(sub.Attrs, xmltree.Attr{Name: n, Value: v})
		}
	}
	switch {
	case spec:
		x.Spec = sub
	case sub != nil:
		x.Duration = sub
	case startEnd < 2:
		return nil, errorf(r.Op.Pos, "date in_range needs start= and end= or a duration")
	}
	return x, nil
}
