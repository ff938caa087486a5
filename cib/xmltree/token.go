package xmltree

import "fmt"

// TokenKind tells what a Token is.
type TokenKind uint8

const (
	EOF          TokenKind = iota // end of input; every element was closed
	StartElement                  // <name attr="value"...> or <name/>
	EndElement                    // </name>, or right after a self-closing start
	CharData                      // text or CDATA inside the root element
	Comment                       // <!--...-->
	ProcInst                      // <?target data?> other than the XML declaration
)

var kindNames = [...]string{"EOF", "StartElement", "EndElement", "CharData", "Comment", "ProcInst"}

func (k TokenKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("TokenKind(%d)", k)
}

// Token is one piece of an XML document as the Scanner reports it.
type Token struct {
	Kind TokenKind
	// Name is the element name (StartElement, EndElement) or the
	// processing-instruction target (ProcInst).
	Name string
	// Attrs are the attributes of a StartElement in document order, with
	// their values unescaped and normalised. The slice is reused by the
	// next call to Next: copy what you keep (the strings themselves stay
	// valid).
	Attrs []Attr
	// Text is the unescaped text (CharData, with CDATA sections resolved),
	// the comment body (Comment) or the instruction data (ProcInst).
	Text string
	// SelfClosing marks a StartElement written as <name/>; the scanner
	// still reports the matching EndElement on the next call.
	SelfClosing bool
	// Offset is the byte offset of the token in the input; Position turns
	// it into a line and column. It is -1 for tokens of a tree scanner.
	Offset int
}

// SyntaxError is a malformed-document error with the 1-based line and
// column (in bytes) where the problem was found. Line is 0 when the input
// was a tree and has no positions.
type SyntaxError struct {
	Line, Col int
	Msg       string
}

func (e *SyntaxError) Error() string {
	if e.Line == 0 {
		return e.Msg
	}
	return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg)
}
