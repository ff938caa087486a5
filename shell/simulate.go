package shell

import (
	"fmt"
	"slices"
	"strings"

	"gocrm/engine/scheduler/simulate"
)

var simulateCommand = &Command{
	Name: "simulate", Aliases: []string{"ptest"},
	Usage: "[nograph] [v...] [scores] [up|down|fail <node>]...",
	Short: "simulate the cluster's response to the configuration",
	Help: "Run the scheduler on the working copy (at the top level, on the CIB) and\n" +
		"show what the cluster would do, as crm_simulate -S does: the current status,\n" +
		"the transition summary, the actions and the revised status. scores adds the\n" +
		"allocation scores; up, down and fail NODE change a node's state first.\n" +
		"nograph and v... are accepted for crmsh compatibility.",
	MaxArgs: -1, Run: runSimulate,
	Complete: func(x *CompleteCtx) []Candidate {
		if n := len(x.Args); n > 0 && slices.Contains([]string{"up", "down", "fail"}, x.Args[n-1]) {
			return x.Snap.ids("node")
		}
		return words("scores", "nograph", "up", "down", "fail")
	},
}

// simulateCommands puts simulate at the top and the configure levels.
func simulateCommands() []*Command {
	root, conf := *simulateCommand, *simulateCommand
	root.Level, conf.Level = "root", "configure"
	return []*Command{&root, &conf}
}

func runSimulate(s *Session, c *Call) error {
	var opts simulate.Options
	opts.Run, opts.Simulate = true, true
	for i := 0; i < len(c.Args); i++ {
		a := c.Args[i]
		switch {
		case a == "nograph" || strings.Trim(a, "v") == "":
		case a == "scores":
			opts.ShowScores = true
		case a == "up" || a == "down" || a == "fail":
			if i+1 == len(c.Args) {
				return c.ArgError(i, "%s needs a node name", a)
			}
			i++
			switch a {
			case "up":
				opts.NodeUp = append(opts.NodeUp, c.Args[i])
			case "down":
				opts.NodeDown = append(opts.NodeDown, c.Args[i])
			default:
				opts.NodeFail = append(opts.NodeFail, c.Args[i])
			}
		default:
			return c.ArgError(i, "unexpected %q: want scores, nograph, v..., or up|down|fail NODE", a)
		}
	}
	w, err := s.workspace()
	if err != nil {
		return err
	}
	out, err := simulate.Simulate(w.work.Clone(), opts)
	if err != nil {
		return fmt.Errorf("simulation failed: %w", err)
	}
	return s.page(string(out))
}
