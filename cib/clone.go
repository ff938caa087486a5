package cib

import (
	"maps"

	"gocrm/cib/xmltree"
)

// Clone returns a deep copy of c: no slice, map, pointer or node is shared
// with c, so either may be changed without affecting the other. Strings
// are shared, as they are immutable. The status section, the bulk of a big
// CIB, is copied with one allocation per kind of object per node.
func (c *CIB) Clone() *CIB {
	if c == nil {
		return nil
	}
	return &CIB{
		Version: c.Version,
		Attrs:   cloneAttrs(c.Attrs),
		Config:  c.Config.clone(),
		Status:  c.Status.clone(),
		Extra:   c.Extra.clone(),
	}
}

// CloneResource returns a deep copy of r.
func CloneResource(r Resource) Resource { return cloneResource(r) }

// CloneConstraint returns a deep copy of c.
func CloneConstraint(c Constraint) Constraint { return cloneConstraint(c) }

func cloneAttrs(as Attrs) Attrs {
	if as == nil {
		return nil
	}
	return append(make(Attrs, 0, len(as)), as...)
}

func cloneStrings(s []string) []string {
	if s == nil {
		return nil
	}
	return append(make([]string, 0, len(s)), s...)
}

func (x *Extra) clone() Extra {
	out := Extra{Attrs: cloneAttrs(x.Attrs)}
	if x.Nodes != nil {
		out.Nodes = make([]*xmltree.Node, len(x.Nodes))
		for i, n := range x.Nodes {
			out.Nodes[i] = n.Clone()
		}
	}
	return out
}

// cloneList deep-copies a slice of pointers with the element's clone.
func cloneList[T any](list []*T, clone func(*T) *T) []*T {
	if list == nil {
		return nil
	}
	out := make([]*T, len(list))
	for i, v := range list {
		out[i] = clone(v)
	}
	return out
}

func (cfg *Configuration) clone() Configuration {
	out := Configuration{
		CRMConfig:       cloneList(cfg.CRMConfig, (*NVSet).clone),
		Nodes:           cloneList(cfg.Nodes, (*Node).clone),
		RscDefaults:     cloneList(cfg.RscDefaults, (*NVSet).clone),
		OpDefaults:      cloneList(cfg.OpDefaults, (*NVSet).clone),
		FencingTopology: cloneList(cfg.FencingTopology, (*FencingLevel).clone),
		Tags:            cloneList(cfg.Tags, (*Tag).clone),
		ACLs:            cfg.ACLs.clone(),
		Alerts:          cloneList(cfg.Alerts, (*Alert).clone),
		Extra:           cfg.Extra.clone(),
	}
	if cfg.Resources != nil {
		out.Resources = make([]Resource, len(cfg.Resources))
		for i, r := range cfg.Resources {
			out.Resources[i] = cloneResource(r)
		}
	}
	if cfg.Constraints != nil {
		out.Constraints = make([]Constraint, len(cfg.Constraints))
		for i, c := range cfg.Constraints {
			out.Constraints[i] = cloneConstraint(c)
		}
	}
	if cfg.SectionExtra != nil {
		out.SectionExtra = maps.Clone(cfg.SectionExtra)
		for k, x := range out.SectionExtra {
			if x != nil {
				c := x.clone()
				out.SectionExtra[k] = &c
			}
		}
	}
	return out
}

func (s *NVSet) clone() *NVSet {
	if s == nil {
		return nil
	}
	return &NVSet{
		ID: s.ID, IDRef: s.IDRef, Score: s.Score,
		Rules: cloneList(s.Rules, (*Rule).clone),
		Pairs: cloneList(s.Pairs, (*NVPair).clone),
		Extra: s.Extra.clone(),
	}
}

func (p *NVPair) clone() *NVPair {
	if p == nil {
		return nil
	}
	c := *p
	c.Extra = p.Extra.clone()
	return &c
}

func (n *Node) clone() *Node {
	if n == nil {
		return nil
	}
	c := *n
	c.Attributes = cloneList(n.Attributes, (*NVSet).clone)
	c.Utilization = cloneList(n.Utilization, (*NVSet).clone)
	c.Extra = n.Extra.clone()
	return &c
}

func (l *FencingLevel) clone() *FencingLevel {
	if l == nil {
		return nil
	}
	c := *l
	c.Extra = l.Extra.clone()
	return &c
}

func (t *Tag) clone() *Tag {
	if t == nil {
		return nil
	}
	return &Tag{ID: t.ID, Refs: cloneStrings(t.Refs), Extra: t.Extra.clone()}
}

func (a *ACLs) clone() *ACLs {
	if a == nil {
		return nil
	}
	return &ACLs{
		Targets: cloneList(a.Targets, func(t *ACLTarget) *ACLTarget {
			if t == nil {
				return nil
			}
			return &ACLTarget{ID: t.ID, Name: t.Name, Roles: cloneStrings(t.Roles), Extra: t.Extra.clone()}
		}),
		Groups: cloneList(a.Groups, func(g *ACLGroup) *ACLGroup {
			if g == nil {
				return nil
			}
			return &ACLGroup{ID: g.ID, Name: g.Name, Roles: cloneStrings(g.Roles), Extra: g.Extra.clone()}
		}),
		Roles: cloneList(a.Roles, func(r *ACLRole) *ACLRole {
			if r == nil {
				return nil
			}
			return &ACLRole{ID: r.ID, Description: r.Description, Extra: r.Extra.clone(),
				Perms: cloneList(r.Perms, func(p *ACLPermission) *ACLPermission {
					if p == nil {
						return nil
					}
					c := *p
					c.Extra = p.Extra.clone()
					return &c
				})}
		}),
		Extra: a.Extra.clone(),
	}
}

func (a *Alert) clone() *Alert {
	if a == nil {
		return nil
	}
	c := *a
	c.Params = cloneList(a.Params, (*NVSet).clone)
	c.Meta = cloneList(a.Meta, (*NVSet).clone)
	if a.Select != nil {
		s := *a.Select
		if s.AttributeNames != nil {
			s.AttributeNames = append([]AlertAttribute(nil), s.AttributeNames...)
		}
		s.Extra = a.Select.Extra.clone()
		c.Select = &s
	}
	c.Recipients = cloneList(a.Recipients, func(r *Recipient) *Recipient {
		if r == nil {
			return nil
		}
		c := *r
		c.Params = cloneList(r.Params, (*NVSet).clone)
		c.Meta = cloneList(r.Meta, (*NVSet).clone)
		c.Extra = r.Extra.clone()
		return &c
	})
	c.Extra = a.Extra.clone()
	return &c
}
