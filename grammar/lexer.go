package grammar

import (
	"io"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// Token types of the crm configure language. A token is one shell word of
// a statement after crmsh's quote removal (so `ip="10.0.0.1"` and
// ip=10.0.0.1 are the same token); its type says what the word looks
// like, which is all crmsh's own parser ever looks at.
const (
	TokEOL     lexer.TokenType = iota + 1 // end of a statement
	TokComment                            // a line starting with #
	TokWord                               // plain word: no '=', no ':'
	TokColon                              // word with an inner ':' (ocf:heartbeat:Dummy, ms1:Master)
	TokLabel                              // word ending in its only ':' (inf:, node1:)
	TokAssign                             // name=value
	TokDesc                               // description=value (value not empty)
	TokIDSpec                             // $id=value or $id-ref=value
	TokDollar                             // any other $name=value ($role=Master, $nvid:name=value)
	TokAt                                 // @reference
	TokPunct                              // ( ) [ ] { }
)

var tokenNames = map[string]lexer.TokenType{
	"EOF":     lexer.EOF,
	"EOL":     TokEOL,
	"Comment": TokComment,
	"Word":    TokWord,
	"Colon":   TokColon,
	"Label":   TokLabel,
	"Assign":  TokAssign,
	"Desc":    TokDesc,
	"IDSpec":  TokIDSpec,
	"Dollar":  TokDollar,
	"At":      TokAt,
	"Punct":   TokPunct,
}

// Lexer is the lexer.Definition of the crm configure language. It follows
// crmsh: statements end at a newline unless the line ends with a backslash
// (the backslash, the newline and the next line's leading blanks are
// dropped, so a word may continue on the next line); words are split at
// blanks and unquoted like Python's shlex in POSIX mode; a line whose first
// non-blank character is # is a comment. In resource lists of constraints
// a leading ( or [ and a trailing ) or ] are split off a word, as crmsh does.
var Lexer lexer.Definition = lexDef{}

type lexDef struct{}

func (lexDef) Symbols() map[string]lexer.TokenType { return tokenNames }

func (d lexDef) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return d.LexString(filename, string(b))
}

func (lexDef) LexString(filename, s string) (lexer.Lexer, error) {
	return newScanner(filename, s), nil
}

func (d lexDef) LexBytes(filename string, b []byte) (lexer.Lexer, error) {
	return d.LexString(filename, string(b))
}

// scanner produces the tokens of one statement at a time.
type scanner struct {
	src  string
	file string
	off  int
	line int
	col  int

	buf  []lexer.Token
	next int
	err  error
	done bool

	// per statement
	cmd    string // first word, lower case
	nwords int
	braces bool // inside { } of a location
	// index in buf of the statement's first token
	stmtStart int
	sb        strings.Builder
}

func newScanner(file, src string) *scanner {
	return &scanner{src: src, file: file, line: 1, col: 1}
}

func (s *scanner) pos() lexer.Position {
	return lexer.Position{Filename: s.file, Offset: s.off, Line: s.line, Column: s.col}
}

// adv moves past one byte.
func (s *scanner) adv() {
	c := s.src[s.off]
	s.off++
	if c == '\n' {
		s.line++
		s.col = 1
	} else if c&0xC0 != 0x80 {
		s.col++
	}
}

func (s *scanner) Next() (lexer.Token, error) {
	for s.next >= len(s.buf) {
		if s.err != nil {
			return lexer.Token{}, s.err
		}
		if s.done {
			return lexer.EOFToken(s.pos()), nil
		}
		s.buf = s.buf[:0]
		s.next = 0
		s.statement()
	}
	t := s.buf[s.next]
	s.next++
	return t, nil
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' }

// continuation reports whether the backslash at off starts a line
// continuation: a run of backslashes followed by blanks up to the end of
// the line (or of the input).
func (s *scanner) continuation(off int) bool {
	j := off
	for j < len(s.src) && s.src[j] == '\\' {
		j++
	}
	for j < len(s.src) && isBlank(s.src[j]) {
		j++
	}
	return j == len(s.src) || s.src[j] == '\n'
}

// skipContinuation moves past a continuation (see continuation) and the
// leading blanks of the next line. It reports false when the input ends
// there, which leaves the statement incomplete.
func (s *scanner) skipContinuation() bool {
	for s.off < len(s.src) && s.src[s.off] != '\n' {
		s.adv()
	}
	if s.off == len(s.src) {
		return false
	}
	s.adv() // newline
	for s.off < len(s.src) && isBlank(s.src[s.off]) {
		s.adv()
	}
	return s.off < len(s.src)
}

// statement scans one logical line into s.buf.
func (s *scanner) statement() {
	for {
		for s.off < len(s.src) && isBlank(s.src[s.off]) {
			s.adv()
		}
		if s.off == len(s.src) {
			s.done = true
			return
		}
		switch s.src[s.off] {
		case '\n':
			s.adv()
			continue
		case '#':
			s.comment()
			return
		}
		break
	}
	s.cmd, s.nwords, s.braces = "", 0, false
	s.stmtStart = len(s.buf)
	for {
		for s.off < len(s.src) && isBlank(s.src[s.off]) {
			s.adv()
		}
		if s.off == len(s.src) {
			s.emit(TokEOL, "", s.pos())
			return
		}
		c := s.src[s.off]
		if c == '\n' {
			s.emit(TokEOL, "\n", s.pos())
			s.adv()
			return
		}
		if c == '\\' && s.continuation(s.off) {
			if !s.skipContinuation() {
				s.fail(&Error{Pos: s.pos(), Msg: "unexpected end of input after line continuation", Incomplete: true})
				return
			}
			continue
		}
		if !s.word() {
			return
		}
	}
}

// comment scans a comment line; like crmsh it continues over lines that
// end with a backslash.
func (s *scanner) comment() {
	p := s.pos()
	start := s.off
	joined := false
	s.sb.Reset()
	for s.off < len(s.src) && s.src[s.off] != '\n' {
		if s.src[s.off] == '\\' && s.continuation(s.off) {
			s.sb.WriteString(s.src[start:s.off])
			joined = true
			if !s.skipContinuation() {
				start = s.off
				break
			}
			start = s.off
			continue
		}
		s.adv()
	}
	text := s.src[start:s.off]
	if joined {
		s.sb.WriteString(text)
		text = s.sb.String()
	}
	s.emit(TokComment, strings.TrimRight(text, " \t\r\f\v"), p)
}

// word scans one shell word at s.off and emits its token(s).
func (s *scanner) word() bool {
	p := s.pos()
	start := s.off
	plain := true // value is s.src[start:s.off]
	s.sb.Reset()
	flush := func() {
		if plain {
			s.sb.WriteString(s.src[start:s.off])
			plain = false
		}
	}
loop:
	for s.off < len(s.src) {
		c := s.src[s.off]
		switch {
		case isBlank(c) || c == '\n':
			break loop
		case c == '\\' && s.continuation(s.off):
			flush()
			if !s.skipContinuation() {
				s.fail(&Error{Pos: s.pos(), Msg: "unexpected end of input after line continuation", Incomplete: true})
				return false
			}
		case c == '\\':
			flush()
			s.adv()
			if s.off == len(s.src) || s.src[s.off] == '\n' {
				s.fail(&Error{Pos: p, Msg: "unexpected end of line after escape character"})
				return false
			}
			s.sb.WriteByte(s.src[s.off])
			s.adv()
		case c == '"' || c == '\'':
			flush()
			if !s.quoted(c) {
				return false
			}
		default:
			if !plain {
				s.sb.WriteByte(c)
			}
			s.adv()
		}
	}
	v := s.src[start:s.off]
	if !plain {
		v = s.sb.String()
	}
	s.addWord(v, p, s.off)
	return true
}

// quoted scans a quoted part of a word starting at the quote q.
func (s *scanner) quoted(q byte) bool {
	p := s.pos()
	s.adv()
	for s.off < len(s.src) {
		c := s.src[s.off]
		switch {
		case c == q:
			s.adv()
			return true
		case c == '\\' && s.continuation(s.off):
			if !s.skipContinuation() {
				s.fail(&Error{Pos: s.pos(), Msg: "unexpected end of input after line continuation", Incomplete: true})
				return false
			}
		case c == '\n':
			s.fail(&Error{Pos: p, Msg: "unterminated quoted string"})
			return false
		case c == '\\' && q == '"' && s.off+1 < len(s.src) && (s.src[s.off+1] == '"' || s.src[s.off+1] == '\\'):
			s.adv()
			s.sb.WriteByte(s.src[s.off])
			s.adv()
		default:
			s.sb.WriteByte(c)
			s.adv()
		}
	}
	s.fail(&Error{Pos: p, Msg: "unterminated quoted string"})
	return false
}

// fail records a lexical error; the statement's tokens are dropped.
func (s *scanner) fail(e *Error) {
	s.err = e
	s.buf = s.buf[:s.stmtStart]
}

// addWord classifies a word and emits it, splitting set brackets off
// resource lists the way crmsh's ResourceSet does.
func (s *scanner) addWord(v string, p lexer.Position, end int) {
	idx := s.nwords
	s.nwords++
	if idx == 0 {
		v = strings.ToLower(v)
		s.cmd = v
	}
	split := false
	switch s.cmd {
	case "colocation", "collocation", "order", "rsc_ticket":
		split = idx >= 2
	case "location":
		if idx >= 2 {
			switch v {
			case "{":
				s.braces = true
			case "}":
				s.braces = false
			default:
				split = s.braces
			}
		}
	}
	if split && len(v) > 1 && classify(v) != TokLabel {
		switch {
		case v[0] == '(' || v[0] == '[':
			s.emit(TokPunct, v[:1], p)
			q := p
			q.Offset++
			q.Column++
			s.emit(classify(v[1:]), v[1:], q)
			return
		case v[len(v)-1] == ')' || v[len(v)-1] == ']':
			s.emit(classify(v[:len(v)-1]), v[:len(v)-1], p)
			q := p
			q.Offset = end - 1
			q.Column = s.col - 1
			q.Line = s.line
			s.emit(TokPunct, v[len(v)-1:], q)
			return
		}
	}
	s.emit(classify(v), v, p)
}

func (s *scanner) emit(t lexer.TokenType, v string, p lexer.Position) {
	s.buf = append(s.buf, lexer.Token{Type: t, Value: v, Pos: p})
}

// classify gives the type of an unquoted word.
func classify(v string) lexer.TokenType {
	if v == "" {
		return TokWord
	}
	if len(v) == 1 {
		switch v[0] {
		case '(', ')', '[', ']', '{', '}':
			return TokPunct
		}
	}
	eq := strings.IndexByte(v, '=')
	switch v[0] {
	case '$':
		if eq > 0 {
			if n := v[:eq]; strings.EqualFold(n, "$id") || strings.EqualFold(n, "$id-ref") {
				return TokIDSpec
			}
			return TokDollar
		}
	case '@':
		return TokAt
	}
	if eq > 0 {
		if eq < len(v)-1 && strings.EqualFold(v[:eq], "description") {
			return TokDesc
		}
		return TokAssign
	}
	if eq == 0 {
		return TokWord
	}
	c := strings.IndexByte(v, ':')
	switch {
	case c < 0:
		return TokWord
	case c == len(v)-1 && len(v) > 1:
		return TokLabel
	}
	return TokColon
}
