package cib

import (
	"strconv"
	"strings"

	"gocrm/cib/xmltree"
)

// DiffNodes returns the changes that turn tree a into tree b (both rooted
// at the same element, normally <cib>). Elements are matched by name and
// id, elements without an id by name and occurrence, comments and text by
// occurrence and content. Changes come in document order: deletes first,
// then for each element its modify, moves and creates, then its children.
func DiffNodes(a, b *xmltree.Node) []PatchOp {
	d := differ{}
	if a == nil || b == nil || a.Name != b.Name {
		return nil
	}
	d.walk(a, b, "/"+a.Name)
	return append(d.dels, d.ops...)
}

type differ struct {
	dels []PatchOp
	ops  []PatchOp
}

// childKey identifies a child for matching.
type childKey struct {
	kind xmltree.Kind
	name string
	id   string
	occ  int // occurrence among children with the same kind/name/id
}

// keys returns the matching keys of n's children.
func keys(n *xmltree.Node) []childKey {
	ks := make([]childKey, len(n.Children))
	count := make(map[childKey]int, len(n.Children))
	for i, c := range n.Children {
		k := childKey{kind: c.Kind, name: c.Name}
		if c.Kind == xmltree.ElementNode {
			k.id = c.Get("id")
		}
		base := k
		k.occ = count[base]
		count[base]++
		ks[i] = k
	}
	return ks
}

// sameShape reports whether a and b have children of the same kinds,
// names and ids in the same order, so that they match one to one.
func sameShape(a, b *xmltree.Node) bool {
	if len(a.Children) != len(b.Children) {
		return false
	}
	for i, x := range a.Children {
		y := b.Children[i]
		if x.Kind != y.Kind || x.Name != y.Name {
			return false
		}
		if x.Kind == xmltree.ElementNode {
			if x.Get("id") != y.Get("id") {
				return false
			}
		} else if x.Text != y.Text {
			return false
		}
	}
	return true
}

// match pairs the children of a and b: m[i] is the index in b of a's
// child i, or -1. Comments and text match only with the same content.
func match(a, b *xmltree.Node) []int {
	m := make([]int, len(a.Children))
	if sameShape(a, b) {
		for i := range m {
			m[i] = i
		}
		return m
	}
	ka, kb := keys(a), keys(b)
	idx := make(map[childKey]int, len(kb))
	for j, k := range kb {
		idx[k] = j
	}
	for i, k := range ka {
		j, ok := idx[k]
		if ok && (a.Children[i].Kind == xmltree.ElementNode || a.Children[i].Text == b.Children[j].Text) {
			m[i] = j
		} else {
			m[i] = -1
		}
	}
	return m
}

// childSteps returns the path step of each child of n.
func childSteps(n *xmltree.Node) []string {
	steps := make([]string, len(n.Children))
	byName := make(map[string]int)
	ids := make(map[string]int)
	for _, c := range n.Children {
		if c.Kind == xmltree.ElementNode {
			byName[c.Name]++
			if id, ok := c.Attr("id"); ok {
				ids[c.Name+"\x00"+id]++
			}
		}
	}
	seen := make(map[string]int)
	for i, c := range n.Children {
		switch c.Kind {
		case xmltree.ElementNode:
			seen[c.Name]++
			id, hasID := c.Attr("id")
			switch {
			case hasID && ids[c.Name+"\x00"+id] == 1 && !strings.ContainsAny(id, "'"):
				steps[i] = c.Name + "[@id='" + id + "']"
			case byName[c.Name] == 1:
				steps[i] = c.Name
			default:
				steps[i] = c.Name + "[" + strconv.Itoa(seen[c.Name]) + "]"
			}
		case xmltree.CommentNode:
			steps[i] = "comment"
		case xmltree.TextNode:
			steps[i] = "text"
		default:
			steps[i] = "processing-instruction"
		}
	}
	return steps
}

// walk records the changes from a to b (matched elements at path, a path
// in a): deletions of a's unmatched children in d.dels; the attribute
// change, moves and creations in d.ops; then it descends into matched
// children that differ.
func (d *differ) walk(a, b *xmltree.Node, path string) {
	if ch := attrChanges(a.Attrs, b.Attrs); ch != nil {
		d.ops = append(d.ops, PatchOp{Kind: OpModify, Path: path, Attrs: ch, Result: append([]xmltree.Attr(nil), b.Attrs...)})
	}
	m := match(a, b)
	var steps []string
	step := func(i int) string {
		if steps == nil {
			steps = childSteps(a)
		}
		return steps[i]
	}
	// inv[j] is the index in a of b's child j, or -1 (created).
	inv := make([]int, len(b.Children))
	for j := range inv {
		inv[j] = -1
	}
	for i, j := range m {
		if j >= 0 {
			inv[j] = i
			continue
		}
		c := a.Children[i]
		op := PatchOp{Kind: OpDelete, Path: path + "/" + step(i), Node: c}
		if c.Kind != xmltree.ElementNode {
			op.Position = i
		}
		d.dels = append(d.dels, op)
	}
	// Matched children keep their place when they are in the longest run
	// that is already in order; the others move.
	var seq []int
	inOrder := true
	for j := range b.Children {
		if i := inv[j]; i >= 0 {
			if len(seq) > 0 && i < seq[len(seq)-1] {
				inOrder = false
			}
			seq = append(seq, i)
		}
	}
	var stay map[int]bool
	if !inOrder {
		stay = lisSet(seq)
	}
	for j, c := range b.Children {
		i := inv[j]
		switch {
		case i < 0:
			d.ops = append(d.ops, PatchOp{Kind: OpCreate, Path: path, Position: j, Node: c})
		case !inOrder && !stay[i]:
			d.ops = append(d.ops, PatchOp{Kind: OpMove, Path: path + "/" + step(i), Position: j})
		}
	}
	for i, c := range a.Children {
		if j := m[i]; j >= 0 && c.Kind == xmltree.ElementNode && !xmltree.Equal(c, b.Children[j]) {
			d.walk(c, b.Children[j], path+"/"+step(i))
		}
	}
}

// attrChanges returns the changes from attribute list a to b, or nil when
// they are equal including order.
func attrChanges(a, b []xmltree.Attr) []AttrChange {
	if len(a) == len(b) {
		same := true
		for i := range a {
			if a[i] != b[i] {
				same = false
				break
			}
		}
		if same {
			return nil
		}
	}
	var out []AttrChange
	old := make(map[string]string, len(a))
	for _, x := range a {
		old[x.Name] = x.Value
	}
	inB := make(map[string]bool, len(b))
	for _, x := range b {
		inB[x.Name] = true
		if ov, ok := old[x.Name]; !ok || ov != x.Value {
			out = append(out, AttrChange{Name: x.Name, Old: ov, HadOld: ok, New: x.Value})
		}
	}
	for _, x := range a {
		if !inB[x.Name] {
			out = append(out, AttrChange{Name: x.Name, Old: x.Value, HadOld: true, Removed: true})
		}
	}
	if out == nil {
		out = []AttrChange{} // order changed only
	}
	return out
}

// lisSet returns the members of a longest increasing subsequence of seq.
func lisSet(seq []int) map[int]bool {
	n := len(seq)
	stay := make(map[int]bool, n)
	if n == 0 {
		return stay
	}
	tails := []int{}
	prev := make([]int, n)
	for i, x := range seq {
		lo, hi := 0, len(tails)
		for lo < hi {
			mid := (lo + hi) / 2
			if seq[tails[mid]] < x {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		if lo > 0 {
			prev[i] = tails[lo-1]
		} else {
			prev[i] = -1
		}
		if lo == len(tails) {
			tails = append(tails, i)
		} else {
			tails[lo] = i
		}
	}
	for i := tails[len(tails)-1]; i >= 0; i = prev[i] {
		stay[seq[i]] = true
	}
	return stay
}
