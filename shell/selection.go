package shell

import (
	"fmt"
	"slices"
	"strings"

	"gocrm/cib"
	"gocrm/cib/xmltree"
)

// selection picks objects of a CIB by id and by kind (type:KIND); an
// empty selection is everything.
type selection struct {
	ids   map[string]bool
	kinds map[string]bool
}

func (sel selection) all() bool { return len(sel.ids) == 0 && len(sel.kinds) == 0 }

func (sel selection) has(kind, id string) bool {
	return sel.all() || sel.ids[id] || sel.kinds[kind]
}

// parseSelection reads id and type:KIND arguments, checking that each
// names something in c.
func parseSelection(c *Call, args []string, argOff int, cur *cib.CIB) (selection, error) {
	sel := selection{ids: map[string]bool{}, kinds: map[string]bool{}}
	var errs errorList
	for i, a := range args {
		if k, ok := strings.CutPrefix(a, "type:"); ok {
			if !slices.Contains(objectKinds, k) {
				errs = append(errs, c.ArgError(argOff+i, "unknown object type %q (one of %s)", k, strings.Join(objectKinds, ", ")))
			}
			sel.kinds[k] = true
			continue
		}
		if findObject(cur, a) == "" {
			errs = append(errs, c.ArgError(argOff+i, "%v", noObject(cur, a)))
		}
		sel.ids[a] = true
	}
	if len(errs) > 0 {
		return sel, errs
	}
	return sel, nil
}

// subset returns a CIB holding only the selected objects of c, in c's
// order: a selected group member or clone child is lifted out on its own.
// The objects are shared with c, not copied.
func subset(c *cib.CIB, sel selection) *cib.CIB {
	if sel.all() {
		return c
	}
	out := &cib.CIB{Version: c.Version, Attrs: c.Attrs}
	cf, of := &c.Config, &out.Config
	for _, n := range cf.Nodes {
		if sel.has("node", n.Uname) || sel.ids[n.ID] {
			of.Nodes = append(of.Nodes, n)
		}
	}
	var walk func(r cib.Resource)
	walk = func(r cib.Resource) {
		if sel.has(resourceKind(r), r.ResourceID()) {
			of.Resources = append(of.Resources, r)
			return
		}
		switch x := r.(type) {
		case *cib.Group:
			for _, p := range x.Children {
				walk(p)
			}
		case *cib.Clone:
			if x.Child != nil {
				walk(x.Child)
			}
		case *cib.Bundle:
			if x.Primitive != nil {
				walk(x.Primitive)
			}
		}
	}
	for _, r := range cf.Resources {
		walk(r)
	}
	for _, k := range cf.Constraints {
		if sel.has(constraintKind(k), k.ConstraintID()) {
			of.Constraints = append(of.Constraints, k)
		}
	}
	pick := func(kind string, sets []*cib.NVSet) (out []*cib.NVSet) {
		for _, s := range sets {
			if sel.has(kind, s.ID) {
				out = append(out, s)
			}
		}
		return out
	}
	of.CRMConfig = pick("property", cf.CRMConfig)
	of.RscDefaults = pick("rsc_defaults", cf.RscDefaults)
	of.OpDefaults = pick("op_defaults", cf.OpDefaults)
	if sel.has("fencing_topology", fencingTopologyID) {
		of.FencingTopology = cf.FencingTopology
	}
	for _, t := range cf.Tags {
		if sel.has("tag", t.ID) {
			of.Tags = append(of.Tags, t)
		}
	}
	for _, a := range cf.Alerts {
		if sel.has("alert", a.ID) {
			of.Alerts = append(of.Alerts, a)
		}
	}
	if a := cf.ACLs; a != nil {
		acl := &cib.ACLs{}
		for _, t := range a.Targets {
			if sel.has("acl_target", t.ID) {
				acl.Targets = append(acl.Targets, t)
			}
		}
		for _, g := range a.Groups {
			if sel.has("acl_group", g.ID) {
				acl.Groups = append(acl.Groups, g)
			}
		}
		for _, r := range a.Roles {
			if sel.has("role", r.ID) {
				acl.Roles = append(acl.Roles, r)
			}
		}
		if len(acl.Targets)+len(acl.Groups)+len(acl.Roles) > 0 {
			of.ACLs = acl
		}
	}
	return out
}

func resourceKind(r cib.Resource) string {
	switch x := r.(type) {
	case *cib.Primitive:
		return "primitive"
	case *cib.Template:
		return "rsc_template"
	case *cib.Group:
		return "group"
	case *cib.Clone:
		if x.Legacy {
			return "ms"
		}
		return "clone"
	case *cib.Bundle:
		return "bundle"
	}
	return ""
}

func constraintKind(k cib.Constraint) string {
	switch k.(type) {
	case *cib.Location:
		return "location"
	case *cib.Colocation:
		return "colocation"
	case *cib.Order:
		return "order"
	case *cib.Ticket:
		return "rsc_ticket"
	}
	return ""
}

// selectionXML writes the selected objects of c as XML elements, or the
// whole CIB when the selection is everything.
func selectionXML(c *cib.CIB, sel selection) string {
	if sel.all() {
		return string(cib.Marshal(c))
	}
	sub := subset(c, sel)
	var nodes []*xmltree.Node
	cf := &sub.Config
	for _, n := range cf.Nodes {
		nodes = append(nodes, cib.EncodeNode(n))
	}
	for _, r := range cf.Resources {
		nodes = append(nodes, cib.EncodeResource(r))
	}
	for _, k := range cf.Constraints {
		nodes = append(nodes, cib.EncodeConstraint(k))
	}
	for _, s := range cf.CRMConfig {
		nodes = append(nodes, cib.EncodeNVSet("cluster_property_set", s))
	}
	for _, s := range append(append([]*cib.NVSet(nil), cf.RscDefaults...), cf.OpDefaults...) {
		nodes = append(nodes, cib.EncodeNVSet("meta_attributes", s))
	}
	for _, l := range cf.FencingTopology {
		nodes = append(nodes, cib.EncodeFencingLevel(l))
	}
	for _, t := range cf.Tags {
		nodes = append(nodes, cib.EncodeTag(t))
	}
	for _, a := range cf.Alerts {
		nodes = append(nodes, cib.EncodeAlert(a))
	}
	if a := cf.ACLs; a != nil {
		for _, t := range a.Targets {
			nodes = append(nodes, cib.EncodeACLTarget(t))
		}
		for _, g := range a.Groups {
			nodes = append(nodes, cib.EncodeACLGroup(g))
		}
		for _, r := range a.Roles {
			nodes = append(nodes, cib.EncodeACLRole(r))
		}
	}
	var b strings.Builder
	for _, n := range nodes {
		b.Write(xmltree.Marshal(n))
	}
	return b.String()
}

// noObject is the error for an id that names nothing, with the close
// matches among the ids there are.
func noObject(c *cib.CIB, id string) error {
	var ids []string
	for _, o := range listObjects(c) {
		ids = append(ids, o.ID)
	}
	if m := closeMatches(id, ids, 3); len(m) > 0 {
		return fmt.Errorf("%w: %s (did you mean %s?)", errNotFound, id, orList(m))
	}
	return fmt.Errorf("%w: %s", errNotFound, id)
}
