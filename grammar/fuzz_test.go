package grammar

import (
	"strings"
	"testing"

	"gocrm/cib"
)

// FuzzParse checks that parsing never panics, that the fast parser and
// participle agree on every statement, and that for input that parses and
// builds, printing is a fixed point: print, parse and build the printed
// text, print again, and get the same text.
func FuzzParse(f *testing.F) {
	for _, name := range scriptFiles(f) {
		src := readFile(f, name)
		f.Add(src)
		for _, stmt := range strings.Split(src, "\n") {
			f.Add(stmt)
		}
	}
	for _, c := range strings.Split(readFile(f, "testdata/errors.txt"), "===\n") {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, src string) {
		s, err := ParseString("fuzz.crm", src)
		compareParsers(t, src)
		if err != nil {
			return
		}
		c := cib.Empty()
		if err := Apply(c, s.Statements, ApplyOptions{}); err != nil {
			return
		}
		out := Show(c)
		s2, err := ParseString("printed.crm", out)
		if err != nil {
			t.Fatalf("printed text does not parse: %v\ninput:\n%s\nprinted:\n%s", err, src, out)
		}
		c2 := cib.Empty()
		if err := Apply(c2, s2.Statements, ApplyOptions{}); err != nil {
			t.Fatalf("printed text does not build: %v\ninput:\n%s\nprinted:\n%s", err, src, out)
		}
		if out2 := Show(c2); out2 != out {
			t.Fatalf("print is not a fixed point:\ninput:\n%s\nfirst:\n%s\nsecond:\n%s", src, out, out2)
		}
	})
}
