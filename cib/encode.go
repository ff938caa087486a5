package cib

import (
	"errors"
	"io"

	"gocrm/cib/xmltree"
)

// Encode writes c as an indented CIB document ending in a newline. The
// output is stable: known attributes in a fixed order per element (id
// first, then the order Pacemaker and crmsh write), then the element's
// Extra attributes in document order; known children in schema order, then
// Extra nodes. Attributes kept in Attrs lists (op, date_spec, bundle parts,
// <cib> itself) keep their order. For a CIB that Decode returned, decoding
// the output gives an Equal CIB, and encoding that gives the same bytes.
//
// Names are written as they are, and values must be valid XML text: Encode
// does not validate (see Validate).
func Encode(w io.Writer, c *CIB) error {
	if c == nil {
		return errNilCIB
	}
	e := &enc{w: xmltree.NewWriter(w)}
	e.cib(c)
	return e.w.Flush()
}

var errNilCIB = errors.New("cib: Encode of a nil *CIB")

// Marshal returns c encoded as Encode writes it (nil for a nil c).
func Marshal(c *CIB) []byte {
	if c == nil {
		return nil
	}
	var b chunkBuffer
	Encode(&b, c) // a chunkBuffer does not fail
	return b.bytes()
}

// ToNode returns the <cib> tree that Encode writes (nil for a nil c). The
// tree shares nothing with c.
func ToNode(c *CIB) *xmltree.Node {
	if c == nil {
		return nil
	}
	e := &enc{}
	e.cib(c)
	return e.root
}

// enc writes the typed model either to a streaming xmltree.Writer (w) or
// into a tree of nodes (root, built through stack), so that Encode and
// ToNode share one description of the layout.
type enc struct {
	w       *xmltree.Writer
	written []string // attribute names of the current start tag (w only)
	x       *Extra   // Extra of the current start tag

	root  *xmltree.Node
	stack []*xmltree.Node
}

// start opens an element whose unknown content is x (nil when it has
// none); with text among x's nodes the element is written as mixed
// content.
func (e *enc) start(name string, x *Extra) {
	e.startMixed(name, x, false)
}

// startMixed is start for an element that also has text of its own
// among its known children (when text is set).
func (e *enc) startMixed(name string, x *Extra, text bool) {
	mixed := text || x != nil && hasText(x.Nodes)
	e.x = x
	if e.w != nil {
		e.w.Start(name, mixed)
		e.written = e.written[:0]
		return
	}
	n := &xmltree.Node{Kind: xmltree.ElementNode, Name: name}
	if k := len(e.stack); k > 0 {
		parent := e.stack[k-1]
		parent.Children = append(parent.Children, n)
	} else {
		e.root = n
	}
	e.stack = append(e.stack, n)
}

func hasText(nodes []*xmltree.Node) bool {
	for _, n := range nodes {
		if n != nil && n.Kind == xmltree.TextNode {
			return true
		}
	}
	return false
}

// attr writes a known attribute; an empty value means absent. A known
// attribute that was present with an empty value is kept in Extra (the
// decoder puts it there); it is written here, in its usual place, and
// skipped when Extra is written.
func (e *enc) attr(name, value string) {
	if value != "" {
		e.attrAlways(name, value)
		return
	}
	if e.x != nil && len(e.x.Attrs) > 0 {
		if v, ok := e.x.Attrs.Lookup(name); ok {
			e.attrAlways(name, v)
		}
	}
}

// attrAlways writes a known attribute even when its value is empty.
func (e *enc) attrAlways(name, value string) {
	if e.w != nil {
		e.w.Attr(name, value)
		e.written = append(e.written, name)
		return
	}
	top := e.stack[len(e.stack)-1]
	top.Attrs = append(top.Attrs, xmltree.Attr{Name: name, Value: value})
}

// attrs writes an ordered attribute list, values as they are (empty ones
// included), skipping names already written to the tag.
func (e *enc) attrs(as Attrs) {
	for _, a := range as {
		if e.has(a.Name) {
			continue
		}
		if e.w != nil {
			e.w.Attr(a.Name, a.Value)
			e.written = append(e.written, a.Name)
			continue
		}
		top := e.stack[len(e.stack)-1]
		top.Attrs = append(top.Attrs, a)
	}
}

// has reports whether the current start tag already has the attribute.
func (e *enc) has(name string) bool {
	if e.w != nil {
		for _, n := range e.written {
			if n == name {
				return true
			}
		}
		return false
	}
	_, ok := e.stack[len(e.stack)-1].Attr(name)
	return ok
}

// extra writes the Extra attributes of the current element.
func (e *enc) extra(x *Extra) {
	if len(x.Attrs) > 0 {
		e.attrs(x.Attrs)
	}
}

// end writes the Extra nodes of the current element (x may be nil) and
// closes it.
func (e *enc) end(x *Extra) {
	if x != nil {
		for _, n := range x.Nodes {
			e.node(n)
		}
	}
	if e.w != nil {
		e.w.End()
		return
	}
	e.stack = e.stack[:len(e.stack)-1]
}

// node writes a raw node.
func (e *enc) node(n *xmltree.Node) {
	if n == nil {
		return
	}
	if e.w != nil {
		e.w.Node(n)
		return
	}
	c := n.Clone()
	if k := len(e.stack); k > 0 {
		parent := e.stack[k-1]
		parent.Children = append(parent.Children, c)
	} else {
		e.root = c
	}
}

// leaf writes an element that has only attributes and Extra: the caller
// has written the known attributes between start and leaf.
func (e *enc) leaf(x *Extra) {
	e.extra(x)
	e.end(x)
}

func (e *enc) nvsets(name string, sets []*NVSet) {
	for _, s := range sets {
		e.nvset(name, s)
	}
}

func (e *enc) nvset(name string, s *NVSet) {
	if s == nil {
		return
	}
	e.start(name, &s.Extra)
	e.attr("id", s.ID)
	e.attr("id-ref", s.IDRef)
	e.attr("score", s.Score)
	e.extra(&s.Extra)
	for _, r := range s.Rules {
		e.rule(r)
	}
	for _, p := range s.Pairs {
		if p == nil {
			continue
		}
		e.start("nvpair", &p.Extra)
		e.attr("id", p.ID)
		e.attr("id-ref", p.IDRef)
		e.attr("name", p.Name)
		if !p.NoValue {
			e.attrAlways("value", p.Value)
		}
		e.leaf(&p.Extra)
	}
	e.end(&s.Extra)
}
