package cib

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

// benchCIBs caches generated benchmark inputs for one test binary run.
var benchCIBs sync.Map // name → []byte

// benchInput returns the probed CIB of nodes×resources that
// ../shared/bench/gen_cib.py generates, or skips when python3 or the
// generator is absent.
func benchInput(b *testing.B, nodes, resources string) []byte {
	b.Helper()
	name := nodes + "x" + resources
	if v, ok := benchCIBs.Load(name); ok {
		return v.([]byte)
	}
	gen := filepath.Join(sharedDir(b, "bench"), "gen_cib.py")
	if _, err := os.Stat(gen); err != nil {
		b.Skipf("skipped: %s is absent", gen)
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		b.Skip("skipped: python3 is not installed")
	}
	out := filepath.Join(b.TempDir(), name+".xml")
	cmd := exec.Command(py, gen, nodes, resources, out, "--probed")
	if msg, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("%s: %v\n%s", gen, err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		b.Fatal(err)
	}
	benchCIBs.Store(name, data)
	return data
}

var benchSizes = []struct{ nodes, resources string }{{"16", "500"}, {"32", "5000"}}

func BenchmarkDecode(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(sz.nodes+"x"+sz.resources, func(b *testing.B) {
			data := benchInput(b, sz.nodes, sz.resources)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			var c *CIB
			for b.Loop() {
				var err error
				// DecodeBytes does not modify data, so it can be reused.
				if c, err = DecodeBytes(data); err != nil {
					b.Fatal(err)
				}
			}
			reportHeap(b, c)
		})
	}
}

// reportHeap reports the live heap held by the decoded CIB (input
// included, which its strings keep alive) after a full collection.
func reportHeap(b *testing.B, c *CIB) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "live-MB")
	runtime.KeepAlive(c)
}

func BenchmarkEncode(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(sz.nodes+"x"+sz.resources, func(b *testing.B) {
			c, err := DecodeBytes(benchInput(b, sz.nodes, sz.resources))
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(Marshal(c))))
			b.ReportAllocs()
			for b.Loop() {
				if err := Encode(io.Discard, c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkMarshal(b *testing.B) {
	c, err := DecodeBytes(benchInput(b, "32", "5000"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		b.SetBytes(int64(len(Marshal(c))))
	}
}

func BenchmarkClone(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(sz.nodes+"x"+sz.resources, func(b *testing.B) {
			c, err := DecodeBytes(benchInput(b, sz.nodes, sz.resources))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				c.Clone()
			}
		})
	}
}

func BenchmarkEqual(b *testing.B) {
	data := benchInput(b, "32", "5000")
	c1, err := DecodeBytes(data)
	if err != nil {
		b.Fatal(err)
	}
	c2 := c1.Clone()
	b.ReportAllocs()
	for b.Loop() {
		if !Equal(c1, c2) {
			b.Fatal("not equal")
		}
	}
}
