package simulate

import (
	"flag"
	"fmt"
	"os"
	"testing"

	"gocrm/cib"
	"gocrm/engine/scheduler"
)

var graphFile = flag.String("graph", "", "print the transition graph computed for this CIB file (actions with their inputs)")

// TestGraphFile is a debugging aid: go test -run TestGraphFile -graph X.
func TestGraphFile(t *testing.T) {
	if *graphFile == "" {
		t.Skip("no -graph given")
	}
	data, err := os.ReadFile(*graphFile)
	if err != nil {
		t.Fatal(err)
	}
	c, err := cib.DecodeBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	g, _, err := scheduler.Schedule(scheduler.Input{CIB: c})
	if err != nil {
		t.Fatal(err)
	}
	name := map[int]string{}
	for _, a := range g.Actions {
		name[a.ID] = a.Key + "@" + a.Node
	}
	for _, a := range g.Actions {
		fmt.Fprintf(os.Stdout, "%d %s", a.ID, name[a.ID])
		for _, in := range a.Inputs {
			fmt.Fprintf(os.Stdout, "\n\t<- %d %s", in, name[in])
		}
		fmt.Fprintln(os.Stdout)
	}
}
