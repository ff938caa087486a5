package cib

import (
	"fmt"
	"strings"

	"gocrm/cib/xmltree"
)

// open starts decoding the element n, which must have one of the names
// given (any name when none is).
func open(n *xmltree.Node, names ...string) (*decoder, xmltree.Token, error) {
	if n == nil || n.Kind != xmltree.ElementNode {
		return nil, xmltree.Token{}, &xmltree.SyntaxError{Msg: "want an element"}
	}
	if len(names) > 0 {
		ok := false
		for _, name := range names {
			ok = ok || n.Name == name
		}
		if !ok {
			return nil, xmltree.Token{}, &xmltree.SyntaxError{
				Msg: fmt.Sprintf("<%s>: want <%s>", n.Name, strings.Join(names, ">, <"))}
		}
	}
	d := newTreeDecoder(n)
	tok, err := d.sc.Next()
	return d, tok, err
}

// DecodeResource decodes one child of <resources>, the inverse of
// EncodeResource. An element the model does not know, a comment or text
// becomes a *RawResource (holding a copy of n), as in Decode.
func DecodeResource(n *xmltree.Node) (Resource, error) {
	if n != nil && n.Kind != xmltree.ElementNode {
		return &RawResource{Node: n.Clone()}, nil
	}
	d, tok, err := open(n)
	if err != nil {
		return nil, err
	}
	return result(d.resource(tok))
}

// DecodeConstraint decodes one child of <constraints>, the inverse of
// EncodeConstraint. An element the model does not know, a comment or text
// becomes a *RawConstraint (holding a copy of n), as in Decode.
func DecodeConstraint(n *xmltree.Node) (Constraint, error) {
	if n != nil && n.Kind != xmltree.ElementNode {
		return &RawConstraint{Node: n.Clone()}, nil
	}
	d, tok, err := open(n)
	if err != nil {
		return nil, err
	}
	return result(d.constraint(tok))
}

// DecodeNode decodes a <node> element.
func DecodeNode(n *xmltree.Node) (*Node, error) {
	d, tok, err := open(n, "node")
	if err != nil {
		return nil, err
	}
	return result(d.node(tok))
}

// DecodeNVSet decodes a cluster_property_set, instance_attributes,
// meta_attributes or utilization element; the element name is n.Name.
func DecodeNVSet(n *xmltree.Node) (*NVSet, error) {
	d, tok, err := open(n, "cluster_property_set", "instance_attributes", "meta_attributes", "utilization")
	if err != nil {
		return nil, err
	}
	return result(d.nvset(tok))
}

// DecodeFencingLevel decodes a <fencing-level> element.
func DecodeFencingLevel(n *xmltree.Node) (*FencingLevel, error) {
	d, tok, err := open(n, "fencing-level")
	if err != nil {
		return nil, err
	}
	return result(d.fencingLevel(tok))
}

// DecodeTag decodes a <tag> element.
func DecodeTag(n *xmltree.Node) (*Tag, error) {
	d, tok, err := open(n, "tag")
	if err != nil {
		return nil, err
	}
	return result(d.tag(tok))
}

// DecodeAlert decodes an <alert> element.
func DecodeAlert(n *xmltree.Node) (*Alert, error) {
	d, tok, err := open(n, "alert")
	if err != nil {
		return nil, err
	}
	return result(d.alert(tok))
}

// DecodeACLs decodes the <acls> section.
func DecodeACLs(n *xmltree.Node) (*ACLs, error) {
	d, tok, err := open(n, secACLs)
	if err != nil {
		return nil, err
	}
	return result(d.acls(tok))
}

// DecodeACLTarget decodes an <acl_target> element.
func DecodeACLTarget(n *xmltree.Node) (*ACLTarget, error) {
	d, tok, err := open(n, "acl_target")
	if err != nil {
		return nil, err
	}
	t := &ACLTarget{}
	return result(t, d.aclSubject(tok, &t.ID, &t.Name, &t.Roles, &t.Extra))
}

// DecodeACLGroup decodes an <acl_group> element.
func DecodeACLGroup(n *xmltree.Node) (*ACLGroup, error) {
	d, tok, err := open(n, "acl_group")
	if err != nil {
		return nil, err
	}
	g := &ACLGroup{}
	return result(g, d.aclSubject(tok, &g.ID, &g.Name, &g.Roles, &g.Extra))
}

// DecodeACLRole decodes an <acl_role> element.
func DecodeACLRole(n *xmltree.Node) (*ACLRole, error) {
	d, tok, err := open(n, "acl_role")
	if err != nil {
		return nil, err
	}
	return result(d.aclRole(tok))
}

// DecodeRule decodes a <rule> element.
func DecodeRule(n *xmltree.Node) (*Rule, error) {
	d, tok, err := open(n, "rule")
	if err != nil {
		return nil, err
	}
	return result(d.rule(tok))
}

// DecodeNodeState decodes a <node_state> element.
func DecodeNodeState(n *xmltree.Node) (*NodeState, error) {
	d, tok, err := open(n, "node_state")
	if err != nil {
		return nil, err
	}
	return result(d.nodeState(tok))
}

// DecodeLRMResource decodes an <lrm_resource> element.
func DecodeLRMResource(n *xmltree.Node) (*LRMResource, error) {
	d, tok, err := open(n, "lrm_resource")
	if err != nil {
		return nil, err
	}
	return result(d.lrmResource(tok))
}

// result returns v, or the zero value with a non-nil err, so that callers
// never see a half-decoded object.
func result[T any](v T, err error) (T, error) {
	if err != nil {
		var zero T
		return zero, err
	}
	return v, nil
}
