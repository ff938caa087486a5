package simulate

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gocrm/cib"
)

var update = flag.Bool("update", false, "rewrite the golden files under ../testdata/scenarios")

// TestScenarios replays our own scenarios (one per semantic of the
// scheduler, see ../testdata/scenarios/README) and compares the output with
// the golden files; when crm_simulate is installed the output must also
// equal what it prints (whitespace and blank lines ignored).
func TestScenarios(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "scenarios", "*.xml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenarios: %v", err)
	}
	oracle, _ := exec.LookPath("crm_simulate")
	if oracle == "" {
		t.Log("crm_simulate not installed: skipping the comparison with Pacemaker")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".xml")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			c, err := cib.DecodeBytes(data)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Simulate(c, Options{Simulate: true})
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(f, ".xml") + ".out"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if string(got) != string(want) {
				t.Errorf("output differs from %s:\n%s", golden, lineDiff(string(want), string(got)))
			}
			if oracle == "" {
				return
			}
			cmd := exec.Command(oracle, "-x", filepath.Base(f), "-S")
			cmd.Dir = filepath.Dir(f)
			cmd.Env = append(os.Environ(), "LC_ALL=C")
			ref, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("crm_simulate: %v\n%s", err, ref)
			}
			if !equalLines(normalize(string(ref)), normalize(string(got))) {
				t.Errorf("differs from crm_simulate:\n%s", lineDiff(string(ref), string(got)))
			}
			// and the allocation scores (crm_simulate -S -s)
			scores, err := Simulate(c, Options{Simulate: true, ShowScores: true})
			if err != nil {
				t.Fatal(err)
			}
			cmd = exec.Command(oracle, "-x", filepath.Base(f), "-S", "-s")
			cmd.Dir = filepath.Dir(f)
			cmd.Env = append(os.Environ(), "LC_ALL=C")
			ref, err = cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("crm_simulate -s: %v\n%s", err, ref)
			}
			if !equalLines(normalize(string(ref)), normalize(string(scores))) {
				t.Errorf("scores differ from crm_simulate -s:\n%s", lineDiff(string(ref), string(scores)))
			}
		})
	}
}

// TestExplain checks the explain table on the colocation scenario.
func TestExplain(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "scenarios", "colocation.xml"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := cib.DecodeBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Explain(c, "D", Options{})
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "explain-colocation-D.out")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("explain output differs from %s:\n%s", golden, lineDiff(string(want), string(got)))
	}
	if _, err := Explain(c, "nosuch", Options{}); err == nil {
		t.Error("explain of an unknown resource: want an error")
	}
}
