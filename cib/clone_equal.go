package cib

import (
	"slices"
	"strings"

	"gocrm/cib/xmltree"
)

// Equal reports whether a and b are the same CIB semantically: the same
// version, values and lists, where
//   - attribute order does not matter (Attrs lists, Extra attributes and
//     the attributes of raw nodes are compared as sets),
//   - nil and empty slices are the same,
//   - an empty SectionExtra entry is the same as none, and an empty ACLs
//     the same as nil.
//
// Order matters everywhere else: resources, constraints, sets, rules, nvsets,
// pairs, ops and raw nodes are compared in order.
func Equal(a, b *CIB) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Version == b.Version && attrsEqual(a.Attrs, b.Attrs) &&
		a.Config.equal(&b.Config) && a.Status.equal(&b.Status) && a.Extra.equal(&b.Extra)
}

// listEqual compares two slices of pointers element by element; nil
// elements equal only nil.
func listEqual[T any](a, b []*T, eq func(x, y *T) bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] == nil || b[i] == nil {
			if a[i] != b[i] {
				return false
			}
			continue
		}
		if !eq(a[i], b[i]) {
			return false
		}
	}
	return true
}

// attrsEqual compares attribute lists as multisets.
func attrsEqual(a, b []xmltree.Attr) bool {
	if len(a) != len(b) {
		return false
	}
	if slices.Equal(a, b) {
		return true
	}
	sa, sb := slices.Clone(a), slices.Clone(b)
	cmp := func(x, y xmltree.Attr) int {
		if c := strings.Compare(x.Name, y.Name); c != 0 {
			return c
		}
		return strings.Compare(x.Value, y.Value)
	}
	slices.SortFunc(sa, cmp)
	slices.SortFunc(sb, cmp)
	return slices.Equal(sa, sb)
}

func (x *Extra) equal(y *Extra) bool {
	return attrsEqual(x.Attrs, y.Attrs) && listEqual(x.Nodes, y.Nodes, nodeEqual)
}

// nodeEqual compares raw nodes; attribute order does not matter.
func nodeEqual(a, b *xmltree.Node) bool {
	return a.Kind == b.Kind && a.Name == b.Name && a.Text == b.Text &&
		attrsEqual(a.Attrs, b.Attrs) && listEqual(a.Children, b.Children, nodeEqual)
}

func (cfg *Configuration) equal(o *Configuration) bool {
	return listEqual(cfg.CRMConfig, o.CRMConfig, (*NVSet).equal) &&
		listEqual(cfg.Nodes, o.Nodes, (*Node).equal) &&
		slices.EqualFunc(cfg.Resources, o.Resources, resourceEqual) &&
		slices.EqualFunc(cfg.Constraints, o.Constraints, constraintEqual) &&
		listEqual(cfg.RscDefaults, o.RscDefaults, (*NVSet).equal) &&
		listEqual(cfg.OpDefaults, o.OpDefaults, (*NVSet).equal) &&
		listEqual(cfg.FencingTopology, o.FencingTopology, (*FencingLevel).equal) &&
		listEqual(cfg.Tags, o.Tags, (*Tag).equal) &&
		cfg.ACLs.equal(o.ACLs) &&
		listEqual(cfg.Alerts, o.Alerts, (*Alert).equal) &&
		sectionsEqual(cfg.SectionExtra, o.SectionExtra) &&
		cfg.Extra.equal(&o.Extra)
}

func sectionsEqual(a, b map[string]*Extra) bool {
	get := func(m map[string]*Extra, k string) *Extra {
		if x := m[k]; x != nil {
			return x
		}
		return &Extra{}
	}
	for k := range a {
		if !get(a, k).equal(get(b, k)) {
			return false
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok && !get(b, k).IsZero() {
			return false
		}
	}
	return true
}

func (s *NVSet) equal(o *NVSet) bool {
	return s.ID == o.ID && s.IDRef == o.IDRef && s.Score == o.Score &&
		listEqual(s.Rules, o.Rules, (*Rule).equal) &&
		listEqual(s.Pairs, o.Pairs, (*NVPair).equal) && s.Extra.equal(&o.Extra)
}

func (p *NVPair) equal(o *NVPair) bool {
	return p.ID == o.ID && p.IDRef == o.IDRef && p.Name == o.Name && p.Value == o.Value &&
		p.NoValue == o.NoValue && p.Extra.equal(&o.Extra)
}

func (n *Node) equal(o *Node) bool {
	return n.ID == o.ID && n.Uname == o.Uname && n.Type == o.Type &&
		n.Description == o.Description && n.Score == o.Score &&
		listEqual(n.Attributes, o.Attributes, (*NVSet).equal) &&
		listEqual(n.Utilization, o.Utilization, (*NVSet).equal) && n.Extra.equal(&o.Extra)
}

func (l *FencingLevel) equal(o *FencingLevel) bool {
	return l.ID == o.ID && l.Target == o.Target && l.TargetPattern == o.TargetPattern &&
		l.TargetAttribute == o.TargetAttribute && l.TargetValue == o.TargetValue &&
		l.Index == o.Index && l.Devices == o.Devices && l.Extra.equal(&o.Extra)
}

func (t *Tag) equal(o *Tag) bool {
	return t.ID == o.ID && slices.Equal(t.Refs, o.Refs) && t.Extra.equal(&o.Extra)
}

func (a *ACLs) equal(o *ACLs) bool {
	if a == nil {
		a = &ACLs{}
	}
	if o == nil {
		o = &ACLs{}
	}
	return listEqual(a.Targets, o.Targets, func(x, y *ACLTarget) bool {
		return x.ID == y.ID && x.Name == y.Name && slices.Equal(x.Roles, y.Roles) && x.Extra.equal(&y.Extra)
	}) && listEqual(a.Groups, o.Groups, func(x, y *ACLGroup) bool {
		return x.ID == y.ID && x.Name == y.Name && slices.Equal(x.Roles, y.Roles) && x.Extra.equal(&y.Extra)
	}) && listEqual(a.Roles, o.Roles, func(x, y *ACLRole) bool {
		return x.ID == y.ID && x.Description == y.Description && x.Extra.equal(&y.Extra) &&
			listEqual(x.Perms, y.Perms, func(p, q *ACLPermission) bool {
				return p.ID == q.ID && p.Kind == q.Kind && p.Xpath == q.Xpath &&
					p.Reference == q.Reference && p.ObjectType == q.ObjectType &&
					p.Attribute == q.Attribute && p.Description == q.Description && p.Extra.equal(&q.Extra)
			})
	}) && a.Extra.equal(&o.Extra)
}

func (a *Alert) equal(o *Alert) bool {
	if a.ID != o.ID || a.Path != o.Path || a.Description != o.Description ||
		!listEqual(a.Params, o.Params, (*NVSet).equal) || !listEqual(a.Meta, o.Meta, (*NVSet).equal) ||
		!a.Extra.equal(&o.Extra) || (a.Select == nil) != (o.Select == nil) {
		return false
	}
	if s, t := a.Select, o.Select; s != nil {
		if s.Fencing != t.Fencing || s.Nodes != t.Nodes || s.Resources != t.Resources ||
			s.Attributes != t.Attributes || !slices.Equal(s.AttributeNames, t.AttributeNames) ||
			!s.Extra.equal(&t.Extra) {
			return false
		}
	}
	return listEqual(a.Recipients, o.Recipients, func(x, y *Recipient) bool {
		return x.ID == y.ID && x.Value == y.Value && x.Description == y.Description &&
			listEqual(x.Params, y.Params, (*NVSet).equal) && listEqual(x.Meta, y.Meta, (*NVSet).equal) &&
			x.Extra.equal(&y.Extra)
	})
}
