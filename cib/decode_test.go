package cib

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gocrm/cib/xmltree"
)

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", ``, "1:1: no root element"},
		{"not cib", `<configuration/>`, "1:1: root element is <configuration>, want <cib>"},
		{"bad epoch", "<cib\n epoch=\"x\"/>", `1:1: <cib> epoch="x": want an integer`},
		{"empty num_updates", `<cib num_updates=""/>`, `1:1: <cib> num_updates="": want an integer`},
		{"bad admin_epoch", "\n\n  <cib admin_epoch=\"1.5\"/>", `3:3: <cib> admin_epoch="1.5": want an integer`},
		{"unclosed", "<cib>\n  <configuration>\n", "3:1: unexpected end of input: <configuration> (at 2:3) is not closed"},
		{"mismatch", "<cib>\n <status></cib>", "2:10: </cib> does not match <status> at 2:2"},
		{"trailing element", "<cib/>\n<cib/>", "2:1: content after the root element"},
		{"trailing text", "<cib/>x", "1:7: text outside the root element"},
		{"doctype", "<!DOCTYPE cib [<!ENTITY x \"y\">]><cib/>", "1:1: DOCTYPE is not supported"},
		{"bad entity", "<cib>\n<configuration x=\"&foo;\"/></cib>", "2:19: unknown entity &foo;"},
		{"dup attr", `<cib epoch="1" epoch="2"/>`, "1:16: attribute epoch of <cib> given twice"},
		{"primitive without close", "<cib><configuration><resources><primitive id=\"a\"></resources>",
			"1:50: </resources> does not match <primitive> at 1:32"},
		{"deep status error", "<cib><status><node_state id=\"1\"><lrm><lrm_resources><lrm_resource id=\"x\"><lrm_rsc_op id=\"a\" call-id=\"1\" call-id=\"2\"/>",
			"1:105: attribute call-id of <lrm_rsc_op> given twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := DecodeBytes([]byte(tt.in))
			if err == nil {
				t.Fatalf("no error; got %+v", c)
			}
			if c != nil {
				t.Errorf("got a CIB with the error")
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error %q, want prefix %q", err, tt.want)
			}
			var se *xmltree.SyntaxError
			if !errors.As(err, &se) || se.Line == 0 {
				t.Errorf("error %v is not a positioned *xmltree.SyntaxError", err)
			}
		})
	}
}

// TestDecodeLenient decodes odd but well-formed documents: everything
// must survive a round trip.
func TestDecodeLenient(t *testing.T) {
	tests := []struct{ name, in string }{
		{"bare cib", `<cib/>`},
		{"no status", `<cib epoch="3"><configuration/></cib>`},
		{"attrs on sections", `<cib><configuration x="1"><crm_config a="b"/><nodes c="d"/><resources e="f"/><constraints g="h"/><rsc_defaults i="j"/><tags/></configuration><status k="l"/></cib>`},
		{"empty optional sections", `<cib><configuration><rsc_defaults/><op_defaults/><fencing-topology/><tags/><alerts/><acls/></configuration></cib>`},
		{"duplicate sections", `<cib><configuration><crm_config/><crm_config><cluster_property_set id="x"/></crm_config></configuration><configuration/><status/><status/></cib>`},
		{"comments everywhere", `<cib><!--a--><configuration><!--b--><resources><!--c--><primitive id="p"><!--d--></primitive></resources><constraints><!--e--></constraints></configuration></cib>`},
		{"text in resources", `<cib><configuration><resources>hello<![CDATA[ <world> ]]><primitive id="p"/>bye</resources></configuration></cib>`},
		{"text in known elements", `<cib><configuration><resources><primitive id="p">a<operations/>b<!--c-->d</primitive></resources></configuration></cib>`},
		{"processing instructions", `<?xml version="1.0"?><?pi before?><cib><?pi inside?><configuration/></cib><?pi after?>`},
		{"empty known values", `<cib><configuration><resources><primitive id="" class="" description=""/></resources><constraints><rsc_location id="l" score=""/></constraints></configuration></cib>`},
		{"second single children", `<cib><configuration><resources><primitive id="p"><operations id="o1"/><operations id="o2"/></primitive><clone id="c"><primitive id="a"/><primitive id="b"/><bundle id="x"/></clone><bundle id="b"><docker/><podman/><network/><network/><storage/><storage/><primitive id="q"/><primitive id="r"/></bundle></resources></configuration></cib>`},
		{"odd storage", `<cib><configuration><resources><bundle id="b"><storage id="s"><storage-mapping id="m"/></storage></bundle><bundle id="c"><storage><!--x--></storage></bundle></resources></configuration></cib>`},
		{"odd refs", `<cib><configuration><constraints><rsc_order id="o"><resource_set id="s"><resource_ref id="a"/><resource_ref id="b" x="y"/><resource_ref/><resource_ref id="c"></resource_ref></resource_set></rsc_order></constraints><tags><tag id="t"><obj_ref id="a"><x/></obj_ref></tag></tags><acls><acl_target id="u"><role id="r" name="n"/></acl_target><acl_group id="g"><role/></acl_group></acls></configuration></cib>`},
		{"odd alert select", `<cib><configuration><alerts><alert id="a" path="/x"><select x="1"><select_nodes/><select_nodes/><select_fencing id="f"/><select_attributes><attribute id="i" name="n" x="y"/></select_attributes></select><select/></alert><alert id="b" path="/y"><select><select_attributes/></select></alert></alerts></configuration></cib>`},
		{"odd status", `<cib><status><node_state id="1"><lrm id="1"/><lrm id="2"/><transient_attributes/><transient_attributes id="t"/></node_state><tickets/><tickets id="x"/></status></cib>`},
		{"blank tickets", "<cib><status><tickets>\n  </tickets></status></cib>"},
		{"odd tickets", `<cib><status><tickets><ticket_state id="a"/><!--c--></tickets></status></cib>`},
		{"odd lrm_resources attrs", `<cib><status><node_state id="1"><lrm id="1"><lrm_resources id="r" x="y"><lrm_resource id="a"/></lrm_resources></lrm></node_state></status></cib>`},
		{"odd lrm_resources child", `<cib><status><node_state id="1"><lrm id="1"><lrm_resources id="r"><lrm_resource id="a"><lrm_rsc_op id="o" exit-reason=""/></lrm_resource><!--c--><lrm_resource id="b"/>text<x/></lrm_resources></lrm></node_state></status></cib>`},
		{"lrm without lrm_resources", `<cib><status><node_state id="1"><lrm id="1"><!--nothing--></lrm></node_state></status></cib>`},
		{"unknown status children", `<cib><status><node_state id="1"><x a="b"/><lrm><lrm_resources><lrm_resource id="r"><y/><lrm_rsc_op id="o"><z/></lrm_rsc_op></lrm_resource></lrm_resources></lrm></node_state><future/></status></cib>`},
		{"attribute normalisation", "<cib x=\"a\tb\nc\r\nd&#10;e&#9;f\"/>"},
		{"unicode", `<cib><configuration><nodes><node id="1" uname="nœud-ü" description="日本語 &#x1F600;"/></nodes></configuration></cib>`},
		{"op attrs", `<cib><configuration><resources><primitive id="p"><operations><op id="" name="" interval="0"/><op timeout="1" id="x" name="start" interval="0"/></operations></primitive></resources></configuration></cib>`},
		{"nvpair variants", `<cib><configuration><crm_config><cluster_property_set id="s"><nvpair id="a" name="x" value=""/><nvpair id="b" name="y"/><nvpair value="v" name="z" id="c"/><nvpair id-ref="a"/></cluster_property_set></crm_config></configuration></cib>`},
		{"nested rules", `<cib><configuration><constraints><rsc_location id="l" rsc="r"><rule id="a"><rule id="b"><rule id="c"><date_expression id="d" operation="date_spec"><date_spec id="e" hours="1"/><date_spec id="f"/><duration id="g" years="1"/><duration/></date_expression></rule></rule></rule></rsc_location></constraints></configuration></cib>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkRoundTrip(t, []byte(tt.in), false)
		})
	}
}

// TestNormaliseDetectsLoss makes sure the "nothing lost" comparison of
// checkRoundTrip can fail: dropping or changing any attribute or element
// of a document must show.
func TestNormaliseDetectsLoss(t *testing.T) {
	in := []byte(`<cib epoch="1"><configuration><resources><primitive id="p" class="ocf"><x a="b">t</x><!--c--></primitive></resources></configuration></cib>`)
	changed := []string{
		`<cib epoch="1"><configuration><resources><primitive id="p"><x a="b">t</x><!--c--></primitive></resources></configuration></cib>`,
		`<cib epoch="1"><configuration><resources><primitive id="p" class="ocf"><x a="b"/><!--c--></primitive></resources></configuration></cib>`,
		`<cib epoch="1"><configuration><resources><primitive id="p" class="ocf"><x a="c">t</x><!--c--></primitive></resources></configuration></cib>`,
		`<cib epoch="1"><configuration><resources><primitive id="p" class="ocf"><x a="b">t</x></primitive></resources></configuration></cib>`,
		`<cib epoch="2"><configuration><resources><primitive id="p" class="ocf"><x a="b">t</x><!--c--></primitive></resources></configuration></cib>`,
		`<cib epoch="1"><configuration><resources/></configuration></cib>`,
	}
	orig, err := xmltree.Parse(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, strict := range []bool{true, false} {
		for i, c := range changed {
			n, err := xmltree.Parse([]byte(c))
			if err != nil {
				t.Fatal(err)
			}
			if xmltree.Equal(normalise(orig, strict), normalise(n, strict)) {
				t.Errorf("strict=%v: change %d not detected", strict, i)
			}
		}
	}
}

func TestDecodeReader(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "all.xml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c1, err := Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join("testdata", "all.xml"))
	c2, err := Decode(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	c3, err := Decode(struct{ *strings.Reader }{strings.NewReader(string(data))}) // no Len
	if err != nil {
		t.Fatal(err)
	}
	if !Equal(c1, c2) || !Equal(c1, c3) {
		t.Error("Decode from different readers differs")
	}
	if _, err := Decode(errReader{}); err == nil || !strings.Contains(err.Error(), "reading CIB: boom") {
		t.Errorf("read error: got %v", err)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("boom") }

func TestFromNodeErrors(t *testing.T) {
	if _, err := FromNode(nil); err == nil {
		t.Error("FromNode(nil): no error")
	}
	if _, err := FromNode(&xmltree.Node{Kind: xmltree.ElementNode, Name: "x"}); err == nil ||
		err.Error() != "root element is <x>, want <cib>" {
		t.Errorf("FromNode(<x>): %v", err)
	}
	n := &xmltree.Node{Kind: xmltree.ElementNode, Name: "cib", Attrs: []xmltree.Attr{{Name: "epoch", Value: "?"}}}
	if _, err := FromNode(n); err == nil || err.Error() != `<cib> epoch="?": want an integer` {
		t.Errorf("FromNode(bad epoch): %v", err)
	}
}

// TestFromNodeCopies checks that the CIB FromNode returns does not share
// memory with the tree: changing the tree afterwards changes nothing.
func TestFromNodeCopies(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "all.xml"))
	if err != nil {
		t.Fatal(err)
	}
	tree, err := xmltree.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	c, err := FromNode(tree)
	if err != nil {
		t.Fatal(err)
	}
	want := c.Clone()
	var walk func(n *xmltree.Node)
	walk = func(n *xmltree.Node) {
		for i := range n.Attrs {
			n.Attrs[i].Value += "!"
		}
		n.Text += "!"
		for _, ch := range n.Children {
			walk(ch)
		}
	}
	walk(tree)
	if !Equal(c, want) {
		t.Error("changing the tree changed the decoded CIB")
	}
}

func TestReadFile(t *testing.T) {
	want, err := os.ReadFile(filepath.Join("testdata", "all.xml"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadFile(filepath.Join("testdata", "all.xml"))
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("ReadFile = %d bytes, %v; want the %d bytes os.ReadFile reads", len(got), err, len(want))
	}
	if _, err := ReadFile(filepath.Join(t.TempDir(), "missing.xml")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("ReadFile of a missing file: %v, want fs.ErrNotExist", err)
	}
}
