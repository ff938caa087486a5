package scheduler

// Trace explains a scheduling decision: the cluster state that was
// unpacked, the final allocation scores (crm_simulate -s) and, when asked
// for, every score contribution.
type Trace struct {
	State         State
	Scores        []ScoreLine
	Contributions []Contribution
}

// ScoreLine is one "allocation score" line: the score of a resource on a
// node at the point Pacemaker prints it.
type ScoreLine struct {
	Stage    string // pcmk__primitive_assign, pcmk__group_assign, ...
	Resource string
	Node     string
	Score    Score
}

// Contribution is one reason a resource's score on a node changed.
type Contribution struct {
	Resource string
	Node     string
	Kind     string // location, colocation, stickiness, failure, utilization, ...
	Source   string // constraint or resource id
	Score    Score
}

func (c *cluster) traceScores(r *resource, stage string) {
	if stage != "final" || !(c.showScores || c.scoreDetail) {
		return
	}
	c.traceTable(r, "pcmk__primitive_assign", false)
}

// traceTable records a resource's node scores (and, with tree, its
// members') the way pe__show_node_weights prints them: nodes by name.
func (c *cluster) traceTable(r *resource, name string, tree bool) {
	if !(c.showScores || c.scoreDetail) || (r.has(fOrphan) && r.cloneBase == "") {
		return
	}
	for _, i := range c.byName {
		n := c.nodes[i]
		if !r.allowedSet[i] {
			continue
		}
		c.trace.Scores = append(c.trace.Scores, ScoreLine{Stage: name, Resource: r.id, Node: n.name, Score: r.allowed[i]})
	}
	if tree {
		for _, ch := range r.children {
			c.traceTable(ch, name, true)
		}
	}
}

// why sets what the next generic score changes (resourceLocation) are
// attributed to in the explain trace.
func (c *cluster) why(kind, source string) {
	c.whyKind, c.whySource = kind, source
}

func (c *cluster) traceContribution(r *resource, n *node, kind, source string, s Score) {
	if !c.scoreDetail || r == nil || s == 0 {
		return
	}
	c.trace.Contributions = append(c.trace.Contributions, Contribution{Resource: r.id, Node: n.name, Kind: kind, Source: source, Score: s})
}
