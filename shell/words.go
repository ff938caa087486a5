package shell

import (
	"errors"
	"fmt"
	"strings"
)

// Pos is a position in the input: file (<stdin> for standard input, empty
// for the interactive prompt), line and column, both from 1.
type Pos struct {
	File      string
	Line, Col int
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.File == "":
		return fmt.Sprintf("%d:%d", p.Line, p.Col)
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// advance returns the position of byte offset off in text that starts at p.
func (p Pos) advance(text string, off int) Pos {
	for i := 0; i < off && i < len(text); i++ {
		if text[i] == '\n' {
			p.Line++
			p.Col = 1
		} else if text[i]&0xC0 != 0x80 { // count runes, not bytes
			p.Col++
		}
	}
	return p
}

// PosError is an error at a position of the input.
type PosError struct {
	Pos Pos
	Err error
}

func (e *PosError) Error() string {
	if e.Pos.Line == 0 && e.Pos.File == "" {
		return e.Err.Error()
	}
	return e.Pos.String() + ": " + e.Err.Error()
}

func (e *PosError) Unwrap() error { return e.Err }

// errUnterminated is returned by splitWords for an open quote: the REPL
// reads a continuation line.
var errUnterminated = errors.New("unterminated quoted string")

// word is one shell word and the byte offset where it starts.
type word struct {
	text string
	off  int
}

// splitWords splits a command line into words as a POSIX shell would:
// blanks separate words; '...' quotes literally; "..." quotes with \
// escaping \ and "; outside quotes \ escapes the next character, and a
// backslash-newline is a blank. An unterminated quote returns the words so
// far, the partial last word and errUnterminated.
func splitWords(line string) ([]word, error) {
	var out []word
	var cur strings.Builder
	in := false // inside a word
	start := 0
	var quote byte
	for i := 0; i < len(line); i++ {
		ch := line[i]
		switch {
		case quote == '\'':
			if ch == '\'' {
				quote = 0
			} else {
				cur.WriteByte(ch)
			}
		case quote == '"':
			switch {
			case ch == '"':
				quote = 0
			case ch == '\\' && i+1 < len(line) && (line[i+1] == '"' || line[i+1] == '\\'):
				i++
				cur.WriteByte(line[i])
			default:
				cur.WriteByte(ch)
			}
		case ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r':
			if in {
				out = append(out, word{cur.String(), start})
				cur.Reset()
				in = false
			}
		case ch == '\\' && i+1 < len(line) && line[i+1] == '\n':
			i++ // continuation: a blank
			if in {
				out = append(out, word{cur.String(), start})
				cur.Reset()
				in = false
			}
		default:
			if !in {
				in, start = true, i
			}
			switch {
			case ch == '\'' || ch == '"':
				quote = ch
			case ch == '\\' && i+1 < len(line):
				i++
				cur.WriteByte(line[i])
			default:
				cur.WriteByte(ch)
			}
		}
	}
	if in || quote != 0 {
		out = append(out, word{cur.String(), start})
	}
	if quote != 0 {
		return out, errUnterminated
	}
	return out, nil
}

// quoteWord quotes s for a command line when it needs quoting.
func quoteWord(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\r\n'\"\\$`#;&|<>(){}*?[]") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// firstWord returns the first blank-separated word of text and its offset.
func firstWord(text string) (string, int) {
	i := 0
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	j := i
	for j < len(text) && text[j] != ' ' && text[j] != '\t' && text[j] != '\n' && text[j] != '\\' {
		j++
	}
	return text[i:j], i
}
