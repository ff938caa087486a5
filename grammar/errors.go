package grammar

import (
	"fmt"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// Error is a syntax or semantic error in crm configure text. Its message
// starts with the position (file:line:col, or line:col when the text has
// no file name).
type Error struct {
	Pos lexer.Position
	Msg string
	// Incomplete is set when the input ended inside a statement: after a
	// line continuation, inside an open set bracket or before a required
	// part. An interactive shell shows a continuation prompt and reads
	// more instead of reporting the error.
	Incomplete bool
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// ErrorList is every error found in a script, in input order.
type ErrorList []*Error

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap lets errors.As find the individual errors.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

func errorf(pos lexer.Position, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// describe renders a token for an error message.
func describe(t lexer.Token) string {
	switch t.Type {
	case lexer.EOF:
		return "end of input"
	case TokEOL:
		if t.Value == "" {
			return "end of input"
		}
		return "end of line"
	case TokComment:
		return "comment"
	}
	return fmt.Sprintf("%q", t.Value)
}
