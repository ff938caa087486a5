package xmltree

// Attr is one attribute, with its value already unescaped.
type Attr struct {
	Name  string
	Value string
}

// Kind tells what a Node is.
type Kind uint8

const (
	ElementNode Kind = iota
	CommentNode
	TextNode
	ProcInstNode // <?target data?>; Name is the target, Text the data
)

// Node is a generic XML node. The typed CIB model keeps elements it does not
// know as Nodes so that nothing is lost on a round trip.
type Node struct {
	Kind     Kind
	Name     string  // element name or processing-instruction target
	Attrs    []Attr  // element attributes in document order
	Children []*Node // element children in document order
	Text     string  // text, comment body or processing-instruction data
}

// Attr returns the value of the named attribute and whether it is present.
func (n *Node) Attr(name string) (string, bool) {
	for _, a := range n.Attrs {
		if a.Name == name {
			return a.Value, true
		}
	}
	return "", false
}

// Get returns the value of the named attribute, or "" when it is absent.
func (n *Node) Get(name string) string {
	v, _ := n.Attr(name)
	return v
}

// Set sets the named attribute, appending it when absent.
func (n *Node) Set(name, value string) {
	for i := range n.Attrs {
		if n.Attrs[i].Name == name {
			n.Attrs[i].Value = value
			return
		}
	}
	n.Attrs = append(n.Attrs, Attr{Name: name, Value: value})
}

// Clone returns a deep copy of n.
func (n *Node) Clone() *Node {
	if n == nil {
		return nil
	}
	c := *n
	c.Attrs = append([]Attr(nil), n.Attrs...)
	if n.Children != nil {
		c.Children = make([]*Node, len(n.Children))
		for i, ch := range n.Children {
			c.Children[i] = ch.Clone()
		}
	}
	return &c
}

// Equal reports whether a and b are the same tree: same kind, name, text,
// attributes in the same order and equal children.
func Equal(a, b *Node) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Kind != b.Kind || a.Name != b.Name || a.Text != b.Text ||
		len(a.Attrs) != len(b.Attrs) || len(a.Children) != len(b.Children) {
		return false
	}
	for i := range a.Attrs {
		if a.Attrs[i] != b.Attrs[i] {
			return false
		}
	}
	for i := range a.Children {
		if !Equal(a.Children[i], b.Children[i]) {
			return false
		}
	}
	return true
}
