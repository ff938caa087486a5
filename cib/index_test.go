package cib

import (
	"strings"
	"testing"
)

func TestIndex(t *testing.T) {
	c := baseCIB()
	c.Config.Resources = append(c.Config.Resources,
		&Clone{ID: "cl", Legacy: true, Child: &Primitive{ID: "st", Class: "ocf", Provider: "pacemaker", Type: "Stateful"}},
		&Template{ID: "tmpl", Class: "ocf", Provider: "pacemaker", Type: "Dummy"},
		&Primitive{ID: "vip", Class: "ocf", Provider: "pacemaker", Type: "Dummy"}) // a duplicate
	c.Config.RscDefaults = []*NVSet{nvset("rsc-options", "", nil, "resource-stickiness", "1")}
	c.Config.FencingTopology = []*FencingLevel{{ID: "fl", Target: "n1", Index: "1", Devices: "fence"}}
	ix := NewIndex(c)

	for _, tc := range []struct {
		id, name, object, path string
	}{
		{"vip", "primitive", "primitive vip", "resources/primitive[vip]"},
		{"vip-monitor-10s", "op", "primitive vip", "resources/primitive[vip]/operations/op[vip-monitor-10s]"},
		{"d1", "primitive", "primitive d1", "resources/group[g]/primitive[d1]"},
		{"st", "primitive", "primitive st", "resources/master[cl]/primitive[st]"},
		{"cl", "master", "ms cl", "resources/master[cl]"},
		{"tmpl", "template", "rsc_template tmpl", "resources/template[tmpl]"},
		{"l1", "rsc_location", "location l1", "constraints/rsc_location[l1]"},
		{"cib-bootstrap-options-no-quorum-policy", "nvpair", "property cib-bootstrap-options", "crm_config/cluster_property_set[cib-bootstrap-options]/nvpair[cib-bootstrap-options-no-quorum-policy]"},
		{"rsc-options", "meta_attributes", "rsc_defaults rsc-options", "rsc_defaults/meta_attributes[rsc-options]"},
		{"fl", "fencing-level", "fencing_topology fl", "fencing-topology/fencing-level[fl]"},
		{"1", "node", "node n1", "nodes/node[1]"},
	} {
		e, ok := ix.Lookup(tc.id)
		if !ok {
			t.Errorf("Lookup(%q) failed", tc.id)
			continue
		}
		if e.Name != tc.name || e.ObjectName() != tc.object || e.Path() != tc.path {
			t.Errorf("%s: name %q object %q path %q; want %q %q %q", tc.id, e.Name, e.ObjectName(), e.Path(), tc.name, tc.object, tc.path)
		}
		if !strings.HasPrefix(e.XPath(), "/cib/configuration/") {
			t.Errorf("%s: XPath %q", tc.id, e.XPath())
		}
	}
	if got := len(ix.All("vip")); got != 2 {
		t.Errorf("All(vip) has %d entries, want 2", got)
	}
	if d := ix.Duplicates(); len(d) != 1 || d[0] != "vip" {
		t.Errorf("Duplicates() = %v", d)
	}
	if _, ok := ix.Resource("st").(*Primitive); !ok {
		t.Error("Resource(st) did not find the primitive inside the clone")
	}
	if ix.Resource("tmpl") != nil {
		t.Error("Resource(tmpl) returned a template")
	}
	if ix.Resource("l1") != nil {
		t.Error("Resource(l1) returned a constraint")
	}
	vip := c.Config.Resources[1].(*Primitive)
	if e := ix.Of(vip.Ops.Ops[0]); e == nil || e.ID != "vip-monitor-10s" {
		t.Errorf("Of(op) = %+v", e)
	}
	if e := ix.Of((*Primitive)(c.Config.Resources[4].(*Template))); e == nil || e.ID != "tmpl" {
		t.Errorf("Of(template as primitive) = %+v", e)
	}
	if e, _ := ix.Lookup("cl"); e.Parent == nil || e.Parent.Name != "resources" || e.Parent.Parent != nil {
		t.Errorf("parent of cl = %+v", e.Parent)
	}
	if n := NewIndex(nil); len(n.Entries()) != 0 {
		t.Error("index of nil CIB is not empty")
	}
}
