package grammar

import (
	"bytes"
	"testing"

	"gocrm/cib"
)

// TestCanonicalFixedPoint: for every canonical corpus file, text -> CIB ->
// text gives the file back byte for byte; so does text -> CIB -> XML ->
// CIB -> text (the printer works on CIBs read from XML); and the printed
// text builds the same XML again.
func TestCanonicalFixedPoint(t *testing.T) {
	for _, f := range corpusFiles(t) {
		t.Run(f, func(t *testing.T) {
			src := readFile(t, f)
			c := build(t, f, src)
			if got := Show(c); got != src {
				t.Errorf("text -> cib -> text is not a fixed point:\n%s", lineDiff(src, got))
			}
			x := cib.Marshal(c)
			d, err := cib.DecodeBytes(x)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if !cib.Equal(c, d) {
				t.Errorf("the CIB built from text does not survive an XML round trip")
			}
			if got := Show(d); got != src {
				t.Errorf("text -> cib -> xml -> cib -> text differs:\n%s", lineDiff(src, got))
			}
			again := build(t, f, Show(c))
			if x2 := cib.Marshal(again); !bytes.Equal(x, x2) {
				t.Errorf("printed text builds different XML:\n%s", lineDiff(string(x), string(x2)))
			}
		})
	}
}

// TestShowSelections checks ShowIDs and ShowKinds on the corpus.
func TestShowSelections(t *testing.T) {
	c := build(t, "canonical.crm", readFile(t, "testdata/canonical.crm"))
	p := NewPrinter(c)
	got, err := p.ShowIDs("vip", "node1", "fencing_topology")
	if err != nil {
		t.Fatal(err)
	}
	want := "node 1001: node1 \\\n\tattributes standby=off rack=1 \\\n\tutilization cpu=8 memory=16384\n" +
		"# the virtual address\nprimitive vip IPaddr2"
	if len(got) < len(want) || got[:len(want)] != want {
		t.Errorf("ShowIDs:\n%s", got)
	}
	if _, err := p.ShowIDs("nosuch"); err == nil {
		t.Error("ShowIDs(nosuch) did not fail")
	}
	if got := p.ShowKinds("tag"); got != "tag core vip fs\ntag webs web web2 web3\n" {
		t.Errorf("ShowKinds(tag) = %q", got)
	}
}
