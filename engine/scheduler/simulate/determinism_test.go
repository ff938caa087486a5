package simulate

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"gocrm/cib"
)

// TestDeterminism simulates a spread of inputs 100 times each: the output
// must be byte-identical every time (run it with -race too).
func TestDeterminism(t *testing.T) {
	var inputs [][]byte
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "scenarios", "*.xml"))
	shared := filepath.Join(sharedDir(t), "scheduler-cases")
	for _, name := range []string{"rec-rsc-5", "group-fail", "coloc-list", "order-sets", "params-3",
		"utilization-check-allowed-nodes", "rsc-sets-seq-true", "stopped-monitor-08", "anon-instance-pending", "clone-order-16instances"} {
		files = append(files, filepath.Join(shared, name+".xml"))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		inputs = append(inputs, data)
	}
	if len(inputs) == 0 {
		t.Skip("no inputs found (../testdata/scenarios or ../shared/scheduler-cases)")
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	runs := 100
	if testing.Short() {
		runs = 10
	}
	for i, data := range inputs {
		var first [2][]byte
		for n := 0; n < runs; n++ {
			c, err := cib.DecodeBytes(append([]byte(nil), data...))
			if err != nil {
				t.Fatalf("input %d: %v", i, err)
			}
			scores := n%2 == 1
			out, err := Simulate(c, Options{Simulate: true, ShowScores: scores, Now: now})
			if err != nil {
				t.Fatalf("input %d: %v", i, err)
			}
			k := n % 2
			if first[k] == nil {
				first[k] = out
			} else if !bytes.Equal(out, first[k]) {
				t.Fatalf("input %d: run %d differs from the first run with the same options", i, n)
			}
		}
	}
}
