package grammar

import (
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// fastParser is a hand-written recursive-descent parser for the grammar
// defined by the participle structs in ast.go. It produces exactly the AST
// participle produces (tests and FuzzParse compare the two on every input)
// but is about ten times faster, because participle allocates on every
// branch it tries.
//
// It also explains failures. A statement that does not parse is parsed a
// second time in diagnose mode, where every test of the next token that
// fails records what would have been accepted there, in crm terms (a
// keyword, or a description such as "a name=value pair"). The error is
// reported at the farthest token any test reached, with everything
// expected there and the clause it was in ("after "op monitor"").
type fastParser struct {
	toks []lexer.Token // one statement, ending with EOL
	i    int
	head clause // the innermost clause being parsed

	diag    bool
	far     int          // farthest token index with an expectation
	farHead clause       // the clause in effect when far was first reached
	exp     []expectItem // what was expected at far, in test order
}

// clause is the head of a construct for error messages: n tokens from
// start (a statement's keyword and id, "op monitor", "params").
type clause struct{ start, n int }

// expectItem is one thing the parser would have accepted.
type expectItem struct {
	keyword bool // a literal word or bracket, else a description
	text    string
}

// failed is panicked by fastParser methods to give up; parse recovers it.
type failed struct{}

func fastParse(toks []lexer.Token) (st *Statement, ok bool) {
	p := fastParser{toks: toks}
	return p.run()
}

func (p *fastParser) run() (st *Statement, ok bool) {
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

// diagnose explains why toks is not a statement. last says whether the
// statement ends the input, so that running out of words means the input
// is incomplete rather than wrong.
func diagnose(toks []lexer.Token, last bool) *Error {
	p := fastParser{toks: toks, diag: true, far: -1}
	if _, ok := p.run(); ok {
		return &Error{Pos: toks[0].Pos, Msg: "syntax error"}
	}
	far := min(max(p.far, p.i), len(toks)-1)
	t := toks[far]
	msg := "unexpected " + describe(t)
	if after := p.after(far); after != "" {
		msg += " after " + after
	}
	if exp := p.expected(); exp != "" {
		msg += ", expected " + exp
	}
	return &Error{Pos: t.Pos, Msg: msg, Incomplete: last && (t.Type == TokEOL || t.Type == lexer.EOF)}
}

// after quotes the words of the clause before token far: its head and,
// when more words came between, the last of them.
func (p *fastParser) after(far int) string {
	h := p.farHead
	end := min(h.start+h.n, far)
	if h.start >= end {
		return ""
	}
	words := make([]string, 0, h.n+2)
	for _, t := range p.toks[h.start:end] {
		words = append(words, shorten(t.Value))
	}
	switch {
	case far-1 == end:
		words = append(words, shorten(p.toks[far-1].Value))
	case far-1 > end:
		words = append(words, "...", shorten(p.toks[far-1].Value))
	}
	return strconv.Quote(strings.Join(words, " "))
}

func shorten(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:37]) + "..."
	}
	return s
}

// expected lists what was expected at the farthest token: descriptions,
// then keywords, then the end of the line.
func (p *fastParser) expected() string {
	var descs, kws []string
	eol := false
	for _, e := range p.exp {
		switch {
		case e.text == expectEOL:
			eol = true
		case e.keyword:
			kws = append(kws, e.text)
		default:
			descs = append(descs, e.text)
		}
	}
	parts := descs
	if eol {
		parts = append(parts, expectEOL)
	}
	switch len(kws) {
	case 0:
	case 1:
		parts = append(parts, kws[0])
	default:
		parts = append(parts, "one of: "+strings.Join(kws, ", "))
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}

const expectEOL = "end of line"

// want records, in diagnose mode, that the current token could have been
// what text says (a keyword when keyword is set).
func (p *fastParser) want(keyword bool, text string) {
	if !p.diag || text == "" {
		return
	}
	switch {
	case p.i > p.far:
		p.far, p.farHead, p.exp = p.i, p.head, p.exp[:0]
	case p.i < p.far:
		return
	}
	if keyword && strings.ContainsAny(text, "()[]{}") {
		text = `"` + text + `"`
	}
	for _, e := range p.exp {
		if e.text == text {
			return
		}
	}
	p.exp = append(p.exp, expectItem{keyword, text})
}

// enter starts a clause whose head is the next n tokens and returns the
// enclosing one, for leave.
func (p *fastParser) enter(n int) clause {
	h := p.head
	p.head = clause{p.i, n}
	return h
}

func (p *fastParser) leave(h clause) { p.head = h }

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

// is reports whether the next token is the literal s; words compare
// case-insensitively, as participle.CaseInsensitive("Word") does. It
// records nothing: see lit.
func (p *fastParser) is(s string) bool {
	t := p.peek()
	if t.Type == TokWord {
		return strings.EqualFold(t.Value, s)
	}
	return t.Value == s
}

func (p *fastParser) isAny(ss ...string) bool {
	for _, s := range ss {
		if p.is(s) {
			return true
		}
	}
	return false
}

// lit is is, recording s as expected when the token is not s.
func (p *fastParser) lit(s string) bool {
	if p.is(s) {
		return true
	}
	p.want(true, s)
	return false
}

func (p *fastParser) litAny(ss ...string) bool {
	for _, s := range ss {
		if p.is(s) {
			return true
		}
	}
	for _, s := range ss {
		p.want(true, s)
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

// in reports whether the next token is of one of the classes.
func (p *fastParser) in(cls int) bool {
	t := p.peek().Type
	return t > 0 && t < 32 && cls&(1<<t) != 0
}

// at is in, recording what as expected when the token is not in cls.
func (p *fastParser) at(cls int, what string) bool {
	if p.in(cls) {
		return true
	}
	p.want(false, what)
	return false
}

// opt takes the next token if it is in cls (what describes it for errors,
// "" for an option not worth listing).
func (p *fastParser) opt(cls int, what string) lexer.Token {
	if p.at(cls, what) {
		return p.next()
	}
	return lexer.Token{}
}

func (p *fastParser) must(cls int, what string) lexer.Token {
	if !p.at(cls, what) {
		p.fail()
	}
	return p.next()
}

// Descriptions of what the grammar expects, for error messages.
const (
	wantID       = "an id"
	wantName     = "a name"
	wantNVPair   = "a name=value pair"
	wantResource = "a resource"
	wantRscList  = "a resource or set"
	wantValue    = "a value"
	wantExpr     = "an expression (<attribute> <op> <value>, defined <attribute> or date ...)"
	wantOperator = "an operator ([<type>:]lt, gt, lte, gte, eq or ne)"
	wantDateFld  = "a date field (start=, end=, hours=, weekdays=, ...)"
	wantStmt     = "a statement (node, primitive, group, clone, ms, bundle, rsc_template, location, colocation, order, rsc_ticket, property, rsc_defaults, op_defaults, fencing_topology, tag, role, acl_target, acl_group, user, alert, monitor)"
)
