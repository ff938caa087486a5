package xmltree

import (
	"bytes"
	"fmt"
	"strings"
	"unsafe"
)

// MaxDepth is how deeply elements may nest. It is libxml2's default limit,
// so a document deeper than this could not be read by Pacemaker either; the
// limit also bounds the recursion of everything that walks a tree.
const MaxDepth = 256

// Scanner is a pull parser for the XML that Pacemaker writes: an optional
// XML declaration, elements, attributes quoted with ' or ", text, CDATA
// sections, the predefined entities and character references, comments and
// processing instructions. A DOCTYPE is rejected, so no entity is ever
// expanded. The scanner checks well-formedness: one root element, matching
// end tags, unique attribute names, valid names, characters and UTF-8.
//
// Strings in the tokens of a byte scanner (see NewScanner) are substrings
// of the input: they are made by one unsafe.String over the input, so the
// input must not be modified while any of them is in use. Only text and
// attribute values that contain entity or character references, carriage
// returns or (in attribute values) tabs and newlines are copied.
type Scanner struct {
	// SkipBlank, when set, suppresses CharData tokens that hold only
	// whitespace (the indentation between elements).
	SkipBlank bool

	data []byte
	str  string // the same bytes as data, as an (unsafe) string
	pos  int
	err  error

	names   []string // open elements
	offs    []int    // their offsets, for errors
	attrs   []Attr   // reused by every StartElement
	scratch []byte   // unescaping buffer

	pendingEnd bool // the last StartElement was self-closing
	rootSeen   bool
	rootDone   bool

	tree *treeWalk // non-nil for a tree scanner
}

// NewScanner returns a scanner over data. The tokens' strings alias data
// (see Scanner), so data must not be modified afterwards.
func NewScanner(data []byte) *Scanner {
	s := &Scanner{data: data}
	if len(data) > 0 {
		s.str = unsafe.String(unsafe.SliceData(data), len(data))
	}
	s.prolog()
	return s
}

// Position returns the 1-based line and byte column of an offset in the
// input (0, 0 for a tree scanner or a negative offset).
func (s *Scanner) Position(offset int) (line, col int) {
	if s.tree != nil || offset < 0 {
		return 0, 0
	}
	if offset > len(s.data) {
		offset = len(s.data)
	}
	head := s.data[:offset]
	line = 1 + bytes.Count(head, nl)
	col = offset - bytes.LastIndexByte(head, '\n')
	return line, col
}

var nl = []byte{'\n'}

// Errorf returns a *SyntaxError positioned at offset.
func (s *Scanner) Errorf(offset int, format string, args ...any) error {
	line, col := s.Position(offset)
	return &SyntaxError{Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// Depth is the number of elements open after the last token.
func (s *Scanner) Depth() int {
	if s.tree != nil {
		return len(s.tree.stack)
	}
	return len(s.names)
}

func (s *Scanner) fail(offset int, format string, args ...any) (Token, error) {
	s.err = s.Errorf(offset, format, args...)
	return Token{}, s.err
}

// Next returns the next token. After an error every call returns the same
// error. At the end of a well-formed document it returns a token of kind
// EOF and a nil error.
func (s *Scanner) Next() (Token, error) {
	if s.err != nil {
		return Token{}, s.err
	}
	if s.tree != nil {
		return s.nextTree()
	}
	if s.pendingEnd {
		s.pendingEnd = false
		n := len(s.names) - 1
		tok := Token{Kind: EndElement, Name: s.names[n], Offset: s.offs[n]}
		s.pop()
		return tok, nil
	}
	for {
		if s.pos >= len(s.data) {
			return s.eof()
		}
		if s.data[s.pos] != '<' {
			tok, ok, err := s.text()
			if err != nil || ok {
				return tok, err
			}
			continue
		}
		if s.pos+1 >= len(s.data) {
			return s.fail(s.pos, "unexpected end of input after <")
		}
		switch s.data[s.pos+1] {
		case '/':
			return s.endTag()
		case '!':
			tok, ok, err := s.bang()
			if err != nil || ok {
				return tok, err
			}
		case '?':
			return s.procInst()
		default:
			return s.startTag()
		}
	}
}

func (s *Scanner) eof() (Token, error) {
	if n := len(s.names); n > 0 {
		return s.fail(len(s.data), "unexpected end of input: <%s> (at %s) is not closed",
			s.names[n-1], s.where(s.offs[n-1]))
	}
	if !s.rootSeen {
		return s.fail(len(s.data), "no root element")
	}
	return Token{Kind: EOF, Offset: len(s.data)}, nil
}

func (s *Scanner) where(offset int) string {
	line, col := s.Position(offset)
	return fmt.Sprintf("%d:%d", line, col)
}

func (s *Scanner) push(name string, offset int) bool {
	if len(s.names) >= MaxDepth {
		s.err = s.Errorf(offset, "elements nested more than %d deep", MaxDepth)
		return false
	}
	s.names = append(s.names, name)
	s.offs = append(s.offs, offset)
	return true
}

func (s *Scanner) pop() {
	n := len(s.names) - 1
	s.names = s.names[:n]
	s.offs = s.offs[:n]
	if n == 0 {
		s.rootDone = true
	}
}

// prolog skips a UTF-8 byte order mark and the XML declaration.
func (s *Scanner) prolog() {
	if strings.HasPrefix(s.str, "\xef\xbb\xbf") {
		s.pos = 3
	}
	rest := s.str[s.pos:]
	if len(rest) < 6 || rest[:5] != "<?xml" || !isSpace(rest[5]) {
		return
	}
	end := strings.Index(rest, "?>")
	if end < 0 {
		s.err = s.Errorf(s.pos, "unterminated XML declaration")
		return
	}
	if msg := checkDecl(rest[5:end]); msg != "" {
		s.err = s.Errorf(s.pos, "XML declaration: %s", msg)
		return
	}
	s.pos += end + 2
}

// checkDecl checks the pseudo-attributes of the XML declaration: version
// 1.0 (required), encoding UTF-8 or ASCII, standalone yes or no.
func checkDecl(body string) string {
	seen := 0
	for {
		body = strings.TrimLeft(body, " \t\r\n")
		if body == "" {
			break
		}
		name, rest, ok := strings.Cut(body, "=")
		if !ok {
			return fmt.Sprintf("malformed %q", body)
		}
		name = strings.TrimRight(name, " \t\r\n")
		rest = strings.TrimLeft(rest, " \t\r\n")
		if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
			return fmt.Sprintf("%s: value must be quoted", name)
		}
		end := strings.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return fmt.Sprintf("%s: unterminated value", name)
		}
		val := rest[1 : 1+end]
		body = rest[2+end:]
		switch {
		case name == "version" && seen == 0:
			if val != "1.0" {
				return fmt.Sprintf("unsupported version %q, want 1.0", val)
			}
		case name == "encoding" && seen == 1:
			switch strings.ToLower(val) {
			case "utf-8", "utf8", "us-ascii", "ascii":
			default:
				return fmt.Sprintf("unsupported encoding %q: convert the file to UTF-8", val)
			}
		case name == "standalone" && seen >= 1 && seen <= 2:
			if val != "yes" && val != "no" {
				return fmt.Sprintf("standalone=%q, want yes or no", val)
			}
			seen = 2
		default:
			return fmt.Sprintf("unexpected %q", name)
		}
		seen++
		if body != "" && !isSpace(body[0]) {
			return "missing space between pseudo-attributes"
		}
	}
	if seen == 0 {
		return "version is missing"
	}
	return ""
}
