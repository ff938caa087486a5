package grammar

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"gocrm/cib"
)

// generatedScript runs ../shared/bench/gen_crm_batch.py (found from the
// module root) into dir and returns the script, skipping the benchmark
// when python3 or the generator is missing.
func generatedScript(b *testing.B, dir string, primitives, constraints int) string {
	b.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		b.Skip("skipping: python3 not installed")
	}
	gen := filepath.Join(moduleRoot(b), "..", "shared", "bench", "gen_crm_batch.py")
	if _, err := os.Stat(gen); err != nil {
		b.Skipf("skipping: %s not found", gen)
	}
	out := filepath.Join(dir, fmt.Sprintf("batch-%d-%d.crm", primitives, constraints))
	cmd := exec.Command(py, gen, "--primitives", fmt.Sprint(primitives), "--constraints", fmt.Sprint(constraints))
	text, err := cmd.Output()
	if err != nil {
		b.Fatalf("%s: %v", gen, err)
	}
	if err := os.WriteFile(out, text, 0o644); err != nil {
		b.Fatal(err)
	}
	return string(text)
}

// moduleRoot walks up from the package directory to the directory holding
// go.mod.
func moduleRoot(tb testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("skipping: go.mod not found above the package")
		}
		dir = parent
	}
}

// BenchmarkParseBuildPrint parses a generated script of primitives and
// constraints, builds the CIB from an empty one, validates it and prints
// it back, at several sizes (objects = primitives + constraints); the
// ns/object figure should stay flat as the size grows.
func BenchmarkParseBuildPrint(b *testing.B) {
	sizes := []struct{ prims, cons int }{
		{1000, 500}, {2000, 1000}, {4000, 2000}, {13333, 6667},
	}
	dir := b.TempDir()
	for _, sz := range sizes {
		src := generatedScript(b, dir, sz.prims, sz.cons)
		objects := sz.prims + sz.cons
		b.Run(fmt.Sprintf("objects=%d", objects), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				s, err := ParseString("batch.crm", src)
				if err != nil {
					b.Fatal(err)
				}
				c := cib.Empty()
				if err := Apply(c, s.Statements, ApplyOptions{}); err != nil {
					b.Fatal(err)
				}
				if ps := cib.Validate(c, cib.ValidateOptions{}); cib.HasErrors(ps) {
					b.Fatalf("validation: %v", ps[0])
				}
				if out := Show(c); len(out) == 0 {
					b.Fatal("empty output")
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(objects), "ns/object")
		})
	}
}

// BenchmarkStages times each stage on the 1,500-object script.
func BenchmarkStages(b *testing.B) {
	src := generatedScript(b, b.TempDir(), 1000, 500)
	s, err := ParseString("batch.crm", src)
	if err != nil {
		b.Fatal(err)
	}
	c := cib.Empty()
	if err := Apply(c, s.Statements, ApplyOptions{}); err != nil {
		b.Fatal(err)
	}
	b.Run("lex", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			lexAll("batch.crm", src)
		}
	})
	b.Run("parse", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := ParseString("batch.crm", src); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("parse-participle", func(b *testing.B) {
		toks := lexAll("batch.crm", src)
		for i := 0; i < b.N; i++ {
			for j := 0; j < len(toks); {
				k := statementEnd(toks, j)
				if slowParse(toks[j:k:k]) == nil {
					b.Fatal("participle rejected a statement")
				}
				j = k
			}
		}
	})
	b.Run("build", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if err := Apply(cib.Empty(), s.Statements, ApplyOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("validate", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			cib.Validate(c, cib.ValidateOptions{})
		}
	})
	b.Run("print", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			Show(c)
		}
	})
}
