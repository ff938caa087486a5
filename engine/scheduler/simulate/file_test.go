package simulate

import (
	"flag"
	"os"
	"testing"
	"time"

	"gocrm/cib"
)

var (
	simFile  = flag.String("file", "", "simulate this CIB file (like crm_simulate -x FILE -S) and print the output")
	simFlags = flag.String("simflags", "S", "crm_simulate flags for -file: any of R, S, s, Q")
	simDown  = flag.String("down", "", "take this node down (crm_simulate -d) for -file")
)

// TestSimulateFile is a debugging aid: go test -run TestSimulateFile -file X.
func TestSimulateFile(t *testing.T) {
	if *simFile == "" {
		t.Skip("no -file given")
	}
	data, err := os.ReadFile(*simFile)
	if err != nil {
		t.Fatal(err)
	}
	c, err := cib.DecodeBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	var opts Options
	for _, f := range *simFlags {
		switch f {
		case 'R':
			opts.Run = true
		case 'S':
			opts.Simulate = true
		case 's':
			opts.ShowScores = true
		case 'Q':
			opts.Quiet = true
		}
	}
	if *simDown != "" {
		opts.NodeDown = []string{*simDown}
	}
	if c.Attrs.Get("execution-date") == "" {
		opts.Now = time.Now()
	}
	out, err := Simulate(c, opts)
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout.Write(out)
}
