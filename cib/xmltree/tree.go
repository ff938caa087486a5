package xmltree

import (
	"fmt"
	"strings"
)

// Parse parses a whole document and returns its root element. Comments and
// processing instructions outside the root element are dropped. Text is
// kept where it carries content: in elements that have only text, and in
// mixed content (an element with both child nodes and non-blank text);
// blank text between child nodes (indentation) is dropped. Adjacent text
// and CDATA sections are merged into one text node.
//
// The node's strings alias data (see Scanner): do not modify data after
// calling Parse.
func Parse(data []byte) (*Node, error) {
	s := NewScanner(data)
	var root *Node
	for {
		tok, err := s.Next()
		if err != nil {
			return nil, err
		}
		switch tok.Kind {
		case EOF:
			return root, nil
		case StartElement:
			if root, err = s.ReadNode(tok); err != nil {
				return nil, err
			}
		}
	}
}

// ReadNode reads the rest of the element that start (the StartElement
// token just returned by Next) opens, up to its end tag, and returns it as
// a Node with the same text rules as Parse. It reads blank text even when
// SkipBlank is set.
func (s *Scanner) ReadNode(start Token) (*Node, error) {
	skip := s.SkipBlank
	s.SkipBlank = false
	defer func() { s.SkipBlank = skip }()

	root := &Node{Kind: ElementNode, Name: start.Name, Attrs: copyAttrs(start.Attrs)}
	stack := []*Node{root}
	for len(stack) > 0 {
		tok, err := s.Next()
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch tok.Kind {
		case StartElement:
			n := &Node{Kind: ElementNode, Name: tok.Name, Attrs: copyAttrs(tok.Attrs)}
			top.Children = append(top.Children, n)
			stack = append(stack, n)
		case EndElement:
			top.Children = trimBlank(top.Children)
			stack = stack[:len(stack)-1]
		case CharData:
			if tok.Text == "" {
				continue
			}
			if k := len(top.Children); k > 0 && top.Children[k-1].Kind == TextNode {
				top.Children[k-1].Text += tok.Text
			} else {
				top.Children = append(top.Children, &Node{Kind: TextNode, Text: tok.Text})
			}
		case Comment:
			top.Children = append(top.Children, &Node{Kind: CommentNode, Text: tok.Text})
		case ProcInst:
			top.Children = append(top.Children, &Node{Kind: ProcInstNode, Name: tok.Name, Text: tok.Text})
		case EOF:
			return nil, s.Errorf(len(s.data), "unexpected end of input in <%s>", top.Name)
		}
	}
	return root, nil
}

func copyAttrs(as []Attr) []Attr {
	if len(as) == 0 {
		return nil
	}
	return append(make([]Attr, 0, len(as)), as...)
}

// trimBlank drops blank text nodes from children that also hold other
// nodes and no non-blank text: that text is indentation.
func trimBlank(children []*Node) []*Node {
	texts, others := 0, 0
	for _, c := range children {
		if c.Kind != TextNode {
			others++
			continue
		}
		if !IsBlank(c.Text) {
			return children
		}
		texts++
	}
	if texts == 0 || others == 0 {
		return children
	}
	out := children[:0]
	for _, c := range children {
		if c.Kind != TextNode {
			out = append(out, c)
		}
	}
	for i := len(out); i < len(children); i++ {
		children[i] = nil
	}
	return out
}

// IsBlank reports whether s holds only XML whitespace (space, tab, newline,
// carriage return).
func IsBlank(s string) bool {
	return strings.TrimLeft(s, " \t\n\r") == ""
}

// treeWalk is the state of a tree scanner.
type treeWalk struct {
	root    *Node
	started bool
	stack   []treeFrame
}

type treeFrame struct {
	n *Node
	i int
}

// NewTreeScanner returns a scanner that reports the tokens of the tree n
// (an element) as if it had been parsed, so that code written against a
// Scanner can read trees too. Offsets are -1 and errors carry no position.
// The tokens' Attrs are n's own slices: do not modify them.
func NewTreeScanner(n *Node) *Scanner {
	return &Scanner{tree: &treeWalk{root: n}}
}

func (s *Scanner) nextTree() (Token, error) {
	w := s.tree
	if !w.started {
		w.started = true
		if w.root == nil {
			return Token{Kind: EOF, Offset: -1}, nil
		}
		return s.treeToken(w.root)
	}
	for len(w.stack) > 0 {
		top := &w.stack[len(w.stack)-1]
		if top.i >= len(top.n.Children) {
			w.stack = w.stack[:len(w.stack)-1]
			return Token{Kind: EndElement, Name: top.n.Name, Offset: -1}, nil
		}
		c := top.n.Children[top.i]
		top.i++
		if c == nil || (c.Kind == TextNode && s.SkipBlank && IsBlank(c.Text)) {
			continue
		}
		return s.treeToken(c)
	}
	return Token{Kind: EOF, Offset: -1}, nil
}

func (s *Scanner) treeToken(n *Node) (Token, error) {
	switch n.Kind {
	case ElementNode:
		if len(s.tree.stack) >= MaxDepth {
			s.err = &SyntaxError{Msg: fmt.Sprintf("elements nested more than %d deep", MaxDepth)}
			return Token{}, s.err
		}
		s.tree.stack = append(s.tree.stack, treeFrame{n: n})
		return Token{Kind: StartElement, Name: n.Name, Attrs: n.Attrs,
			SelfClosing: len(n.Children) == 0, Offset: -1}, nil
	case TextNode:
		return Token{Kind: CharData, Text: n.Text, Offset: -1}, nil
	case CommentNode:
		return Token{Kind: Comment, Text: n.Text, Offset: -1}, nil
	}
	return Token{Kind: ProcInst, Name: n.Name, Text: n.Text, Offset: -1}, nil
}
