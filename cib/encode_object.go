package cib

import "gocrm/cib/xmltree"

// The Encode* functions return one object as the element Encode writes
// for it (nil for a nil object), so that the shell can show or edit a
// single object as XML. The Decode* functions are their inverses.

// EncodeResource returns r as a <primitive>, <template>, <group>, <clone>,
// <master> or <bundle> element, or a copy of a RawResource's node.
func EncodeResource(r Resource) *xmltree.Node {
	e := &enc{}
	e.resource(r)
	return e.root
}

// EncodeConstraint returns c as an rsc_location, rsc_colocation, rsc_order
// or rsc_ticket element, or a copy of a RawConstraint's node.
func EncodeConstraint(c Constraint) *xmltree.Node {
	e := &enc{}
	e.constraint(c)
	return e.root
}

// EncodeNode returns a cluster node definition as a <node> element.
func EncodeNode(n *Node) *xmltree.Node {
	e := &enc{}
	e.clusterNode(n)
	return e.root
}

// EncodeNVSet returns s as an element named name: cluster_property_set,
// instance_attributes, meta_attributes or utilization.
func EncodeNVSet(name string, s *NVSet) *xmltree.Node {
	e := &enc{}
	e.nvset(name, s)
	return e.root
}

// EncodeFencingLevel returns l as a <fencing-level> element.
func EncodeFencingLevel(l *FencingLevel) *xmltree.Node {
	e := &enc{}
	e.fencingLevel(l)
	return e.root
}

// EncodeTag returns t as a <tag> element.
func EncodeTag(t *Tag) *xmltree.Node {
	e := &enc{}
	e.tag(t)
	return e.root
}

// EncodeAlert returns a as an <alert> element.
func EncodeAlert(a *Alert) *xmltree.Node {
	e := &enc{}
	e.alert(a)
	return e.root
}

// EncodeACLs returns the whole <acls> section.
func EncodeACLs(a *ACLs) *xmltree.Node {
	e := &enc{}
	e.acls(a)
	return e.root
}

// EncodeACLTarget returns t as an <acl_target> element.
func EncodeACLTarget(t *ACLTarget) *xmltree.Node {
	if t == nil {
		return nil
	}
	e := &enc{}
	e.aclSubject("acl_target", t.ID, t.Name, t.Roles, &t.Extra)
	return e.root
}

// EncodeACLGroup returns g as an <acl_group> element.
func EncodeACLGroup(g *ACLGroup) *xmltree.Node {
	if g == nil {
		return nil
	}
	e := &enc{}
	e.aclSubject("acl_group", g.ID, g.Name, g.Roles, &g.Extra)
	return e.root
}

// EncodeACLRole returns r as an <acl_role> element.
func EncodeACLRole(r *ACLRole) *xmltree.Node {
	if r == nil {
		return nil
	}
	e := &enc{}
	e.aclRole(r)
	return e.root
}

// EncodeRule returns r as a <rule> element.
func EncodeRule(r *Rule) *xmltree.Node {
	e := &enc{}
	e.rule(r)
	return e.root
}

// EncodeNodeState returns ns as a <node_state> element.
func EncodeNodeState(ns *NodeState) *xmltree.Node {
	e := &enc{}
	e.nodeState(ns)
	return e.root
}

// EncodeLRMResource returns r as an <lrm_resource> element.
func EncodeLRMResource(r *LRMResource) *xmltree.Node {
	e := &enc{}
	e.lrmResource(r)
	return e.root
}
