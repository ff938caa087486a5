package cib

import (
	"os"
	"path/filepath"
	"testing"
)

// Helpers shared by the tests of the index, rules, diff and validation.

func nvset(id, score string, rules []*Rule, kv ...string) *NVSet {
	s := &NVSet{ID: id, Score: score, Rules: rules}
	for i := 0; i+1 < len(kv); i += 2 {
		s.Pairs = append(s.Pairs, &NVPair{ID: id + "-" + kv[i], Name: kv[i], Value: kv[i+1]})
	}
	return s
}

// baseCIB returns a small configuration that validates cleanly.
func baseCIB() *CIB {
	return &CIB{Config: Configuration{
		CRMConfig: []*NVSet{nvset("cib-bootstrap-options", "", nil, "no-quorum-policy", "stop")},
		Nodes:     []*Node{{ID: "1", Uname: "n1"}, {ID: "2", Uname: "n2"}},
		Resources: []Resource{
			&Primitive{ID: "fence", Class: "stonith", Type: "fence_dummy"},
			&Primitive{ID: "vip", Class: "ocf", Provider: "heartbeat", Type: "IPaddr2",
				Params: []*NVSet{nvset("vip-instance_attributes", "", nil, "ip", "10.0.0.1")},
				Ops: Operations{Ops: []*Op{
					{ID: "vip-monitor-10s", Name: "monitor", Attrs: Attrs{{Name: "interval", Value: "10s"}, {Name: "timeout", Value: "20s"}}},
				}}},
			&Group{ID: "g", Children: []*Primitive{{ID: "d1", Class: "ocf", Provider: "pacemaker", Type: "Dummy"}}},
		},
		Constraints: []Constraint{
			&Location{ID: "l1", Rsc: "vip", Score: "100", Node: "n1"},
			&Colocation{ID: "c1", Rsc: "g", WithRsc: "vip", Score: "INFINITY"},
			&Order{ID: "o1", First: "vip", Then: "g", Kind: "Mandatory"},
		},
	}}
}

// schedulerCases returns the CIBs of ../shared/scheduler-cases (relative
// to the module root), every step-th one, or skips the test.
func schedulerCases(t testing.TB, step int) []string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		if filepath.Dir(dir) == dir {
			t.Skip("skipped: no go.mod above the package directory")
		}
		dir = filepath.Dir(dir)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "..", "shared", "scheduler-cases", "*.xml"))
	if len(files) == 0 {
		t.Skip("skipped: ../shared/scheduler-cases is absent")
	}
	var out []string
	for i := 0; i < len(files); i += step {
		out = append(out, files[i])
	}
	return out
}

func loadCIB(t testing.TB, path string) *CIB {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := DecodeBytes(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return c
}

func writeFile(t testing.TB, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
