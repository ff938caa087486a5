package grammar

import (
	"sync"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// slowParser is the participle parser of the grammar in ast.go, the
// definition of the language. It is built on first use (building it takes
// milliseconds, which would be most of crm's start-up): for EBNF, and as a
// second opinion on statements the fast parser rejects.
var slowParser = sync.OnceValue(func() *participle.Parser[Statement] {
	return participle.MustBuild[Statement](
		participle.Lexer(Lexer),
		participle.CaseInsensitive("Word"),
		// No backtracking once a production has taken a token: the
		// grammar is LL(1) (the one place that needs two tokens uses a
		// lookahead group).
		participle.UseLookahead(0),
	)
})

// EBNF returns the grammar in EBNF, as participle derives it from the AST.
func EBNF() string { return slowParser().String() }

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
	if st := slowParse(toks); st != nil {
		return st, nil
	}
	return nil, diagnose(toks, last)
}

// slowParse is the error path: participle parses the statement the fast
// parser rejected (the two agree on every input the tests and the fuzzer
// try, so this is a safety net); when participle rejects it too, the fast
// parser explains why. Participle's panics (bugs in the grammar) count as
// rejections.
func slowParse(toks []lexer.Token) *Statement {
	defer func() { recover() }()
	pl, err := lexer.Upgrade(&sliceLexer{toks: toks, eof: toks[len(toks)-1].Pos})
	if err != nil {
		return nil
	}
	st, err := slowParser().ParseFromLexer(pl)
	if err != nil {
		return nil
	}
	return st
}
