package simulate

import (
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"gocrm/cib"
	"gocrm/engine/scheduler"
)

// Explain prints why a resource lands where it does: for every node, each
// score contribution (location, colocation, stickiness, failure,
// utilization, ...) and the final score, then the node chosen and what the
// transition does with the resource. For a group or clone, every member is
// explained.
func Explain(c *cib.CIB, rsc string, opts Options) ([]byte, error) {
	if c == nil {
		return nil, scheduler.ErrNoCIB
	}
	work := applyNodeChanges(c, opts)
	g, tr, err := scheduler.Schedule(scheduler.Input{CIB: work, Now: opts.Now, ShowScores: true, ScoreDetail: true})
	if err != nil {
		return nil, err
	}
	targets := explainTargets(tr.State.Resources, rsc)
	if len(targets) == 0 {
		return nil, fmt.Errorf("explain: no resource %q in the configuration", rsc)
	}
	var b strings.Builder
	for i, r := range targets {
		if i > 0 {
			b.WriteByte('\n')
		}
		explainOne(&b, r, g, tr)
	}
	return []byte(b.String()), nil
}

// explainTargets finds the primitives named by id (a primitive, or every
// member/instance of a group or clone).
func explainTargets(rs []scheduler.ResourceStatus, id string) []scheduler.ResourceStatus {
	var out []scheduler.ResourceStatus
	var collect func(r scheduler.ResourceStatus)
	collect = func(r scheduler.ResourceStatus) {
		if r.Kind == "primitive" {
			out = append(out, r)
			return
		}
		for _, ch := range r.Children {
			collect(ch)
		}
	}
	var find func(rs []scheduler.ResourceStatus) bool
	find = func(rs []scheduler.ResourceStatus) bool {
		for _, r := range rs {
			if r.ID == id {
				collect(r)
				return true
			}
			if find(r.Children) {
				return true
			}
		}
		return false
	}
	find(rs)
	return out
}

func nodeState(n scheduler.NodeStatus) string {
	switch {
	case n.Unclean:
		return "unclean"
	case !n.Online:
		return "offline"
	case n.Pending:
		return "pending"
	case n.Standby:
		return "standby"
	case n.Maintenance:
		return "maintenance"
	case n.Shutdown:
		return "shutting down"
	}
	return "online"
}

func explainOne(b *strings.Builder, r scheduler.ResourceStatus, g scheduler.Graph, tr scheduler.Trace) {
	agent := r.Class + ":"
	if r.Provider != "" {
		agent += r.Provider + ":"
	}
	agent += r.Agent
	fmt.Fprintf(b, "Resource %s (%s)\n", r.ID, agent)
	where := "stopped"
	if len(r.RunningOn) > 0 {
		where = "running on " + strings.Join(r.RunningOn, ", ")
	}
	fmt.Fprintf(b, "  now: %s\n", where)
	kinds := []string{"location", "colocation", "stickiness", "failure", "utilization", "target-role", "unmanaged", "orphan", "other"}
	sums := map[string]map[string]scheduler.Score{}
	details := map[string][]string{}
	for _, ct := range tr.Contributions {
		if ct.Resource != r.ID {
			continue
		}
		if sums[ct.Node] == nil {
			sums[ct.Node] = map[string]scheduler.Score{}
		}
		sums[ct.Node][ct.Kind] = sums[ct.Node][ct.Kind].Add(ct.Score)
		src := ct.Source
		if src == "" {
			src = ct.Kind
		}
		details[ct.Node] = append(details[ct.Node], fmt.Sprintf("%s %s (%s)", signed(ct.Score), ct.Kind, src))
	}
	final := map[string]scheduler.Score{}
	hasFinal := map[string]bool{}
	for _, s := range tr.Scores {
		if s.Resource == r.ID {
			final[s.Node] = s.Score
			hasFinal[s.Node] = true
		}
	}
	tw := tabwriter.NewWriter(b, 0, 4, 2, ' ', 0)
	header := "  node\tstate"
	for _, k := range kinds {
		header += "\t" + k
	}
	fmt.Fprintln(tw, header+"\tscore")
	nodes := append([]scheduler.NodeStatus(nil), tr.State.Nodes...)
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].Name < nodes[j].Name })
	for _, n := range nodes {
		line := "  " + n.Name + "\t" + nodeState(n)
		for _, k := range kinds {
			v, ok := sums[n.Name][k]
			if !ok {
				line += "\t."
			} else {
				line += "\t" + signed(v)
			}
		}
		score := "not allowed"
		if hasFinal[n.Name] {
			score = final[n.Name].String()
		}
		fmt.Fprintln(tw, line+"\t"+score)
	}
	tw.Flush()
	for _, n := range nodes {
		for _, d := range details[n.Name] {
			fmt.Fprintf(b, "  %s: %s\n", n.Name, d)
		}
	}
	verdict := "no change"
	for _, ch := range g.Summary {
		if ch.Resource == r.ID {
			verdict = strings.Join(strings.Fields(ch.String()), " ")
		}
	}
	fmt.Fprintf(b, "  decision: %s\n", verdict)
}

func signed(s scheduler.Score) string {
	if s > 0 {
		return "+" + s.String()
	}
	return s.String()
}
