package cib

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"gocrm/cib/xmltree"
)

// sharedDir returns ../shared relative to the module root (the directory
// holding go.mod), or skips the test when it is absent.
func sharedDir(t testing.TB, sub string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("skipped: no go.mod above the package directory")
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", sub)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("skipped: %s is absent (%v)", p, err)
	}
	return p
}

// TestSchedulerCasesRoundTrip checks the codec against every CIB of the
// Pacemaker scheduler regression cases: XML → CIB → XML → CIB gives an
// Equal CIB, the second XML equals the first byte for byte, and the first
// XML holds everything the input held (compared as normalised trees).
func TestSchedulerCasesRoundTrip(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(sharedDir(t, "scheduler-cases"), "*.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skip("skipped: no scheduler cases")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			in, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			checkRoundTrip(t, in, true)
		})
	}
}

// checkRoundTrip runs the round-trip checks on one document, which must
// decode. strict selects the order-sensitive comparison of the input and
// the output trees.
func checkRoundTrip(t *testing.T, in []byte, strict bool) {
	t.Helper()
	c1, err := DecodeBytes(bytes.Clone(in))
	if err != nil {
		t.Fatalf("decode input: %v", err)
	}
	out1 := Marshal(c1)
	c2, err := DecodeBytes(bytes.Clone(out1))
	if err != nil {
		t.Fatalf("decode output: %v\n%s", err, out1)
	}
	if !Equal(c1, c2) {
		t.Fatalf("CIB differs after a round trip; output:\n%s", out1)
	}
	out2 := Marshal(c2)
	if !bytes.Equal(out1, out2) {
		t.Fatalf("second output differs from the first:\n%s", lineDiff(out1, out2))
	}
	var buf bytes.Buffer
	if err := Encode(&buf, c1); err != nil || !bytes.Equal(buf.Bytes(), out1) {
		t.Fatalf("Encode differs from Marshal (err %v)", err)
	}
	if tree := xmltree.Marshal(ToNode(c1)); !bytes.Equal(tree, out1) {
		t.Fatalf("Write(ToNode) differs from Marshal:\n%s", lineDiff(out1, tree))
	}
	c3, err := FromNode(ToNode(c1))
	if err != nil || !Equal(c1, c3) {
		t.Fatalf("FromNode(ToNode) differs (err %v)", err)
	}
	if !Equal(c1, c1.Clone()) {
		t.Fatalf("Clone differs")
	}
	t1, err := xmltree.Parse(bytes.Clone(in))
	if err != nil {
		t.Fatal(err)
	}
	t2, err := xmltree.Parse(out1)
	if err != nil {
		t.Fatal(err)
	}
	if !xmltree.Equal(ToNode(c1), t2) {
		t.Fatalf("ToNode differs from parsing Marshal's output")
	}
	n1, n2 := normalise(t1, strict), normalise(t2, strict)
	if !xmltree.Equal(n1, n2) {
		t.Fatalf("output lost or changed content:\n%s", lineDiff(xmltree.Marshal(n1), xmltree.Marshal(n2)))
	}
}

// lineDiff shows the first differing line of two outputs with context.
func lineDiff(a, b []byte) string {
	la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := 0; i < len(la) || i < len(lb); i++ {
		var x, y []byte
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if !bytes.Equal(x, y) {
			return "line " + strconv.Itoa(i+1) + ":\n- " + string(x) + "\n+ " + string(y)
		}
	}
	return "(no difference)"
}
