package scheduler_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"gocrm/cib"
	"gocrm/engine/scheduler"
)

// Benchmarks run on CIBs made by ../shared/bench/gen_cib.py: cold (no
// history), probed (every probe recorded) and steady state (history from
// a crm_simulate -R run of the probed CIB, as the issue specifies). Inputs
// are cached under $TMPDIR/gocrm-bench, keyed by size, because the steady
// 32x5000 placement takes crm_simulate over a minute and ~4 GB.

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
			tb.Skip("go.mod not found")
		}
		dir = parent
	}
}

func generator(tb testing.TB) string {
	gen := filepath.Join(moduleRoot(tb), "..", "shared", "bench", "gen_cib.py")
	if _, err := os.Stat(gen); err != nil {
		tb.Skipf("benchmark generator not found at %s", gen)
	}
	if _, err := exec.LookPath("python3"); err != nil {
		tb.Skip("python3 not installed: cannot generate benchmark CIBs")
	}
	return gen
}

func cacheDir(tb testing.TB) string {
	dir := filepath.Join(os.TempDir(), "gocrm-bench")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	return dir
}

func run(tb testing.TB, name string, args ...string) {
	cmd := exec.Command(name, args...)
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
}

// benchCIB returns the path of a generated CIB: kind is cold, probed or
// steady.
func benchCIB(tb testing.TB, nodes, rscs int, kind string) string {
	gen := generator(tb)
	dir := cacheDir(tb)
	path := filepath.Join(dir, fmt.Sprintf("%s-%dx%d.xml", kind, nodes, rscs))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	switch kind {
	case "cold-ext", "steady-ext":
		return extendedCIB(tb, nodes, rscs, kind, path)
	case "cold":
		run(tb, "python3", gen, fmt.Sprint(nodes), fmt.Sprint(rscs), path+".tmp")
	case "probed":
		run(tb, "python3", gen, fmt.Sprint(nodes), fmt.Sprint(rscs), path+".tmp", "--probed")
	case "steady":
		if _, err := exec.LookPath("crm_simulate"); err != nil {
			tb.Skip("crm_simulate not installed: cannot make the steady-state placement")
		}
		probed := benchCIB(tb, nodes, rscs, "probed")
		placement := filepath.Join(dir, fmt.Sprintf("placement-%dx%d.txt", nodes, rscs))
		if _, err := os.Stat(placement); err != nil {
			out, err := exec.Command("crm_simulate", "-x", probed, "-R").CombinedOutput()
			if err != nil {
				tb.Fatalf("crm_simulate -x %s -R: %v", probed, err)
			}
			if err := os.WriteFile(placement, out, 0o644); err != nil {
				tb.Fatal(err)
			}
		}
		run(tb, "python3", gen, fmt.Sprint(nodes), fmt.Sprint(rscs), path+".tmp", "--placement", placement)
	}
	if err := os.Rename(path+".tmp", path); err != nil {
		tb.Fatal(err)
	}
	return path
}

// benchSchedule measures decoding plus scheduling, optionally with one
// node leaving the membership (crm_simulate -d).
func benchSchedule(b *testing.B, nodes, rscs int, kind, down string) {
	path := benchCIB(b, nodes, rscs, kind)
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	var m *scheduler.Membership
	if down != "" {
		m = &scheduler.Membership{Nodes: map[string]scheduler.NodeMembership{down: {}}}
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	var g scheduler.Graph
	for i := 0; i < b.N; i++ {
		buf := append([]byte(nil), data...)
		c, err := cib.DecodeBytes(buf)
		if err != nil {
			b.Fatal(err)
		}
		g, _, err = scheduler.Schedule(scheduler.Input{CIB: c, Membership: m})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(g.Actions)), "actions")
}

func BenchmarkSteady16x500Down(b *testing.B)  { benchSchedule(b, 16, 500, "steady", "node001") }
func BenchmarkSteady32x5000Down(b *testing.B) { benchSchedule(b, 32, 5000, "steady", "node001") }
func BenchmarkCold32x2000(b *testing.B)       { benchSchedule(b, 32, 2000, "cold", "") }
func BenchmarkProbed16x500(b *testing.B)      { benchSchedule(b, 16, 500, "probed", "") }
func BenchmarkSteady16x500(b *testing.B)      { benchSchedule(b, 16, 500, "steady", "") }

// Scaling table for the package documentation.
func BenchmarkScaleSteady(b *testing.B) {
	for _, sz := range [][2]int{{8, 500}, {16, 500}, {32, 500}, {16, 1000}, {16, 2000}} {
		b.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(b *testing.B) { benchSchedule(b, sz[0], sz[1], "steady", "node001") })
	}
}

// BenchmarkScheduleOnly16x500Down excludes decoding.
func BenchmarkScheduleOnly16x500Down(b *testing.B) {
	data, err := os.ReadFile(benchCIB(b, 16, 500, "steady"))
	if err != nil {
		b.Fatal(err)
	}
	c, err := cib.DecodeBytes(data)
	if err != nil {
		b.Fatal(err)
	}
	m := &scheduler.Membership{Nodes: map[string]scheduler.NodeMembership{"node001": {}}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := scheduler.Schedule(scheduler.Input{CIB: c, Membership: m}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecode16x500 is the decoding share of the steady benchmarks.
func BenchmarkDecode16x500(b *testing.B) {
	data, err := os.ReadFile(benchCIB(b, 16, 500, "steady"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := cib.DecodeBytes(append([]byte(nil), data...)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScheduleOnly32x5000Down excludes decoding.
func BenchmarkScheduleOnly32x5000Down(b *testing.B) {
	data, err := os.ReadFile(benchCIB(b, 32, 5000, "steady"))
	if err != nil {
		b.Fatal(err)
	}
	c, err := cib.DecodeBytes(data)
	if err != nil {
		b.Fatal(err)
	}
	m := &scheduler.Membership{Nodes: map[string]scheduler.NodeMembership{"node001": {}}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := scheduler.Schedule(scheduler.Input{CIB: c, Membership: m}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecode32x5000 is the decoding share of the large steady benchmark.
func BenchmarkDecode32x5000(b *testing.B) {
	data, err := os.ReadFile(benchCIB(b, 32, 5000, "steady"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := cib.DecodeBytes(append([]byte(nil), data...)); err != nil {
			b.Fatal(err)
		}
	}
}

// Scaling of scheduling alone (decoded once) for the documentation table.
func BenchmarkScaleScheduleOnly(b *testing.B) {
	for _, sz := range [][3]int{{8, 500}, {16, 500}, {32, 500}, {16, 1000}, {16, 2000}, {32, 5000}} {
		b.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(b *testing.B) {
			data, err := os.ReadFile(benchCIB(b, sz[0], sz[1], "steady"))
			if err != nil {
				b.Fatal(err)
			}
			c, err := cib.DecodeBytes(data)
			if err != nil {
				b.Fatal(err)
			}
			m := &scheduler.Membership{Nodes: map[string]scheduler.NodeMembership{"node001": {}}}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, _, err := scheduler.Schedule(scheduler.Input{CIB: c, Membership: m}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
