package cib

import (
	"fmt"
	"io"
	"os"
	"strconv"

	"gocrm/cib/xmltree"
)

// Decode reads a whole CIB document from r. See DecodeBytes.
func Decode(r io.Reader) (*CIB, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading CIB: %w", err)
	}
	return DecodeBytes(data)
}

// ReadFile reads a whole file, as os.ReadFile does, into a buffer that is
// sized from the file's length and mapped in before the read (see
// prefault): for a CIB of 100 MB that is about twice as fast, because
// first-touch page faults dominate the read. Pass the result to
// DecodeBytes.
func ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := readAll(f)
	if err != nil {
		return nil, &os.PathError{Op: "read", Path: path, Err: err}
	}
	return data, nil
}

// readAll reads r to the end into one buffer, sized up front when r can
// tell its length (files, bytes and strings readers), so that a large CIB
// is not copied while the buffer grows.
func readAll(r io.Reader) ([]byte, error) {
	size := 0
	switch v := r.(type) {
	case interface{ Len() int }:
		size = v.Len()
	case *os.File:
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() {
			size = int(fi.Size())
		}
	}
	buf := newSlab[byte](size + 512)[:0]
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// DecodeBytes decodes a whole CIB document. It takes ownership of data:
// the strings of the returned CIB are substrings of data (see
// xmltree.Scanner), so data must not be modified afterwards, and it stays
// in memory as long as any of those strings does.
//
// The decoder reads any CIB that Pacemaker 2.1 writes and is lenient like
// Pacemaker: it checks that the document is well-formed XML with a <cib>
// root, and rejects only what the model cannot hold (a version number
// that is not an integer). Checking the content against the schema is
// Validate's job. Attributes and elements the model has no field for are
// kept (see Extra). Errors are *xmltree.SyntaxError values that read
// "line:col: what was wrong".
func DecodeBytes(data []byte) (*CIB, error) {
	return decodeBytes(data, 0)
}

// decodeBytes is DecodeBytes with decoder.parallelMin.
func decodeBytes(data []byte, parallelMin int) (*CIB, error) {
	sc := xmltree.NewScanner(data)
	sc.SkipBlank = true
	d := &decoder{sc: sc, parallelMin: parallelMin}
	return d.document()
}

// FromNode decodes a <cib> tree such as ToNode returns. Errors name the
// element at fault but carry no line and column.
func FromNode(n *xmltree.Node) (*CIB, error) {
	if n == nil || n.Kind != xmltree.ElementNode {
		return nil, &xmltree.SyntaxError{Msg: "no <cib> element"}
	}
	return newTreeDecoder(n).document()
}

// decoder turns the tokens of a Scanner (over bytes or over a tree) into
// the typed model.
type decoder struct {
	sc   *xmltree.Scanner
	slab slabs
	// parallelMin, when positive, replaces parallelStatusMin; when
	// negative, the status is never decoded in parallel. Tests use 1 and
	// -1 to compare the two ways on small inputs.
	parallelMin int
}

func newTreeDecoder(n *xmltree.Node) *decoder {
	sc := xmltree.NewTreeScanner(n)
	sc.SkipBlank = true
	return &decoder{sc: sc}
}

func (d *decoder) errorf(tok xmltree.Token, format string, args ...any) error {
	return d.sc.Errorf(tok.Offset, format, args...)
}

// root returns the first start element of the input.
func (d *decoder) root() (xmltree.Token, error) {
	for {
		tok, err := d.sc.Next()
		if err != nil {
			return tok, err
		}
		switch tok.Kind {
		case xmltree.StartElement:
			return tok, nil
		case xmltree.EOF:
			return tok, d.sc.Errorf(tok.Offset, "no root element")
		}
	}
}

// finish reads past the root element to the end of the input, so that
// trailing garbage is reported.
func (d *decoder) finish() error {
	for {
		tok, err := d.sc.Next()
		if err != nil || tok.Kind == xmltree.EOF {
			return err
		}
	}
}

func (d *decoder) document() (*CIB, error) {
	tok, err := d.root()
	if err != nil {
		return nil, err
	}
	if tok.Name != "cib" {
		return nil, d.errorf(tok, "root element is <%s>, want <cib>", tok.Name)
	}
	c := &CIB{}
	if err := d.cib(tok, c); err != nil {
		return nil, err
	}
	if err := d.finish(); err != nil {
		return nil, err
	}
	return c, nil
}

func (d *decoder) cib(tok xmltree.Token, c *CIB) error {
	for _, a := range tok.Attrs {
		var p *int
		switch a.Name {
		case "admin_epoch":
			p = &c.Version.Admin
		case "epoch":
			p = &c.Version.Epoch
		case "num_updates":
			p = &c.Version.Updates
		default:
			c.Attrs = append(c.Attrs, a)
			continue
		}
		n, err := strconv.Atoi(a.Value)
		if err != nil {
			return d.errorf(tok, "<cib> %s=%q: want an integer", a.Name, a.Value)
		}
		*p = n
	}
	var seenConfig, seenStatus bool
	return d.children(&c.Extra, func(t xmltree.Token) (bool, error) {
		switch {
		case t.Name == "configuration" && !seenConfig:
			seenConfig = true
			return true, d.configuration(t, &c.Config)
		case t.Name == "status" && !seenStatus:
			seenStatus = true
			return true, d.status(t, &c.Status)
		}
		return false, nil
	})
}

// children reads the content of the element just started, up to its end
// tag. Each child element goes to elem, which decodes it and returns
// true, or returns false to have it kept as a raw node in x; text,
// comments and processing instructions go to x too.
func (d *decoder) children(x *Extra, elem func(xmltree.Token) (bool, error)) error {
	for {
		tok, err := d.sc.Next()
		if err != nil {
			return err
		}
		switch tok.Kind {
		case xmltree.EndElement:
			return nil
		case xmltree.StartElement:
			ok := false
			if elem != nil {
				if ok, err = elem(tok); err != nil {
					return err
				}
			}
			if !ok {
				if err := d.raw(x, tok); err != nil {
					return err
				}
			}
		default:
			d.misc(x, tok)
		}
	}
}

// leaf reads the content of an element that has no known children.
func (d *decoder) leaf(tok xmltree.Token, x *Extra) error {
	if tok.SelfClosing {
		_, err := d.sc.Next() // its EndElement
		return err
	}
	return d.children(x, nil)
}

// raw keeps the element tok opens as a node in x.
func (d *decoder) raw(x *Extra, tok xmltree.Token) error {
	n, err := d.sc.ReadNode(tok)
	if err != nil {
		return err
	}
	x.Nodes = append(x.Nodes, n)
	return nil
}

// misc keeps text, a comment or a processing instruction in x. Text is
// merged with text kept just before, as it will be written next to it.
func (d *decoder) misc(x *Extra, tok xmltree.Token) {
	x.Nodes = appendMisc(x.Nodes, tok)
}

func appendMisc(nodes []*xmltree.Node, tok xmltree.Token) []*xmltree.Node {
	switch tok.Kind {
	case xmltree.CharData:
		if xmltree.IsBlank(tok.Text) {
			return nodes
		}
		if k := len(nodes); k > 0 && nodes[k-1].Kind == xmltree.TextNode {
			nodes[k-1].Text += tok.Text
			return nodes
		}
		return append(nodes, &xmltree.Node{Kind: xmltree.TextNode, Text: tok.Text})
	case xmltree.Comment:
		return append(nodes, &xmltree.Node{Kind: xmltree.CommentNode, Text: tok.Text})
	case xmltree.ProcInst:
		return append(nodes, &xmltree.Node{Kind: xmltree.ProcInstNode, Name: tok.Name, Text: tok.Text})
	}
	return nodes
}

// extraAttr keeps an attribute the element has no field for. A known
// attribute with an empty value is kept here too, because the model's
// empty string means "absent".
func extraAttr(x *Extra, a xmltree.Attr) {
	x.Attrs = append(x.Attrs, a)
}

// elem returns an empty element node, as kept for an empty container whose
// presence the model cannot record.
func elem(name string) *xmltree.Node {
	return &xmltree.Node{Kind: xmltree.ElementNode, Name: name}
}

// lookahead reads the element tok opens as a node, for the small elements
// whose content must be seen whole before deciding whether the model can
// hold it.
func (d *decoder) lookahead(tok xmltree.Token) (*xmltree.Node, error) {
	return d.sc.ReadNode(tok)
}

// onlyID reports whether n is <name id="..."/> with a non-empty id and
// nothing else.
func onlyID(n *xmltree.Node) bool {
	return allElements(n, "") && len(n.Attrs) == 1 && n.Attrs[0].Name == "id" && n.Attrs[0].Value != ""
}

// hasElements reports whether n has an element child.
func hasElements(n *xmltree.Node) bool {
	for _, c := range n.Children {
		if c.Kind == xmltree.ElementNode {
			return true
		}
	}
	return false
}

// allElements reports whether every child of n is an element named name,
// ignoring blank text (indentation). With name "" n must have no children
// other than blank text.
func allElements(n *xmltree.Node, name string) bool {
	for _, c := range n.Children {
		if c.Kind == xmltree.TextNode && xmltree.IsBlank(c.Text) {
			continue
		}
		if name == "" || c.Kind != xmltree.ElementNode || c.Name != name {
			return false
		}
	}
	return true
}
