package cib

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gocrm/cib/xmltree"
)

func allCIB(t *testing.T) *CIB {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "all.xml"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := DecodeBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestObjectRoundTrip encodes every object of testdata/all.xml on its own
// and decodes it back; the element must be the one the whole document
// holds.
func TestObjectRoundTrip(t *testing.T) {
	c := allCIB(t)
	whole := string(Marshal(c))
	// contains checks that the single object appears, indented, in the
	// whole encoding.
	contains := func(n *xmltree.Node, depth int) {
		t.Helper()
		var b strings.Builder
		for _, line := range strings.SplitAfter(string(xmltree.Marshal(n)), "\n") {
			if line != "" {
				b.WriteString(strings.Repeat("  ", depth) + line)
			}
		}
		if !strings.Contains(whole, b.String()) {
			t.Errorf("<%s id=%q> alone differs from the whole document:\n%s", n.Name, n.Get("id"), b.String())
		}
	}
	for _, r := range c.Config.Resources {
		n := EncodeResource(r)
		contains(n, 3)
		r2, err := DecodeResource(n)
		if err != nil || !ResourceEqual(r, r2) {
			t.Errorf("resource %s: %v", r.ResourceID(), err)
		}
		if !ResourceEqual(r, CloneResource(r)) {
			t.Errorf("resource %s: clone differs", r.ResourceID())
		}
	}
	for _, k := range c.Config.Constraints {
		n := EncodeConstraint(k)
		contains(n, 3)
		k2, err := DecodeConstraint(n)
		if err != nil || !ConstraintEqual(k, k2) {
			t.Errorf("constraint %s: %v", k.ConstraintID(), err)
		}
		if !ConstraintEqual(k, CloneConstraint(k)) {
			t.Errorf("constraint %s: clone differs", k.ConstraintID())
		}
	}
	for _, nd := range c.Config.Nodes {
		n := EncodeNode(nd)
		contains(n, 3)
		if nd2, err := DecodeNode(n); err != nil || !nd.equal(nd2) {
			t.Errorf("node %s: %v", nd.ID, err)
		}
	}
	for _, s := range c.Config.CRMConfig {
		n := EncodeNVSet("cluster_property_set", s)
		contains(n, 3)
		if s2, err := DecodeNVSet(n); err != nil || !s.equal(s2) {
			t.Errorf("set %s: %v", s.ID, err)
		}
	}
	for _, l := range c.Config.FencingTopology {
		n := EncodeFencingLevel(l)
		contains(n, 3)
		if l2, err := DecodeFencingLevel(n); err != nil || !l.equal(l2) {
			t.Errorf("level %s: %v", l.ID, err)
		}
	}
	for _, g := range c.Config.Tags {
		n := EncodeTag(g)
		contains(n, 3)
		if g2, err := DecodeTag(n); err != nil || !g.equal(g2) {
			t.Errorf("tag %s: %v", g.ID, err)
		}
	}
	for _, a := range c.Config.Alerts {
		n := EncodeAlert(a)
		contains(n, 3)
		if a2, err := DecodeAlert(n); err != nil || !a.equal(a2) {
			t.Errorf("alert %s: %v", a.ID, err)
		}
	}
	acls := c.Config.ACLs
	contains(EncodeACLs(acls), 2)
	if a2, err := DecodeACLs(EncodeACLs(acls)); err != nil || !acls.equal(a2) {
		t.Errorf("acls: %v", err)
	}
	for _, x := range acls.Targets {
		n := EncodeACLTarget(x)
		contains(n, 3)
		if y, err := DecodeACLTarget(n); err != nil || !(&ACLs{Targets: []*ACLTarget{x}}).equal(&ACLs{Targets: []*ACLTarget{y}}) {
			t.Errorf("acl_target %s: %v", x.ID, err)
		}
	}
	for _, x := range acls.Groups {
		n := EncodeACLGroup(x)
		contains(n, 3)
		if y, err := DecodeACLGroup(n); err != nil || !(&ACLs{Groups: []*ACLGroup{x}}).equal(&ACLs{Groups: []*ACLGroup{y}}) {
			t.Errorf("acl_group %s: %v", x.ID, err)
		}
	}
	for _, x := range acls.Roles {
		n := EncodeACLRole(x)
		contains(n, 3)
		if y, err := DecodeACLRole(n); err != nil || !(&ACLs{Roles: []*ACLRole{x}}).equal(&ACLs{Roles: []*ACLRole{y}}) {
			t.Errorf("acl_role %s: %v", x.ID, err)
		}
	}
	loc := c.Config.Constraints[1].(*Location)
	if r, err := DecodeRule(EncodeRule(loc.Rules[0])); err != nil || !r.equal(loc.Rules[0]) {
		t.Errorf("rule: %v", err)
	}
	for _, ns := range c.Status.Nodes {
		n := EncodeNodeState(ns)
		contains(n, 2)
		if ns2, err := DecodeNodeState(n); err != nil || !ns.equal(ns2) {
			t.Errorf("node_state %s: %v", ns.ID, err)
		}
		if ns.LRM == nil {
			continue
		}
		for _, r := range ns.LRM.Resources {
			if r2, err := DecodeLRMResource(EncodeLRMResource(r)); err != nil || !r.equal(r2) {
				t.Errorf("lrm_resource %s: %v", r.ID, err)
			}
		}
	}
}

func TestObjectNil(t *testing.T) {
	if EncodeResource(nil) != nil || EncodeConstraint(nil) != nil || EncodeNode(nil) != nil ||
		EncodeNVSet("x", nil) != nil || EncodeTag(nil) != nil || EncodeAlert(nil) != nil ||
		EncodeACLs(nil) != nil || EncodeACLTarget(nil) != nil || EncodeACLGroup(nil) != nil ||
		EncodeACLRole(nil) != nil || EncodeRule(nil) != nil || EncodeNodeState(nil) != nil ||
		EncodeLRMResource(nil) != nil || EncodeFencingLevel(nil) != nil {
		t.Error("encoding nil gives a node")
	}
}

func TestObjectDecodeErrors(t *testing.T) {
	el := func(name string) *xmltree.Node { return &xmltree.Node{Kind: xmltree.ElementNode, Name: name} }
	if _, err := DecodeNode(el("nod")); err == nil || err.Error() != "<nod>: want <node>" {
		t.Errorf("DecodeNode(<nod>): %v", err)
	}
	if _, err := DecodeNVSet(el("nvpair")); err == nil || !strings.Contains(err.Error(), "want <cluster_property_set>, <instance_attributes>") {
		t.Errorf("DecodeNVSet(<nvpair>): %v", err)
	}
	if r, err := DecodeResource(&xmltree.Node{Kind: xmltree.CommentNode, Text: "x"}); err != nil || r.(*RawResource).Node.Text != "x" {
		t.Errorf("DecodeResource(comment): %v", err)
	}
	if _, err := DecodeResource(nil); err == nil {
		t.Error("DecodeResource(nil): no error")
	}
	r, err := DecodeResource(el("primitiv"))
	if raw, ok := r.(*RawResource); err != nil || !ok || raw.Node.Name != "primitiv" {
		t.Errorf("unknown resource element: %T %v", r, err)
	}
	k, err := DecodeConstraint(el("rsc_future"))
	if _, ok := k.(*RawConstraint); err != nil || !ok {
		t.Errorf("unknown constraint element: %T %v", k, err)
	}
}

func TestEncodeNil(t *testing.T) {
	if err := Encode(&strings.Builder{}, nil); err == nil {
		t.Error("Encode(nil): no error")
	}
	if Marshal(nil) != nil || ToNode(nil) != nil {
		t.Error("Marshal(nil) or ToNode(nil) is not nil")
	}
}
