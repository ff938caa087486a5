package cib

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSchedulerCasesPacemaker is a differential test with Pacemaker: for
// a sample of the scheduler cases, crm_simulate reads what Encode wrote
// and must decide exactly what it decided for the original file (the
// case's .summary, made by Pacemaker 2.1.5 from the original).
func TestSchedulerCasesPacemaker(t *testing.T) {
	sim, err := exec.LookPath("crm_simulate")
	if err != nil {
		t.Skip("skipped: crm_simulate (pacemaker-cli-utils) is not installed")
	}
	files, err := filepath.Glob(filepath.Join(sharedDir(t, "scheduler-cases"), "*.xml"))
	if err != nil || len(files) == 0 {
		t.Skip("skipped: no scheduler cases")
	}
	step := 20
	if testing.Short() {
		step = 100
	}
	// Every step-th case, and cases that once caught a bug.
	var sample []string
	for i, f := range files {
		switch filepath.Base(f) {
		case "value-source.xml", "bug-cl-5212.xml", "anon-instance-pending.xml":
			sample = append(sample, f)
			continue
		}
		if i%step == 0 {
			sample = append(sample, f)
		}
	}
	dir := t.TempDir()
	for _, f := range sample {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			want, err := os.ReadFile(strings.TrimSuffix(f, ".xml") + ".summary")
			if err != nil {
				t.Skipf("skipped: no summary: %v", err)
			}
			in, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			c, err := DecodeBytes(in)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, filepath.Base(f))
			if err := os.WriteFile(out, Marshal(c), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(sim, "-x", filepath.Base(f), "-S")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "LC_ALL=C")
			got, _ := cmd.CombinedOutput() // the summary is the check; some cases exit non-zero
			if !bytes.Equal(got, want) {
				t.Errorf("crm_simulate decides differently on the re-encoded CIB:\n%s", lineDiff(want, got))
			}
		})
	}
}

// TestSchemaValid checks with xmllint that encoding a schema-valid CIB
// that uses every element gives a schema-valid CIB: the schema fixes the
// order of some children (resource sets before rules in rsc_location).
func TestSchemaValid(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("skipped: xmllint is not installed")
	}
	const schema = "/usr/share/pacemaker/pacemaker-3.9.rng"
	if _, err := os.Stat(schema); err != nil {
		t.Skipf("skipped: no Pacemaker schema (%v)", err)
	}
	in := filepath.Join("testdata", "valid.xml")
	if msg, err := exec.Command(xmllint, "--noout", "--relaxng", schema, in).CombinedOutput(); err != nil {
		t.Fatalf("the fixture itself is not valid:\n%s", msg)
	}
	data, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	c, err := DecodeBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out.xml")
	if err := os.WriteFile(out, Marshal(c), 0o644); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command(xmllint, "--noout", "--relaxng", schema, out).CombinedOutput(); err != nil {
		t.Errorf("the encoding is not valid:\n%s", msg)
	}
	checkRoundTrip(t, data, true)
}
