package cib

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"gocrm/cib/xmltree"
)

// ErrConflict is wrapped by the error of a patch that does not fit the CIB
// it is applied to (see ConflictError).
var ErrConflict = errors.New("patch conflicts with the current CIB")

// ErrBadPatch is wrapped by errors about malformed patches.
var ErrBadPatch = errors.New("bad patch")

// Conflict is one change of a patch that does not fit.
type Conflict struct {
	Path   string
	Reason string
}

// ConflictError lists every change of a patch that conflicts with the CIB
// it was applied to. It wraps ErrConflict.
type ConflictError struct {
	Conflicts []Conflict
}

func (e *ConflictError) Error() string {
	var b strings.Builder
	b.WriteString(ErrConflict.Error())
	b.WriteString(": ")
	for i, c := range e.Conflicts {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(c.Path)
		b.WriteString(": ")
		b.WriteString(c.Reason)
	}
	return b.String()
}

func (e *ConflictError) Unwrap() error { return ErrConflict }

// volatileCIBAttrs are attributes of <cib> that every commit changes; a
// patch sets them without checking their old values.
var volatileCIBAttrs = map[string]bool{
	"admin_epoch": true, "epoch": true, "num_updates": true,
	AttrLastWritten: true, AttrUpdateOrigin: true, AttrUpdateClient: true,
	AttrUpdateUser: true, AttrHaveQuorum: true, AttrDCUUID: true,
	AttrFeatureSet: true, AttrExecutionDate: true,
}

// ApplyNodes applies ops to a copy of root and returns the copy; root is
// never modified. Every path is resolved against root before anything
// changes. A change whose target is gone, whose old attribute values
// differ, whose deleted subtree was changed meanwhile, or which creates an
// element that already exists differently, is a conflict; the error then
// wraps ErrConflict and lists all of them. A change already made (the same
// value set, the same element created, an element already deleted) is not
// a conflict.
func ApplyNodes(root *xmltree.Node, ops []PatchOp) (*xmltree.Node, error) {
	if root == nil {
		return nil, fmt.Errorf("%w: no tree to apply to", ErrBadPatch)
	}
	doc := root.Clone()
	a := applier{doc: doc, parents: make(map[*xmltree.Node]*xmltree.Node)}
	a.indexParents(doc)
	type resolved struct {
		op     *PatchOp
		node   *xmltree.Node // target (modify/delete/move) or parent (create)
		parent *xmltree.Node
		skip   bool
	}
	res := make([]resolved, len(ops))
	for i := range ops {
		op := &ops[i]
		r := resolved{op: op}
		switch op.Kind {
		case OpCreate:
			parent, err := a.resolve(op.Path)
			if err != nil {
				a.conflict(op.Path, "the parent to create under "+err.Error())
				break
			}
			r.node = parent
			if op.Node == nil {
				return nil, fmt.Errorf("%w: create under %s has no content", ErrBadPatch, op.Path)
			}
			if op.Node.Kind == xmltree.ElementNode {
				if id, ok := op.Node.Attr("id"); ok {
					for _, c := range parent.Children {
						if c.Kind == xmltree.ElementNode && c.Name == op.Node.Name && c.Get("id") == id {
							if xmltree.Equal(c, op.Node) {
								r.skip = true
							} else {
								a.conflict(op.Path+"/"+op.Node.Name+"[@id='"+id+"']", "was created meanwhile with different content")
							}
						}
					}
				}
			}
		case OpDelete:
			node, parent, err := a.resolveChild(op)
			if err != nil {
				r.skip = true // already gone
				break
			}
			if op.Node != nil && !xmltree.Equal(node, op.Node) {
				a.conflict(op.Path, "was changed meanwhile; the patch would delete those changes")
			}
			r.node, r.parent = node, parent
		case OpModify:
			node, err := a.resolve(op.Path)
			if err != nil {
				a.conflict(op.Path, err.Error())
				break
			}
			r.node = node
			isCIB := node == doc
			for _, ch := range op.Attrs {
				if isCIB && volatileCIBAttrs[ch.Name] {
					continue
				}
				cur, has := node.Attr(ch.Name)
				if (ch.Removed && !has) || (!ch.Removed && has && cur == ch.New) {
					continue // already done
				}
				if !ch.OldUnknown && (has != ch.HadOld || (has && cur != ch.Old)) {
					a.conflict(op.Path, fmt.Sprintf("attribute %s is %s, the patch expects %s", ch.Name, describeAttr(cur, has), describeAttr(ch.Old, ch.HadOld)))
				}
			}
		case OpMove:
			node, err := a.resolve(op.Path)
			if err != nil {
				a.conflict(op.Path, err.Error())
				break
			}
			r.node, r.parent = node, a.parents[node]
			if r.parent == nil {
				return nil, fmt.Errorf("%w: cannot move the root element", ErrBadPatch)
			}
		default:
			return nil, fmt.Errorf("%w: unknown change kind %d at %s", ErrBadPatch, op.Kind, op.Path)
		}
		res[i] = r
	}
	if len(a.conflicts) > 0 {
		return nil, &ConflictError{Conflicts: a.conflicts}
	}
	// Attribute changes.
	for _, r := range res {
		if r.op.Kind == OpModify && r.node != nil {
			applyAttrs(r.node, r.op)
		}
	}
	// Deletions.
	for _, r := range res {
		if r.op.Kind == OpDelete && !r.skip && r.node != nil {
			removeChild(r.parent, r.node)
		}
	}
	// Creations and moves, per parent, in ascending final position.
	type placement struct {
		pos  int
		node *xmltree.Node
		seq  int
	}
	byParent := make(map[*xmltree.Node][]placement)
	var parents []*xmltree.Node
	for i, r := range res {
		var p *xmltree.Node
		var pl placement
		switch {
		case r.op.Kind == OpCreate && !r.skip && r.node != nil:
			p, pl = r.node, placement{r.op.Position, r.op.Node.Clone(), i}
		case r.op.Kind == OpMove && r.node != nil:
			p, pl = r.parent, placement{r.op.Position, r.node, i}
		default:
			continue
		}
		if _, seen := byParent[p]; !seen {
			parents = append(parents, p)
		}
		byParent[p] = append(byParent[p], pl)
	}
	for _, p := range parents {
		pls := byParent[p]
		for _, pl := range pls {
			removeChild(p, pl.node) // moves: detach first
		}
		sort.SliceStable(pls, func(i, j int) bool { return pls[i].pos < pls[j].pos })
		for _, pl := range pls {
			pos := max(0, min(pl.pos, len(p.Children)))
			p.Children = append(p.Children, nil)
			copy(p.Children[pos+1:], p.Children[pos:])
			p.Children[pos] = pl.node
		}
	}
	return doc, nil
}

func describeAttr(v string, has bool) string {
	if !has {
		return "absent"
	}
	return strconv.Quote(v)
}

// applyAttrs applies a modify: changed attributes take their new values,
// removed ones go, others (including ones another change added) stay; the
// order follows the patch's result where it names the attribute.
func applyAttrs(n *xmltree.Node, op *PatchOp) {
	changed := make(map[string]*AttrChange, len(op.Attrs))
	for i := range op.Attrs {
		changed[op.Attrs[i].Name] = &op.Attrs[i]
	}
	cur := make(map[string]string, len(n.Attrs))
	for _, x := range n.Attrs {
		cur[x.Name] = x.Value
	}
	var out []xmltree.Attr
	placed := make(map[string]bool, len(n.Attrs))
	value := func(name string) (string, bool) {
		if ch, ok := changed[name]; ok {
			if ch.Removed {
				return "", false
			}
			return ch.New, true
		}
		v, ok := cur[name]
		return v, ok
	}
	for _, x := range op.Result {
		if v, ok := value(x.Name); ok && !placed[x.Name] {
			out = append(out, xmltree.Attr{Name: x.Name, Value: v})
			placed[x.Name] = true
		}
	}
	for _, ch := range op.Attrs {
		if v, ok := value(ch.Name); ok && !placed[ch.Name] {
			out = append(out, xmltree.Attr{Name: ch.Name, Value: v})
			placed[ch.Name] = true
		}
	}
	for _, x := range n.Attrs {
		if v, ok := value(x.Name); ok && !placed[x.Name] {
			out = append(out, xmltree.Attr{Name: x.Name, Value: v})
			placed[x.Name] = true
		}
	}
	n.Attrs = out
}

func removeChild(parent, child *xmltree.Node) {
	if parent == nil {
		return
	}
	for i, c := range parent.Children {
		if c == child {
			parent.Children = append(parent.Children[:i], parent.Children[i+1:]...)
			return
		}
	}
}
