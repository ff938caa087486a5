package cib

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzValidate feeds decodable CIBs to Validate, to rule evaluation and to
// Diff/Apply against the empty CIB: none of them may panic, and the patch
// must reproduce the CIB.
func FuzzValidate(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "validate", "*.xml"))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	now := time.Date(2024, 6, 15, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := DecodeBytes(data)
		if err != nil {
			return
		}
		Validate(c, ValidateOptions{Metadata: testMetadata})
		ix := NewIndex(c)
		ctx := &RuleContext{Now: now, NodeAttrs: map[string]string{"#uname": "node1"}, Refs: ix}
		for _, e := range ix.Entries() {
			if r, ok := e.Obj.(*Rule); ok {
				EvalRuleNext(r, ctx)
			}
			if s, ok := e.Obj.(*NVSet); ok {
				EvalNVSets([]*NVSet{s}, ctx, NVSetOptions{})
			}
		}
		base := Empty()
		got, err := Diff(base, c).Apply(base)
		if err != nil {
			t.Fatalf("applying the diff from the empty CIB: %v", err)
		}
		if !Equal(got, c) {
			t.Fatal("Diff(empty, c).Apply(empty) != c")
		}
	})
}
