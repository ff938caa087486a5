package cib

import (
	"fmt"
	"strconv"
	"strings"

	"gocrm/cib/xmltree"
)

type applier struct {
	doc       *xmltree.Node
	parents   map[*xmltree.Node]*xmltree.Node
	conflicts []Conflict
}

func (a *applier) conflict(path, reason string) {
	a.conflicts = append(a.conflicts, Conflict{Path: path, Reason: reason})
}

func (a *applier) indexParents(n *xmltree.Node) {
	for _, c := range n.Children {
		a.parents[c] = n
		if c.Kind == xmltree.ElementNode {
			a.indexParents(c)
		}
	}
}

// resolveChild resolves the target of a delete, which may be a comment or
// text node addressed by position.
func (a *applier) resolveChild(op *PatchOp) (*xmltree.Node, *xmltree.Node, error) {
	dir, last := splitLastStep(op.Path)
	if last == "comment" || last == "text" {
		parent, err := a.resolve(dir)
		if err != nil {
			return nil, nil, err
		}
		kind := xmltree.CommentNode
		if last == "text" {
			kind = xmltree.TextNode
		}
		want := ""
		if op.Node != nil {
			want = op.Node.Text
		}
		if p := op.Position; p >= 0 && p < len(parent.Children) && parent.Children[p].Kind == kind && (op.Node == nil || parent.Children[p].Text == want) {
			return parent.Children[p], parent, nil
		}
		for _, c := range parent.Children {
			if c.Kind == kind && (op.Node == nil || c.Text == want) {
				return c, parent, nil
			}
		}
		return nil, nil, fmt.Errorf("no such %s", last)
	}
	n, err := a.resolve(op.Path)
	if err != nil {
		return nil, nil, err
	}
	return n, a.parents[n], nil
}

// resolve finds the element at path.
func (a *applier) resolve(path string) (*xmltree.Node, error) {
	steps, err := splitPath(path)
	if err != nil {
		return nil, err
	}
	if len(steps) == 0 || !steps[0].matches(a.doc, 1) {
		return nil, fmt.Errorf("does not exist (the root is <%s>)", a.doc.Name)
	}
	n := a.doc
	for k, s := range steps[1:] {
		var next *xmltree.Node
		occ := 0
		for _, c := range n.Children {
			if c.Kind != xmltree.ElementNode || c.Name != s.name {
				continue
			}
			occ++
			if s.matches(c, occ) {
				next = c
				break
			}
		}
		if next == nil {
			return nil, fmt.Errorf("does not exist (no %s under %s)", s.text, joinSteps(steps[:k+1]))
		}
		n = next
	}
	return n, nil
}

type pathStep struct {
	text  string
	name  string
	id    string
	hasID bool
	pos   int // 1-based; 0 when none
}

func (s pathStep) matches(n *xmltree.Node, occ int) bool {
	if n.Name != s.name {
		return false
	}
	if s.hasID {
		if id, ok := n.Attr("id"); !ok || id != s.id {
			return false
		}
	}
	return s.pos == 0 || s.pos == occ
}

func joinSteps(steps []pathStep) string {
	var b strings.Builder
	for _, s := range steps {
		b.WriteByte('/')
		b.WriteString(s.text)
	}
	return b.String()
}

func splitLastStep(path string) (string, string) {
	i := strings.LastIndexByte(path, '/')
	if i < 0 {
		return "", path
	}
	return path[:i], path[i+1:]
}

// splitPath parses /a/b[@id='x']/c[2] into steps.
func splitPath(path string) ([]pathStep, error) {
	if !strings.HasPrefix(path, "/") {
		return nil, fmt.Errorf("%w: path %q does not start with /", ErrBadPatch, path)
	}
	var steps []pathStep
	rest := path[1:]
	for rest != "" {
		end, quote := 0, byte(0)
		for end < len(rest) && (quote != 0 || rest[end] != '/') {
			switch c := rest[end]; {
			case quote != 0 && c == quote:
				quote = 0
			case quote == 0 && (c == '\'' || c == '"'):
				quote = c
			}
			end++
		}
		text := rest[:end]
		rest = strings.TrimPrefix(rest[end:], "/")
		s, err := parseStep(text)
		if err != nil {
			return nil, fmt.Errorf("%w: path %q: %w", ErrBadPatch, path, err)
		}
		steps = append(steps, s)
	}
	return steps, nil
}

func parseStep(text string) (pathStep, error) {
	s := pathStep{text: text}
	name, pred, hasPred := strings.Cut(text, "[")
	s.name = name
	if name == "" {
		return s, fmt.Errorf("empty step")
	}
	for hasPred {
		var body string
		body, pred, hasPred = cutPredicate(pred)
		if body == "" && !hasPred && pred == "" {
			return s, fmt.Errorf("bad predicate in %q", text)
		}
		switch {
		case strings.HasPrefix(body, "@id="):
			v := body[4:]
			if len(v) < 2 || (v[0] != '\'' && v[0] != '"') || v[len(v)-1] != v[0] {
				return s, fmt.Errorf("bad id predicate in %q", text)
			}
			s.id, s.hasID = v[1:len(v)-1], true
		default:
			n, err := strconv.Atoi(body)
			if err != nil || n < 1 {
				return s, fmt.Errorf("unsupported predicate [%s] in %q", body, text)
			}
			s.pos = n
		}
	}
	return s, nil
}

// cutPredicate splits "body]rest" (rest may start with another "[").
func cutPredicate(s string) (body, rest string, more bool) {
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote == 0 && (c == '\'' || c == '"'):
			quote = c
		case quote == 0 && c == ']':
			rest = s[i+1:]
			if strings.HasPrefix(rest, "[") {
				return s[:i], rest[1:], true
			}
			return s[:i], rest, false
		}
	}
	return "", "", false
}
