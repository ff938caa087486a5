package shell

import (
	"slices"
	"strings"

	"gocrm/cib"
)

// fencingTopologyID is the name crm gives the fencing topology, which is
// one object made of all the fencing levels.
const fencingTopologyID = "fencing_topology"

// listObjects returns the crm objects of c: resources at any depth,
// constraints, nodes (by name), property and defaults sets, tags, ACL
// objects, alerts and the fencing topology, in document order.
func listObjects(c *cib.CIB) []ObjectRef {
	if c == nil {
		return nil
	}
	var out []ObjectRef
	ix := cib.NewIndex(c)
	ft := false
	for _, e := range ix.Entries() {
		kind := cib.CRMKind(e)
		switch {
		case kind == "":
		case kind == "fencing_topology":
			if !ft {
				out = append(out, ObjectRef{ID: fencingTopologyID, Kind: kind})
				ft = true
			}
		case kind == "node":
			n := e.Obj.(*cib.Node)
			id := n.Uname
			if id == "" {
				id = n.ID
			}
			out = append(out, ObjectRef{ID: id, Kind: kind})
		case e.ID != "":
			out = append(out, ObjectRef{ID: e.ID, Kind: kind})
		}
	}
	return out
}

// findObject returns the kind of the object named id ("" if none). A node
// is found by its name or its id.
func findObject(c *cib.CIB, id string) string {
	for _, o := range listObjects(c) {
		if o.ID == id {
			return o.Kind
		}
	}
	for _, n := range c.Config.Nodes {
		if n.ID == id {
			return "node"
		}
	}
	return ""
}

// removeObject removes the object named id and reports whether it was
// there. As in crmsh, the members of a removed group or clone stay, moved
// to the top level, and a group or clone left empty goes too.
func removeObject(c *cib.CIB, id string) bool {
	cf := &c.Config
	if id == fencingTopologyID && len(cf.FencingTopology) > 0 {
		cf.FencingTopology = nil
		return true
	}
	found := false
	cf.Resources = removeResource(cf.Resources, id, &found)
	del := func(match bool) bool {
		found = found || match
		return match
	}
	cf.Constraints = slices.DeleteFunc(cf.Constraints, func(k cib.Constraint) bool { return del(k.ConstraintID() == id) })
	cf.Nodes = slices.DeleteFunc(cf.Nodes, func(n *cib.Node) bool { return del(n.ID == id || n.Uname == id) })
	isSet := func(s *cib.NVSet) bool { return del(s.ID == id) }
	cf.CRMConfig = slices.DeleteFunc(cf.CRMConfig, isSet)
	cf.RscDefaults = slices.DeleteFunc(cf.RscDefaults, isSet)
	cf.OpDefaults = slices.DeleteFunc(cf.OpDefaults, isSet)
	cf.Tags = slices.DeleteFunc(cf.Tags, func(t *cib.Tag) bool { return del(t.ID == id) })
	cf.Alerts = slices.DeleteFunc(cf.Alerts, func(a *cib.Alert) bool { return del(a.ID == id) })
	if a := cf.ACLs; a != nil {
		a.Targets = slices.DeleteFunc(a.Targets, func(t *cib.ACLTarget) bool { return del(t.ID == id) })
		a.Groups = slices.DeleteFunc(a.Groups, func(g *cib.ACLGroup) bool { return del(g.ID == id) })
		a.Roles = slices.DeleteFunc(a.Roles, func(r *cib.ACLRole) bool { return del(r.ID == id) })
	}
	return found
}

// members returns the resources a container holds.
func members(r cib.Resource) []cib.Resource {
	switch x := r.(type) {
	case *cib.Group:
		out := make([]cib.Resource, len(x.Children))
		for i, p := range x.Children {
			out[i] = p
		}
		return out
	case *cib.Clone:
		if x.Child != nil {
			return []cib.Resource{x.Child}
		}
	case *cib.Bundle:
		if x.Primitive != nil {
			return []cib.Resource{x.Primitive}
		}
	}
	return nil
}

// removeResource removes the resource id from list, at any depth, and
// returns the new list: a removed container's members take its place.
func removeResource(list []cib.Resource, id string, found *bool) []cib.Resource {
	out := make([]cib.Resource, 0, len(list))
	for _, r := range list {
		if r.ResourceID() == id {
			*found = true
			out = append(out, members(r)...)
			continue
		}
		switch x := r.(type) {
		case *cib.Group:
			n := len(x.Children)
			x.Children = slices.DeleteFunc(x.Children, func(p *cib.Primitive) bool { return p.ID == id })
			if len(x.Children) != n {
				*found = true
				if len(x.Children) == 0 {
					continue
				}
			}
		case *cib.Clone:
			if x.Child == nil {
				break
			}
			kids := removeResource([]cib.Resource{x.Child}, id, found)
			if len(kids) != 1 || kids[0] != x.Child {
				// The child went: the clone goes, any members it
				// left move up.
				out = append(out, kids...)
				continue
			}
		case *cib.Bundle:
			if x.Primitive != nil && x.Primitive.ID == id {
				x.Primitive = nil
				*found = true
			}
		}
		out = append(out, r)
	}
	return out
}

// removeReferences drops references to id: constraints on it go (a set
// loses the member, and a constraint left without members goes), tags and
// fencing levels forget it. It returns the ids of the constraints removed.
func removeReferences(c *cib.CIB, id string) []string {
	var gone []string
	cf := &c.Config
	cf.Constraints = slices.DeleteFunc(cf.Constraints, func(k cib.Constraint) bool {
		if constraintDropsRef(k, id) {
			gone = append(gone, k.ConstraintID())
			return true
		}
		return false
	})
	for _, t := range cf.Tags {
		t.Refs = slices.DeleteFunc(t.Refs, func(r string) bool { return r == id })
	}
	cf.Tags = slices.DeleteFunc(cf.Tags, func(t *cib.Tag) bool { return len(t.Refs) == 0 })
	for _, l := range cf.FencingTopology {
		devs := strings.Split(l.Devices, ",")
		l.Devices = strings.Join(slices.DeleteFunc(devs, func(d string) bool { return d == id }), ",")
	}
	cf.FencingTopology = slices.DeleteFunc(cf.FencingTopology, func(l *cib.FencingLevel) bool { return l.Devices == "" })
	return gone
}

// constraintDropsRef removes id from the constraint's sets and reports
// whether the constraint must go: it names id directly, or no member is
// left.
func constraintDropsRef(k cib.Constraint, id string) bool {
	var sets *[]*cib.ResourceSet
	switch x := k.(type) {
	case *cib.Location:
		if x.Rsc == id {
			return true
		}
		sets = &x.Sets
	case *cib.Colocation:
		if x.Rsc == id || x.WithRsc == id {
			return true
		}
		sets = &x.Sets
	case *cib.Order:
		if x.First == id || x.Then == id {
			return true
		}
		sets = &x.Sets
	case *cib.Ticket:
		if x.Rsc == id {
			return true
		}
		sets = &x.Sets
	default:
		return false
	}
	if len(*sets) == 0 {
		return false
	}
	for _, s := range *sets {
		s.Refs = slices.DeleteFunc(s.Refs, func(r string) bool { return r == id })
	}
	*sets = slices.DeleteFunc(*sets, func(s *cib.ResourceSet) bool { return len(s.Refs) == 0 && s.IDRef == "" })
	return len(*sets) == 0
}

// renameObject gives the object old the id new and updates every
// reference to it. It reports whether old was found.
func renameObject(c *cib.CIB, old, new string) bool {
	found := false
	ix := cib.NewIndex(c)
	for _, e := range ix.All(old) {
		if e.Object() != e {
			continue
		}
		found = true
		switch o := e.Obj.(type) {
		case *cib.Primitive:
			o.ID = new
		case *cib.Template:
			o.ID = new
		case *cib.Group:
			o.ID = new
		case *cib.Clone:
			o.ID = new
		case *cib.Bundle:
			o.ID = new
		case *cib.Location:
			o.ID = new
		case *cib.Colocation:
			o.ID = new
		case *cib.Order:
			o.ID = new
		case *cib.Ticket:
			o.ID = new
		case *cib.Node:
			if o.Uname == old || o.Uname == "" {
				o.Uname = new
			}
			if o.ID == old {
				o.ID = new
			}
		case *cib.NVSet:
			o.ID = new
		case *cib.Tag:
			o.ID = new
		case *cib.Alert:
			o.ID = new
		case *cib.ACLTarget:
			o.ID = new
		case *cib.ACLGroup:
			o.ID = new
		case *cib.ACLRole:
			o.ID = new
		default:
			found = false
		}
	}
	if !found {
		return false
	}
	ren := func(s *string) {
		if *s == old {
			*s = new
		}
	}
	renSets := func(sets []*cib.ResourceSet) {
		for _, s := range sets {
			for i := range s.Refs {
				ren(&s.Refs[i])
			}
		}
	}
	for _, k := range c.Config.Constraints {
		switch x := k.(type) {
		case *cib.Location:
			ren(&x.Rsc)
			ren(&x.Node)
			renSets(x.Sets)
		case *cib.Colocation:
			ren(&x.Rsc)
			ren(&x.WithRsc)
			renSets(x.Sets)
		case *cib.Order:
			ren(&x.First)
			ren(&x.Then)
			renSets(x.Sets)
		case *cib.Ticket:
			ren(&x.Rsc)
			renSets(x.Sets)
		}
	}
	for _, e := range ix.Entries() {
		if p, ok := e.Obj.(*cib.Primitive); ok {
			ren(&p.Template)
		}
	}
	for _, t := range c.Config.Tags {
		for i := range t.Refs {
			ren(&t.Refs[i])
		}
	}
	for _, l := range c.Config.FencingTopology {
		devs := strings.Split(l.Devices, ",")
		for i := range devs {
			ren(&devs[i])
		}
		l.Devices = strings.Join(devs, ",")
		ren(&l.Target)
	}
	if a := c.Config.ACLs; a != nil {
		for _, t := range a.Targets {
			for i := range t.Roles {
				ren(&t.Roles[i])
			}
		}
		for _, g := range a.Groups {
			for i := range g.Roles {
				ren(&g.Roles[i])
			}
		}
	}
	return true
}
