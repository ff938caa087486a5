package cib

import (
	"os/exec"
	"testing"

	"gocrm/cib/xmltree"
)

// emptyXML is what Pacemaker 2.1.5's `cibadmin --empty` prints.
const emptyXML = `<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">
  <configuration>
    <crm_config/>
    <nodes/>
    <resources/>
    <constraints/>
  </configuration>
  <status/>
</cib>
`

func TestEmpty(t *testing.T) {
	if got := string(Marshal(Empty())); got != emptyXML {
		t.Errorf("Marshal(Empty()):\n%s\nwant\n%s", got, emptyXML)
	}
	c, err := DecodeBytes([]byte(emptyXML))
	if err != nil || !Equal(c, Empty()) {
		t.Errorf("decoded cibadmin --empty differs from Empty() (%v)", err)
	}
	if Empty() == Empty() || &Empty().Attrs[0] == &Empty().Attrs[0] {
		t.Error("Empty shares state between calls")
	}
}

// TestEmptyCibadmin compares with the installed cibadmin, when there is
// one.
func TestEmptyCibadmin(t *testing.T) {
	path, err := exec.LookPath("cibadmin")
	if err != nil {
		t.Skip("skipped: cibadmin (pacemaker-cli-utils) is not installed")
	}
	out, err := exec.Command(path, "--empty").Output()
	if err != nil {
		t.Skipf("skipped: cibadmin --empty: %v", err)
	}
	c, err := DecodeBytes(out)
	if err != nil {
		t.Fatal(err)
	}
	// Versions of Pacemaker differ in the schema and feature set they
	// write; the structure must be the same.
	want, _ := xmltree.Parse([]byte(emptyXML))
	got, _ := xmltree.Parse(Marshal(c))
	got.Set(AttrValidateWith, want.Get(AttrValidateWith))
	got.Set(AttrFeatureSet, want.Get(AttrFeatureSet))
	if !xmltree.Equal(got, want) {
		t.Errorf("cibadmin --empty, re-encoded:\n%s", xmltree.Marshal(got))
	}
}
