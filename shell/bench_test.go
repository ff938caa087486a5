package shell

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gocrm/shell/agents"
)

// batchScript is the shared benchmark input: 1,000 primitives and 500
// constraints from ../shared/bench/gen_crm_batch.py, or nil when that is
// not available.
func batchScript(tb testing.TB) []byte {
	tb.Helper()
	gen, err := filepath.Abs("../../shared/bench/gen_crm_batch.py")
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := os.Stat(gen); err != nil {
		tb.Skipf("no %s: %v", gen, err)
	}
	out, err := exec.Command("python3", gen).Output()
	if err != nil {
		tb.Skipf("cannot run %s: %v", gen, err)
	}
	return out
}

// benchEnv runs the shell in process on the CIB at path, with the test
// meta-data (so agent runs are not what is measured).
func benchEnv(tb testing.TB, path string, stdin io.Reader, args ...string) Env {
	root := fakeOCFRoot(tb, filepath.Dir(path))
	vars := map[string]string{"CIB_file": path, "XDG_CACHE_HOME": filepath.Join(filepath.Dir(path), "cache")}
	return Env{
		Args:      args,
		Stdin:     stdin,
		Stdout:    io.Discard,
		Stderr:    os.Stderr,
		Getenv:    func(k string) string { return vars[k] },
		Hostname:  "bench",
		Runner:    agents.ExecRunner{},
		AgentDirs: &agents.Dirs{OCFRoot: root},
	}
}

// BenchmarkBatchCommit pipes the batch into crm configure on an empty
// file-backed CIB and commits it.
func BenchmarkBatchCommit(b *testing.B) {
	script := batchScript(b)
	empty, _ := os.ReadFile("testdata/empty.xml")
	path := filepath.Join(b.TempDir(), "cib.xml")
	env := benchEnv(b, path, nil, "configure")
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		os.WriteFile(path, empty, 0o644)
		env.Stdin = bytes.NewReader(script)
		b.StartTimer()
		if code := Main(env); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkShow prints the result of the batch.
func BenchmarkShow(b *testing.B) {
	script := batchScript(b)
	path := filepath.Join(b.TempDir(), "cib.xml")
	data, _ := os.ReadFile("testdata/empty.xml")
	os.WriteFile(path, data, 0o644)
	env := benchEnv(b, path, bytes.NewReader(script), "configure")
	if code := Main(env); code != 0 {
		b.Fatalf("batch: exit %d", code)
	}
	var out bytes.Buffer
	env = benchEnv(b, path, nil, "configure", "show")
	env.Stdout = &out
	b.ResetTimer()
	for range b.N {
		out.Reset()
		if code := Main(env); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
	if !strings.Contains(out.String(), "primitive p0999") {
		b.Fatal("show lacks the last primitive")
	}
}

// BenchmarkShowEmpty is crm configure show on an empty CIB, in process:
// what the shell itself adds to the start-up of a one-shot command.
func BenchmarkShowEmpty(b *testing.B) {
	path := filepath.Join(b.TempDir(), "cib.xml")
	data, _ := os.ReadFile("testdata/empty.xml")
	os.WriteFile(path, data, 0o644)
	env := benchEnv(b, path, nil, "configure", "show")
	b.ResetTimer()
	for range b.N {
		if code := Main(env); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
