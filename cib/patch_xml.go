package cib

import (
	"fmt"
	"strconv"

	"gocrm/cib/xmltree"
)

// PatchToNode writes p as Pacemaker's version 2 patchset (<diff
// format="2">), the form cibadmin --patch and crm_diff --patch read. Old
// attribute values, which Pacemaker's format does not carry, are written
// as old-value attributes of change-attr (Pacemaker ignores them) so that
// conflicts can still be detected when the patch is read back. Deleted
// subtrees are not written.
func PatchToNode(p *Patch) *xmltree.Node {
	diff := &xmltree.Node{Name: "diff", Attrs: []xmltree.Attr{{Name: "format", Value: "2"}}}
	ver := func(name string, v Version) *xmltree.Node {
		return &xmltree.Node{Name: name, Attrs: []xmltree.Attr{
			{Name: "admin_epoch", Value: strconv.Itoa(v.Admin)},
			{Name: "epoch", Value: strconv.Itoa(v.Epoch)},
			{Name: "num_updates", Value: strconv.Itoa(v.Updates)},
		}}
	}
	diff.Children = append(diff.Children, &xmltree.Node{Name: "version",
		Children: []*xmltree.Node{ver("source", p.Source), ver("target", p.Target)}})
	for _, op := range p.Ops {
		c := &xmltree.Node{Name: "change", Attrs: []xmltree.Attr{
			{Name: "operation", Value: op.Kind.String()},
			{Name: "path", Value: op.Path},
		}}
		switch op.Kind {
		case OpCreate:
			c.Attrs = append(c.Attrs, xmltree.Attr{Name: "position", Value: strconv.Itoa(op.Position)})
			if op.Node != nil {
				c.Children = []*xmltree.Node{op.Node.Clone()}
			}
		case OpMove:
			c.Attrs = append(c.Attrs, xmltree.Attr{Name: "position", Value: strconv.Itoa(op.Position)})
		case OpDelete:
			if op.Node != nil && op.Node.Kind != xmltree.ElementNode {
				c.Attrs = append(c.Attrs, xmltree.Attr{Name: "position", Value: strconv.Itoa(op.Position)})
			}
		case OpModify:
			list := &xmltree.Node{Name: "change-list"}
			for _, a := range op.Attrs {
				ca := &xmltree.Node{Name: "change-attr", Attrs: []xmltree.Attr{{Name: "name", Value: a.Name}}}
				if a.Removed {
					ca.Attrs = append(ca.Attrs, xmltree.Attr{Name: "operation", Value: "unset"})
				} else {
					ca.Attrs = append(ca.Attrs, xmltree.Attr{Name: "operation", Value: "set"}, xmltree.Attr{Name: "value", Value: a.New})
				}
				if a.HadOld && !a.OldUnknown {
					ca.Attrs = append(ca.Attrs, xmltree.Attr{Name: "old-value", Value: a.Old})
				}
				list.Children = append(list.Children, ca)
			}
			name := lastStepName(op.Path)
			result := &xmltree.Node{Name: "change-result", Children: []*xmltree.Node{
				{Name: name, Attrs: append([]xmltree.Attr(nil), op.Result...)},
			}}
			c.Children = []*xmltree.Node{list, result}
		}
		diff.Children = append(diff.Children, c)
	}
	return diff
}

// lastStepName returns the element name of the last step of a path.
func lastStepName(path string) string {
	_, last := splitLastStep(path)
	s, err := parseStep(last)
	if err != nil {
		return last
	}
	return s.name
}

// PatchFromNode reads a <diff format="2"> patchset (as written by
// PatchToNode, crm_diff or the cluster). Attribute changes without
// old-value have an unknown old value (no conflict check).
func PatchFromNode(n *xmltree.Node) (*Patch, error) {
	if n == nil || n.Kind != xmltree.ElementNode || n.Name != "diff" {
		return nil, fmt.Errorf("%w: want a <diff> element", ErrBadPatch)
	}
	if f := n.Get("format"); f != "2" {
		return nil, fmt.Errorf("%w: format %q is not supported; want format 2", ErrBadPatch, f)
	}
	p := &Patch{}
	for i, c := range n.Children {
		if c.Kind != xmltree.ElementNode {
			continue
		}
		switch c.Name {
		case "version":
			for _, v := range c.Children {
				ver, err := versionAttrs(v)
				if err != nil {
					return nil, err
				}
				switch v.Name {
				case "source":
					p.Source = ver
				case "target":
					p.Target = ver
				}
			}
		case "change":
			op, err := changeFromNode(c)
			if err != nil {
				return nil, fmt.Errorf("%w: change %d: %w", ErrBadPatch, i, err)
			}
			p.Ops = append(p.Ops, op)
		}
	}
	return p, nil
}

func versionAttrs(v *xmltree.Node) (Version, error) {
	if v.Kind != xmltree.ElementNode {
		return Version{}, nil
	}
	var out Version
	for _, f := range []struct {
		name string
		dst  *int
	}{{"admin_epoch", &out.Admin}, {"epoch", &out.Epoch}, {"num_updates", &out.Updates}} {
		s := v.Get(f.name)
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return out, fmt.Errorf("%w: version %s=%q is not a non-negative integer", ErrBadPatch, f.name, s)
		}
		*f.dst = n
	}
	return out, nil
}

func changeFromNode(c *xmltree.Node) (PatchOp, error) {
	var op PatchOp
	op.Path = c.Get("path")
	if op.Path == "" {
		return op, fmt.Errorf("no path")
	}
	if _, err := splitPath(op.Path); err != nil {
		return op, err
	}
	pos := func() (int, error) {
		s := c.Get("position")
		if s == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("bad position %q", s)
		}
		return n, nil
	}
	var err error
	switch kind := c.Get("operation"); kind {
	case "create":
		op.Kind = OpCreate
		if op.Position, err = pos(); err != nil {
			return op, err
		}
		for _, ch := range c.Children {
			if ch.Kind == xmltree.ElementNode || ch.Kind == xmltree.CommentNode {
				op.Node = ch.Clone()
				break
			}
		}
		if op.Node == nil {
			return op, fmt.Errorf("create at %s has no content", op.Path)
		}
	case "delete":
		op.Kind = OpDelete
		if op.Position, err = pos(); err != nil {
			return op, err
		}
	case "move":
		op.Kind = OpMove
		if op.Position, err = pos(); err != nil {
			return op, err
		}
	case "modify":
		op.Kind = OpModify
		for _, ch := range c.Children {
			switch ch.Name {
			case "change-list":
				for _, a := range ch.Children {
					if a.Kind != xmltree.ElementNode || a.Name != "change-attr" {
						continue
					}
					ac := AttrChange{Name: a.Get("name")}
					if ac.Name == "" {
						return op, fmt.Errorf("change-attr without a name at %s", op.Path)
					}
					switch a.Get("operation") {
					case "set":
						ac.New = a.Get("value")
					case "unset":
						ac.Removed = true
					default:
						return op, fmt.Errorf("change-attr %s: unknown operation %q", ac.Name, a.Get("operation"))
					}
					if old, ok := a.Attr("old-value"); ok {
						ac.Old, ac.HadOld = old, true
					} else {
						ac.OldUnknown = true
					}
					op.Attrs = append(op.Attrs, ac)
				}
			case "change-result":
				for _, r := range ch.Children {
					if r.Kind == xmltree.ElementNode {
						op.Result = append([]xmltree.Attr(nil), r.Attrs...)
						break
					}
				}
			}
		}
	default:
		return op, fmt.Errorf("unknown operation %q", kind)
	}
	return op, nil
}

// MarshalPatch writes p as a Pacemaker <diff format="2"> document.
func MarshalPatch(p *Patch) []byte { return xmltree.Marshal(PatchToNode(p)) }

// UnmarshalPatch reads a <diff format="2"> document. It takes ownership of
// data, like DecodeBytes.
func UnmarshalPatch(data []byte) (*Patch, error) {
	n, err := xmltree.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadPatch, err)
	}
	return PatchFromNode(n)
}
