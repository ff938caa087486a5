package cib

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"gocrm/cib/xmltree"
)

// FuzzDecode checks that DecodeBytes never panics, that its errors carry
// a position, that decoding the status in parallel gives what decoding it
// sequentially gives, and that whatever it accepts survives a round trip: decode →
// encode → decode is Equal, encoding is stable, and nothing is lost.
func FuzzDecode(f *testing.F) {
	if data, err := os.ReadFile(filepath.Join("testdata", "all.xml")); err == nil {
		f.Add(data)
	}
	for _, s := range []string{
		`<cib/>`,
		`<cib epoch="1" num_updates="2" admin_epoch="3" validate-with="pacemaker-3.9"><configuration><crm_config><cluster_property_set id="o"><nvpair id="o-a" name="a" value="b"/></cluster_property_set></crm_config><nodes><node id="1" uname="n1"/></nodes><resources><primitive id="p" class="ocf" provider="heartbeat" type="Dummy"><operations><op id="p-m" name="monitor" interval="10s"/></operations></primitive><group id="g"><primitive id="q"/></group><clone id="c"><primitive id="r"/></clone></resources><constraints><rsc_location id="l" rsc="p" score="INFINITY" node="n1"/><rsc_order id="o" first="p" then="g"/></constraints></configuration><status><node_state id="1" uname="n1"><lrm id="1"><lrm_resources><lrm_resource id="p" class="ocf"><lrm_rsc_op id="p_last_0" operation="start" exit-reason="" rc-code="0"/></lrm_resource></lrm_resources></lrm></node_state></status></cib>`,
		`<cib><configuration><resources>text<x/><!--c--></resources><constraints><rsc_colocation id="c" score="1"><resource_set id="s"><resource_ref id="a"/></resource_set></rsc_colocation></constraints></configuration></cib>`,
		`<cib><configuration><alerts><alert id="a" path="p"><select><select_attributes><attribute id="x" name="y"/></select_attributes></select><recipient id="r" value="v"/></alert></alerts><acls><acl_role id="r"><acl_permission id="p" kind="read" xpath="/"/></acl_role><acl_target id="t"><role id="r"/></acl_target></acls></configuration></cib>`,
		`<cib><status><node_state id="1"><lrm><lrm_resources><x/></lrm_resources></lrm></node_state><tickets><ticket_state id="t"/></tickets></status></cib>`,
	} {
		f.Add([]byte(s))
	}
	f.Add([]byte(`<cib><status><node_state id="1"/><!-- <node_state --><node_state id="2"><x/></node_state></status></cib>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if runtime.GOMAXPROCS(0) > 1 {
			decodeBoth(t, data)
		}
		c, err := DecodeBytes(bytes.Clone(data))
		if err != nil {
			var se *xmltree.SyntaxError
			if !errors.As(err, &se) || se.Line < 1 {
				t.Fatalf("error without a position: %v", err)
			}
			return
		}
		if c == nil {
			t.Fatal("nil CIB without an error")
		}
		checkRoundTrip(t, data, false)
	})
}
