package grammar

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// parser parses one statement; a script is cut into statements at the
// end-of-line tokens and each is parsed on its own, so that one bad
// statement does not hide the errors of the others.
var parser = participle.MustBuild[Statement](
	participle.Lexer(Lexer),
	participle.CaseInsensitive("Word"),
	// No backtracking once a production has taken a token: the grammar is
	// LL(1) (the one place that needs two tokens uses a lookahead group),
	// and errors are then reported where the input went wrong.
	participle.UseLookahead(0),
)

// EBNF returns the grammar in EBNF, as participle derives it from the AST.
func EBNF() string { return parser.String() }

// Script is a parsed crm configure script.
type Script struct {
	Statements []*Statement
	// Trailing holds comment lines after the last statement.
	Trailing []string
}

// ParseString parses a script. It returns the statements that parsed and,
// when some did not, an ErrorList with one error per bad statement; a
// caller that wants all or nothing treats any error as fatal.
func ParseString(filename, src string) (*Script, error) {
	toks := lexAll(filename, src)
	script := &Script{Statements: make([]*Statement, 0, len(toks)/12+1)}
	var errs ErrorList
	var comments []string
	for i := 0; i < len(toks); {
		j := statementEnd(toks, i)
		stmt := toks[i:j:j]
		i = j
		if stmt[0].Type == TokComment {
			comments = append(comments, stmt[0].Value)
			continue
		}
		st, err := parseTokens(stmt, j == len(toks))
		if err != nil {
			errs = append(errs, err)
			comments = nil
			continue
		}
		st.Comments = comments
		comments = nil
		script.Statements = append(script.Statements, st)
	}
	script.Trailing = comments
	if len(errs) > 0 {
		return script, errs
	}
	return script, nil
}

// ParseStatement parses text holding a single statement (possibly over
// several continuation lines, possibly preceded by comment lines), as typed
// at the interactive shell. Text that ends before the statement is
// complete gives an *Error with Incomplete set. Text holding only comments
// or blanks gives a nil statement and no error.
func ParseStatement(filename, src string) (*Statement, error) {
	toks := lexAll(filename, src)
	var comments []string
	var st *Statement
	for i := 0; i < len(toks); {
		j := statementEnd(toks, i)
		stmt := toks[i:j:j]
		i = j
		if stmt[0].Type == TokComment {
			comments = append(comments, stmt[0].Value)
			continue
		}
		if st != nil {
			return nil, errorf(stmt[0].Pos, "unexpected %s: one statement expected", describe(stmt[0]))
		}
		var err *Error
		st, err = parseTokens(stmt, j == len(toks))
		if err != nil {
			return nil, err
		}
		st.Comments = comments
	}
	return st, nil
}

// lexAll returns every token of src: statements end with an EOL token;
// comments and lexical errors are single tokens.
func lexAll(filename, src string) []lexer.Token {
	s := newScanner(filename, src)
	s.buf = make([]lexer.Token, 0, len(src)/6+4)
	for !s.done {
		s.statement()
		if s.err != nil {
			e := s.err.(*Error)
			s.err = nil
			s.skipLine()
			typ := tokLexError
			if e.Incomplete {
				typ = tokLexIncomplete
			}
			s.buf = append(s.buf, lexer.Token{Type: typ, Value: e.Msg, Pos: e.Pos})
		}
	}
	return s.buf
}

// statementEnd returns the end of the statement starting at toks[i].
func statementEnd(toks []lexer.Token, i int) int {
	switch toks[i].Type {
	case TokComment, tokLexError, tokLexIncomplete:
		return i + 1
	}
	for j := i; j < len(toks); j++ {
		if toks[j].Type == TokEOL {
			return j + 1
		}
	}
	return len(toks)
}

// skipLine moves past the rest of the current line after a lexical error.
func (s *scanner) skipLine() {
	for s.off < len(s.src) && s.src[s.off] != '\n' {
		s.adv()
	}
	if s.off < len(s.src) {
		s.adv()
	} else {
		s.done = true
	}
}

// Pseudo token types for lexical errors inside statementTokens.
const (
	tokLexError lexer.TokenType = 100 + iota
	tokLexIncomplete
)

// sliceLexer replays a statement's tokens to participle.
type sliceLexer struct {
	toks []lexer.Token
	i    int
	eof  lexer.Position
}

func (l *sliceLexer) Next() (lexer.Token, error) {
	if l.i < len(l.toks) {
		t := l.toks[l.i]
		l.i++
		return t, nil
	}
	return lexer.EOFToken(l.eof), nil
}

// parseTokens parses the tokens of one statement. last says whether the
// statement is the last of the input, so that running out of tokens means
// the input is incomplete rather than wrong.
func parseTokens(toks []lexer.Token, last bool) (*Statement, *Error) {
	for _, t := range toks {
		switch t.Type {
		case tokLexError:
			return nil, &Error{Pos: t.Pos, Msg: t.Value}
		case tokLexIncomplete:
			return nil, &Error{Pos: t.Pos, Msg: t.Value, Incomplete: true}
		}
	}
	if st, ok := fastParse(toks); ok {
		return st, nil
	}
	return slowParse(toks, last)
}

// slowParse parses a statement with participle. Participle's panics
// (which would be bugs in the grammar) become errors.
func slowParse(toks []lexer.Token, last bool) (st *Statement, e *Error) {
	end := toks[len(toks)-1].Pos
	defer func() {
		if r := recover(); r != nil {
			st, e = nil, &Error{Pos: toks[0].Pos, Msg: fmt.Sprintf("internal parser error: %v", r)}
		}
	}()
	pl, err := lexer.Upgrade(&sliceLexer{toks: toks, eof: end})
	if err != nil {
		return nil, &Error{Pos: end, Msg: err.Error()}
	}
	st, err = parser.ParseFromLexer(pl)
	if err != nil {
		return nil, convertError(err, toks, last)
	}
	return st, nil
}

// convertError turns a participle error into an *Error with a message of
// the form `unexpected <found>, expected <what>`.
func convertError(err error, toks []lexer.Token, last bool) *Error {
	var ut *participle.UnexpectedTokenError
	if errors.As(err, &ut) {
		t := ut.Unexpected
		e := &Error{Pos: t.Pos}
		e.Msg = "unexpected " + describe(t)
		exp := expected(ut)
		if t.Pos == toks[0].Pos && t.Type != TokEOL {
			exp = "a statement (" + strings.Join(statementKeywords, ", ") + ")"
		} else if exp != "" {
			exp = humanize(strings.ToLower(toks[0].Value), exp)
			if exp == "a name" && len(toks) > 1 && t.Pos == toks[1].Pos {
				exp = "an id"
			}
		}
		if exp != "" {
			e.Msg += ", expected " + exp
		}
		e.Incomplete = last && (t.Type == TokEOL || t.Type == lexer.EOF)
		return e
	}
	var pe participle.Error
	if errors.As(err, &pe) {
		return &Error{Pos: pe.Position(), Msg: pe.Message()}
	}
	return &Error{Pos: toks[0].Pos, Msg: err.Error()}
}

var statementKeywords = []string{
	"node", "primitive", "group", "clone", "ms", "bundle", "rsc_template",
	"location", "colocation", "order", "rsc_ticket", "property",
	"rsc_defaults", "op_defaults", "fencing_topology", "tag", "role",
	"acl_target", "acl_group", "user", "alert", "monitor",
}

// expected returns participle's EBNF fragment of what the grammar wanted,
// taken from its message "unexpected token X (expected Y)".
func expected(ut *participle.UnexpectedTokenError) string {
	m := ut.Message()
	i := strings.LastIndex(m, "(expected ")
	if i < 0 || !strings.HasSuffix(m, ")") {
		return ""
	}
	return m[i+len("(expected ") : len(m)-1]
}

// firstTerm returns the first term of an EBNF sequence.
func firstTerm(s string) string {
	depth := 0
	quoted := false
	for i, r := range s {
		if r == '"' {
			quoted = !quoted
		}
		if quoted {
			continue
		}
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case ' ':
			if depth == 0 {
				return s[:i]
			}
		}
	}
	return s
}

// Descriptions of the token classes and productions in error messages.
var (
	termWords = map[string]string{
		"<word>": "a name", "<colon>": "<name>:<name>", "<label>": "<score>:",
		"<assign>": "<name>=<value>", "<desc>": "description=<text>",
		"<idspec>": "$id=<id>", "<dollar>": "$<name>=<value>", "<at>": "@<id>",
		"<punct>": "a bracket", "<eol>": "end of line",
		"SetItem": "a resource", "SetItem+": "a resource", "LocScore": "<score>: <node>",
		"Rule": "rule", "Rule+": "rule", "DateExpr": "lt, gt, in, in_range, spec or date_spec",
		"DateField": "a date field (start=, end=, hours=, weekdays=, ...)", "DateField+": "a date field (start=, end=, hours=, weekdays=, ...)",
		"RecipBody": "a recipient", "Expr": "an expression", "NVPair": "<name>=<value>",
		"LocationSet": "{ <resources> }",
	}
	// overrides for whole fragments
	fragOverrides = map[string]string{
		"(<word> | <colon>) (<word> | <colon> | <label> | <assign> | <desc> | <idspec> | <dollar> | <at> | <punct>)": "an operator ([<type>:]lt, gt, lte, gte, eq or ne)",
		"(<word> | <colon> | <label> | <assign> | <desc> | <idspec> | <dollar> | <at> | <punct>)":                    "a value",
		"(<word> | <colon> | <label>)": "a name",
	}
	// overrides for the first term of a statement's position
	termOverrides = map[string]string{
		"primitive (<word> | <colon> | <at>)":    "an agent [<class>:[<provider>:]]<type> or @<template>",
		"rsc_template (<word> | <colon> | <at>)": "an agent [<class>:[<provider>:]]<type>",
		"colocation <label>":                     "<score>:",
		"rsc_ticket <label>":                     "<ticket>:",
		"location (LocationSet | (<word> | <colon> | <label> | <assign> | <at>))":                       "a resource, /<pattern>/ or { <resources> }",
		"group ((?! \"params\" | \"meta\") (<word> | <colon> | <label> | <at>))+":                       "a resource",
		"tag (<word> | <colon> | <label> | <at>)+":                                                      "a resource",
		"alert (<word> | <colon> | <label> | <assign> | <desc> | <idspec> | <dollar> | <at> | <punct>)": "the alert agent's path",
		"primitive (<word> | <colon> | <label>)":                                                        "an op name",
		"node (<word> | <colon>)":                                                                       "<uname>[:<type>]",
	}
)

// humanize rewrites participle's EBNF fragment of what was expected into
// words a user of the crm shell understands.
func humanize(stmt, frag string) string {
	if s, ok := fragOverrides[frag]; ok {
		return s
	}
	term := firstTerm(frag)
	if strings.Contains(term, "RecipBody") {
		return "a recipient"
	}
	if s, ok := termOverrides[stmt+" "+term]; ok {
		return s
	}
	if s, ok := termWords[term]; ok {
		return s
	}
	inner := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(term, "+"), "*"), "?")
	inner = strings.TrimSuffix(strings.TrimPrefix(inner, "("), ")")
	var alts []string
	for _, a := range strings.Split(inner, " | ") {
		a = strings.TrimSpace(a)
		if !strings.HasPrefix(a, `"`) {
			a = strings.Trim(a, "()")
		}
		if w, ok := termWords[a]; ok {
			a = w
		}
		if !slices.Contains(alts, a) {
			alts = append(alts, a)
		}
	}
	switch len(alts) {
	case 1:
		return alts[0]
	case 2:
		return alts[0] + " or " + alts[1]
	}
	return "one of " + strings.Join(alts, ", ")
}
