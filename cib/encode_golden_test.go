package cib

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// TestGolden decodes testdata/all.xml, a hand-written CIB that uses every
// element the model knows (and a few it does not), and compares the
// encoding with testdata/all.golden.xml. Refresh with -update and review
// the diff.
func TestGolden(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("testdata", "all.xml"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := DecodeBytes(in)
	if err != nil {
		t.Fatal(err)
	}
	got := Marshal(c)
	golden := filepath.Join("testdata", "all.golden.xml")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("encoding differs from %s (go test -update to refresh):\n%s", golden, lineDiff(want, got))
	}
	in, _ = os.ReadFile(filepath.Join("testdata", "all.xml"))
	checkRoundTrip(t, in, true)
}
