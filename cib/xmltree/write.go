package xmltree

import (
	"bytes"
	"errors"
	"io"
	"strings"
)

// Writer writes indented XML: two spaces per level, one element per line,
// empty elements self-closed, attribute values escaped so that they survive
// a round trip (&amp; &lt; &gt; &quot; and &#10; &#13; &#9; for newline,
// carriage return and tab). An element started as mixed (one that has
// text) has its content written exactly, without line breaks or
// indentation, so no whitespace is injected into text.
//
// Element and attribute names are written as given, not checked. Errors of
// the underlying io.Writer are sticky and returned by Flush.
type Writer struct {
	w     io.Writer
	buf   []byte
	err   error
	stack []frame
}

type frame struct {
	name   string
	open   bool // the start tag still lacks its '>'
	inline bool // children are written inline (mixed content)
}

const flushAt = 64 << 10

// NewWriter returns a Writer that writes to w in blocks of about 64 KiB;
// call Flush at the end.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: w, buf: make([]byte, 0, flushAt+4096)}
}

// Flush writes buffered output to the underlying writer and returns the
// first error met, including misuse such as End without Start.
func (w *Writer) Flush() error {
	if w.err == nil && len(w.buf) > 0 {
		_, w.err = w.w.Write(w.buf)
		w.buf = w.buf[:0]
	}
	return w.err
}

func (w *Writer) maybeFlush() {
	if len(w.buf) >= flushAt && w.err == nil {
		_, w.err = w.w.Write(w.buf)
		w.buf = w.buf[:0]
	}
}

const spaces = "                                                                "

func (w *Writer) indent(depth int) {
	n := 2 * depth
	for n > len(spaces) {
		w.buf = append(w.buf, spaces...)
		n -= len(spaces)
	}
	w.buf = append(w.buf, spaces[:n]...)
}

// child prepares for a child of the current element and reports whether
// it is written inline.
func (w *Writer) child() bool {
	n := len(w.stack)
	if n == 0 {
		return false
	}
	top := &w.stack[n-1]
	if top.open {
		top.open = false
		if top.inline {
			w.buf = append(w.buf, '>')
		} else {
			w.buf = append(w.buf, '>', '\n')
		}
	}
	return top.inline
}

// Start opens an element. Set mixed when the element has text among its
// children: its content is then written inline.
func (w *Writer) Start(name string, mixed bool) {
	inline := w.child()
	if !inline {
		w.indent(len(w.stack))
	}
	w.buf = append(w.buf, '<')
	w.buf = append(w.buf, name...)
	w.stack = append(w.stack, frame{name: name, open: true, inline: inline || mixed})
}

// Attr adds an attribute to the element just started; it must come before
// any content of that element.
func (w *Writer) Attr(name, value string) {
	n := len(w.stack)
	if n == 0 || !w.stack[n-1].open {
		w.setErr(errAttr)
		return
	}
	b := append(w.buf, ' ')
	b = append(b, name...)
	b = append(b, '=', '"')
	b = appendEscaped(b, value, &attrEsc)
	w.buf = append(b, '"')
}

var (
	errAttr = errors.New("xmltree: Attr outside a start tag")
	errEnd  = errors.New("xmltree: End without Start")
)

func (w *Writer) setErr(err error) {
	if w.err == nil {
		w.err = err
	}
}

// End closes the current element.
func (w *Writer) End() {
	n := len(w.stack)
	if n == 0 {
		w.setErr(errEnd)
		return
	}
	f := w.stack[n-1]
	w.stack = w.stack[:n-1]
	parentInline := n > 1 && w.stack[n-2].inline
	switch {
	case f.open:
		w.buf = append(w.buf, '/', '>')
	case f.inline:
		w.buf = append(w.buf, '<', '/')
		w.buf = append(w.buf, f.name...)
		w.buf = append(w.buf, '>')
	default:
		w.indent(n - 1)
		w.buf = append(w.buf, '<', '/')
		w.buf = append(w.buf, f.name...)
		w.buf = append(w.buf, '>')
	}
	if !parentInline {
		w.buf = append(w.buf, '\n')
	}
	w.maybeFlush()
}

// Text writes character data, escaped. Text belongs in elements started
// as mixed; elsewhere it is written on a line of its own, so the
// indentation around it becomes part of the text on a re-read.
func (w *Writer) Text(s string) {
	w.misc(func() { w.buf = appendEscaped(w.buf, s, &textEsc) })
}

// Comment writes <!--s-->. A "--" inside s, or a trailing "-", which XML
// does not allow in comments, gets a space inserted.
func (w *Writer) Comment(s string) {
	if strings.Contains(s, "--") || strings.HasSuffix(s, "-") {
		for strings.Contains(s, "--") {
			s = strings.ReplaceAll(s, "--", "- -")
		}
		if strings.HasSuffix(s, "-") {
			s += " "
		}
	}
	w.misc(func() {
		w.buf = append(w.buf, "<!--"...)
		w.buf = append(w.buf, s...)
		w.buf = append(w.buf, "-->"...)
	})
}

// ProcInst writes <?target data?>; a "?>" inside data gets a space
// inserted.
func (w *Writer) ProcInst(target, data string) {
	data = strings.ReplaceAll(data, "?>", "? >")
	w.misc(func() {
		w.buf = append(w.buf, "<?"...)
		w.buf = append(w.buf, target...)
		if data != "" {
			w.buf = append(w.buf, ' ')
			w.buf = append(w.buf, data...)
		}
		w.buf = append(w.buf, "?>"...)
	})
}

func (w *Writer) misc(body func()) {
	inline := w.child()
	if !inline {
		w.indent(len(w.stack))
	}
	body()
	if !inline {
		w.buf = append(w.buf, '\n')
	}
	w.maybeFlush()
}

// Node writes n and its subtree.
func (w *Writer) Node(n *Node) {
	if n == nil {
		return
	}
	switch n.Kind {
	case ElementNode:
		mixed := false
		for _, c := range n.Children {
			if c != nil && c.Kind == TextNode {
				mixed = true
				break
			}
		}
		w.Start(n.Name, mixed)
		for _, a := range n.Attrs {
			w.Attr(a.Name, a.Value)
		}
		for _, c := range n.Children {
			w.Node(c)
		}
		w.End()
	case TextNode:
		if n.Text != "" {
			w.Text(n.Text)
		}
	case CommentNode:
		w.Comment(n.Text)
	case ProcInstNode:
		w.ProcInst(n.Name, n.Text)
	}
}

// Write writes the tree n to w as an indented document ending in a
// newline (without an XML declaration).
func Write(w io.Writer, n *Node) error {
	wr := NewWriter(w)
	wr.Node(n)
	return wr.Flush()
}

// Marshal returns the tree n as Write writes it.
func Marshal(n *Node) []byte {
	var b bytes.Buffer
	Write(&b, n) // a bytes.Buffer does not fail
	return b.Bytes()
}

// Escape tables: the replacement for each byte that needs one.
var attrEsc, textEsc [256]string

func init() {
	for _, t := range []*[256]string{&attrEsc, &textEsc} {
		t['&'], t['<'], t['>'] = "&amp;", "&lt;", "&gt;"
		t['\r'] = "&#13;"
	}
	attrEsc['"'] = "&quot;"
	attrEsc['\n'] = "&#10;"
	attrEsc['\t'] = "&#9;"
}

func appendEscaped(b []byte, s string, esc *[256]string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		if r := esc[s[i]]; r != "" {
			b = append(b, s[last:i]...)
			b = append(b, r...)
			last = i + 1
		}
	}
	return append(b, s[last:]...)
}
