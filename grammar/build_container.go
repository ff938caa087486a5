package grammar

import (
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"gocrm/cib"
)

func (b *Builder) group(st *GroupStmt, comments []string) error {
	g := &cib.Group{ID: st.ID.Value, Extra: commentNodes(comments)}
	old, err := b.checkResourceID(st.ID, "group")
	if err != nil {
		return err
	}
	if st.Desc.Type != 0 {
		_, g.Description = tokVal(st.Desc)
	}
	g.Params, g.Meta, err = b.containerSets(st.Implicit, st.Sets)
	if err != nil {
		return err
	}
	seen := make(map[string]bool, len(st.Children))
	var children []cib.Resource
	for _, t := range st.Children {
		if seen[t.Value] {
			return errorf(t.Pos, "child %s listed more than once in group %s", t.Value, g.ID)
		}
		seen[t.Value] = true
		r, err := b.childOf(t, g.ID, old)
		if err != nil {
			return err
		}
		p, ok := r.(*cib.Primitive)
		if !ok {
			return errorf(t.Pos, "a group may contain only primitives; %s is %s", t.Value, resourceKind(r))
		}
		g.Children = append(g.Children, p)
		children = append(children, r)
	}
	var own map[string]bool
	var oldGroup *cib.Group
	if old != nil {
		own = ownIDs(old.r)
		oldGroup, _ = old.r.(*cib.Group)
	}
	a := b.assigner(st.Pos, own)
	a.explicit(g.ID)
	a.container(g.ID, g.Params, g.Meta, containerSetsOf(oldGroup))
	if a.err != nil {
		return a.err
	}
	b.adopt(g, children, old)
	return nil
}

// childOf finds the resource a container statement names as its child:
// it must exist and not be in another container (in update mode it may be
// in the container being replaced).
func (b *Builder) childOf(t lexer.Token, parentID string, old *rscEntry) (cib.Resource, error) {
	e := b.rscs[t.Value]
	if e == nil {
		return nil, errorf(t.Pos, "%s refers to missing object %s", parentID, t.Value)
	}
	if _, ok := e.r.(*cib.Template); ok {
		return nil, errorf(t.Pos, "%s is a resource template and cannot be a child of %s", t.Value, parentID)
	}
	if e.parent != nil && (old == nil || e.parent != old.r) {
		return nil, errorf(t.Pos, "%s already in use at %s", t.Value, e.parent.ResourceID())
	}
	return e.r, nil
}

// adopt adds a new container (or replaces old): its children leave the
// top level (or the container they were in), and constraints naming a
// child now name the container, as crmsh does.
func (b *Builder) adopt(parent cib.Resource, children []cib.Resource, old *rscEntry) {
	moved := make(map[cib.Resource]bool, len(children))
	for _, c := range children {
		moved[c] = true
	}
	rs := b.c.Config.Resources[:0]
	for _, r := range b.c.Config.Resources {
		if !moved[r] {
			rs = append(rs, r)
		}
	}
	b.c.Config.Resources = rs
	if old != nil {
		// children of the old container that the new one drops go back
		// to the top level, as in crmsh
		for _, c := range containerChildren(old.r) {
			if !moved[c] {
				b.c.Config.Resources = append(b.c.Config.Resources, c)
				b.rscs[c.ResourceID()].parent = nil
			}
		}
	}
	b.commitResource(parent, old)
	for _, c := range children {
		b.redirectConstraints(c.ResourceID(), parent.ResourceID())
	}
	b.dropSillyConstraints(parent.ResourceID())
}

func containerChildren(r cib.Resource) []cib.Resource {
	switch r := r.(type) {
	case *cib.Group:
		out := make([]cib.Resource, len(r.Children))
		for i, p := range r.Children {
			out[i] = p
		}
		return out
	case *cib.Clone:
		if r.Child != nil {
			return []cib.Resource{r.Child}
		}
	case *cib.Bundle:
		if r.Primitive != nil {
			return []cib.Resource{r.Primitive}
		}
	}
	return nil
}

// containerSets builds the params and meta blocks of a group or clone.
func (b *Builder) containerSets(implicit *AttrBody, sets []*ContainerSet) (params, meta []*cib.NVSet, err error) {
	if implicit != nil {
		s, err := b.nvset(implicit, implicit.Pos, pairsNormal)
		if err != nil {
			return nil, nil, err
		}
		params = append(params, s)
	}
	for _, set := range sets {
		s, err := b.nvset(set.Body, set.Pos, pairsNormal)
		if err != nil {
			return nil, nil, err
		}
		if strings.EqualFold(set.Keyword, "meta") {
			meta = append(meta, s)
		} else {
			params = append(params, s)
		}
	}
	return params, meta, nil
}

func (b *Builder) clone(st *CloneStmt, comments []string) error {
	kw := strings.ToLower(st.Keyword)
	kind := "clone"
	if kw != "clone" {
		kind = "ms"
	}
	c := &cib.Clone{ID: st.ID.Value, Legacy: kind == "ms", Extra: commentNodes(comments)}
	old, err := b.checkResourceID(st.ID, kind)
	if err != nil {
		return err
	}
	if st.Desc.Type != 0 {
		_, c.Description = tokVal(st.Desc)
	}
	c.Params, c.Meta, err = b.containerSets(st.Implicit, st.Sets)
	if err != nil {
		return err
	}
	child, err := b.childOf(st.Child, c.ID, old)
	if err != nil {
		return err
	}
	switch child.(type) {
	case *cib.Primitive, *cib.Group:
	default:
		return errorf(st.Child.Pos, "%s may contain a primitive or a group; %s is %s", kind, st.Child.Value, resourceKind(child))
	}
	c.Child = child
	var own map[string]bool
	var oldClone *cib.Clone
	if old != nil {
		own = ownIDs(old.r)
		oldClone, _ = old.r.(*cib.Clone)
	}
	a := b.assigner(st.Pos, own)
	a.explicit(c.ID)
	a.container(c.ID, c.Params, c.Meta, containerSetsOf(oldClone))
	if a.err != nil {
		return a.err
	}
	b.adopt(c, []cib.Resource{child}, old)
	return nil
}

func (b *Builder) bundle(st *BundleStmt, comments []string) error {
	bu := &cib.Bundle{ID: st.ID.Value, Extra: commentNodes(comments)}
	old, err := b.checkResourceID(st.ID, "bundle")
	if err != nil {
		return err
	}
	if st.Desc.Type != 0 {
		_, bu.Description = tokVal(st.Desc)
	}
	var child cib.Resource
	var childTok lexer.Token
	for _, part := range st.Parts {
		switch {
		case part.Options != nil:
			if err := bundleOptions(bu, part.Options); err != nil {
				return err
			}
		case part.Primitive.Type != 0:
			if child != nil {
				return errorf(part.Primitive.Pos, "bundle %s has more than one primitive", bu.ID)
			}
			childTok = part.Primitive
			child, err = b.childOf(part.Primitive, bu.ID, old)
			if err != nil {
				return err
			}
			p, ok := child.(*cib.Primitive)
			if !ok {
				return errorf(part.Primitive.Pos, "a bundle may contain only a primitive; %s is %s", childTok.Value, resourceKind(child))
			}
			bu.Primitive = p
		default:
			s, err := b.nvset(part.Meta, part.Pos, pairsNormal)
			if err != nil {
				return err
			}
			bu.Meta = append(bu.Meta, s)
		}
	}
	if bu.Container == nil {
		return errorf(st.Pos, "bundle %s needs a container: docker, podman or rkt", bu.ID)
	}
	var own map[string]bool
	var oldBundle *cib.Bundle
	if old != nil {
		own = ownIDs(old.r)
		oldBundle, _ = old.r.(*cib.Bundle)
	}
	a := b.assigner(st.Pos, own)
	a.explicit(bu.ID)
	a.bundle(bu, oldBundle)
	if a.err != nil {
		return a.err
	}
	var children []cib.Resource
	if child != nil {
		children = append(children, child)
	}
	b.adopt(bu, children, old)
	return nil
}

// bundleOptions applies a docker/rkt/podman, network or storage block: its
// name=value items are attributes of the element; a bare port-mapping or
// storage-mapping starts a sub-element that takes the items after it.
func bundleOptions(bu *cib.Bundle, o *BundleOptions) error {
	kind := strings.ToLower(o.Kind)
	var attrs *cib.Attrs
	var sub *cib.Attrs
	var subID *string
	switch kind {
	case "docker", "rkt", "podman":
		if bu.Container != nil && bu.Container.Kind != kind {
			return errorf(o.Pos, "bundle %s already has a %s container", bu.ID, bu.Container.Kind)
		}
		if bu.Container == nil {
			bu.Container = &cib.BundleContainer{Kind: kind}
		}
		attrs = &bu.Container.Attrs
	case "network":
		if bu.Network == nil {
			bu.Network = &cib.BundleNetwork{}
		}
		attrs = &bu.Network.Attrs
	case "storage":
		bu.StorageSet = true
	}
	for _, t := range o.Attrs {
		if t.Type == TokWord {
			switch {
			case kind == "network" && t.Value == "port-mapping":
				m := &cib.PortMapping{}
				bu.Network.Ports = append(bu.Network.Ports, m)
				sub, subID = &m.Attrs, &m.ID
				continue
			case kind == "storage" && t.Value == "storage-mapping":
				m := &cib.StorageMapping{}
				bu.Storage = append(bu.Storage, m)
				sub, subID = &m.Attrs, &m.ID
				continue
			}
			return errorf(t.Pos, "expected <name>=<value> in %s, found %q", kind, t.Value)
		}
		n, v := tokVal(t)
		if err := checkName(t, n); err != nil {
			return err
		}
		switch {
		case sub != nil && n == "id":
			*subID = v
		case sub != nil:
			sub.Set(n, v)
		case attrs != nil:
			attrs.Set(n, v)
		default:
			return errorf(t.Pos, "expected storage-mapping, found %q", t.Value)
		}
	}
	return nil
}
