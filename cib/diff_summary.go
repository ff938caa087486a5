package cib

import (
	"sort"
	"strings"

	"gocrm/cib/xmltree"
)

// ChangeKind says what happened to a configuration object.
type ChangeKind uint8

// The kinds of object change.
const (
	ObjectAdded ChangeKind = iota
	ObjectRemoved
	ObjectChanged
)

func (k ChangeKind) String() string {
	switch k {
	case ObjectAdded:
		return "added"
	case ObjectRemoved:
		return "removed"
	}
	return "changed"
}

// ObjectChange is one configuration object (in crm's sense) that a patch
// adds, removes or changes. Kind is crm's name for it (primitive, group,
// clone, ms, bundle, rsc_template, location, colocation, order, rsc_ticket,
// node, property, rsc_defaults, op_defaults, fencing_topology, tag,
// acl_target, acl_group, role, alert); ID is its id (empty for
// fencing_topology, which crm treats as one object).
type ObjectChange struct {
	Kind   string
	ID     string
	Change ChangeKind
}

func (c ObjectChange) String() string {
	if c.ID == "" {
		return c.Change.String() + " " + c.Kind
	}
	return c.Change.String() + " " + c.Kind + " " + c.ID
}

// Objects summarizes p by configuration object, for crm's `show changed`:
// an object is added or removed when the patch creates or deletes its
// element, and changed when anything inside it changes (a primitive in a
// group is an object of its own: changing it does not change the group,
// but adding, removing or reordering the group's members does). Changes
// outside the configuration section are ignored. The list is sorted by
// kind and id.
func (p *Patch) Objects() []ObjectChange {
	type key struct{ kind, id string }
	seen := make(map[key]ChangeKind)
	var order []key
	note := func(k key, c ChangeKind) {
		old, ok := seen[k]
		switch {
		case !ok:
			order = append(order, k)
			seen[k] = c
		case old != c:
			seen[k] = ObjectChanged // removed and added again, or more
		}
	}
	for _, op := range p.Ops {
		steps, err := splitPath(op.Path)
		if err != nil || len(steps) < 2 || steps[1].name != "configuration" {
			continue
		}
		switch op.Kind {
		case OpCreate, OpDelete:
			if op.Node != nil && op.Node.Kind == xmltree.ElementNode {
				child := pathStep{name: op.Node.Name, id: op.Node.Get("id"), hasID: op.Node.Get("id") != ""}
				all := steps
				if op.Kind == OpCreate {
					all = append(append([]pathStep(nil), steps...), child)
				}
				if k, id, depth := objectOf(all); depth == len(all)-1 {
					if op.Kind == OpCreate {
						note(key{k, id}, ObjectAdded)
					} else {
						note(key{k, id}, ObjectRemoved)
					}
					if k == "fencing_topology" || strings.HasPrefix(k, "acl") || k == "role" {
						continue
					}
					// Objects nested in the created/deleted one (group
					// members, a clone's child) are added/removed too.
					for _, n := range nestedObjects(op.Node, all) {
						if op.Kind == OpCreate {
							note(key{n[0], n[1]}, ObjectAdded)
						} else {
							note(key{n[0], n[1]}, ObjectRemoved)
						}
					}
					continue
				}
			}
			if k, id, depth := objectOf(steps); depth >= 0 {
				note(key{k, id}, ObjectChanged)
			}
		case OpMove:
			// Moving an object changes the order of its container.
			if k, id, depth := objectOf(steps[:len(steps)-1]); depth >= 0 {
				note(key{k, id}, ObjectChanged)
			} else if k, id, depth := objectOf(steps); depth == len(steps)-1 && len(steps) > 3 {
				note(key{k, id}, ObjectChanged)
			}
		case OpModify:
			if k, id, depth := objectOf(steps); depth >= 0 {
				note(key{k, id}, ObjectChanged)
			}
		}
	}
	out := make([]ObjectChange, 0, len(order))
	for _, k := range order {
		out = append(out, ObjectChange{Kind: k.kind, ID: k.id, Change: seen[k]})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return out[i].Kind < out[j].Kind
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// objectOf returns the crm kind and id of the innermost object on a path
// under /cib/configuration, and the index of its step (-1 when none).
func objectOf(steps []pathStep) (kind, id string, depth int) {
	depth = -1
	for i := 2; i < len(steps); i++ {
		parent := steps[i-1].name
		if k := objectKind(parent, steps[i].name, i); k != "" {
			kind, id, depth = k, steps[i].id, i
			if k == "fencing_topology" {
				id = ""
			}
		}
	}
	return kind, id, depth
}

// objectKind names the crm object an element is, given its parent's name
// and its depth below <cib> (sections are at depth 2).
func objectKind(parent, name string, depth int) string {
	switch name {
	case "primitive":
		return "primitive"
	case "template":
		return "rsc_template"
	case "group":
		return "group"
	case "clone":
		return "clone"
	case "master":
		return "ms"
	case "bundle":
		return "bundle"
	case "rsc_location":
		return "location"
	case "rsc_colocation":
		return "colocation"
	case "rsc_order":
		return "order"
	case "rsc_ticket":
		return "rsc_ticket"
	case "node":
		if parent == "nodes" {
			return "node"
		}
	case "cluster_property_set":
		return "property"
	case "meta_attributes":
		if parent == "rsc_defaults" || parent == "op_defaults" {
			return parent
		}
	case "fencing-level":
		return "fencing_topology"
	case "tag":
		if parent == "tags" {
			return "tag"
		}
	case "acl_target", "acl_group":
		return name
	case "acl_role":
		return "role"
	case "alert":
		return "alert"
	}
	return ""
}

// nestedObjects lists the objects inside n (excluding n itself) as
// kind/id pairs.
func nestedObjects(n *xmltree.Node, path []pathStep) [][2]string {
	var out [][2]string
	var walk func(parent *xmltree.Node)
	walk = func(parent *xmltree.Node) {
		for _, c := range parent.Children {
			if c.Kind != xmltree.ElementNode {
				continue
			}
			if k := objectKind(parent.Name, c.Name, len(path)); k != "" && k != "property" && k != "rsc_defaults" && k != "op_defaults" {
				out = append(out, [2]string{k, c.Get("id")})
			}
			walk(c)
		}
	}
	walk(n)
	return out
}
