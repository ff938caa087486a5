package cib

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRulesGolden evaluates every location-constraint rule and every
// rule-guarded nvset of the scheduler cases that have rules, for each node,
// at the case's execution-date (or 2024-06-15T12:00:00Z), and compares the
// results with testdata/rules/scheduler-rules.golden (refresh with
// -update). It pins the evaluation of real-world rules: typed comparisons,
// #uname/#kind, date expressions and nested rules.
func TestRulesGolden(t *testing.T) {
	var b strings.Builder
	for _, f := range schedulerCases(t, 1) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), "<rule") {
			continue
		}
		c := loadCIB(t, f)
		now := time.Date(2024, 6, 15, 12, 0, 0, 0, time.UTC)
		if ed := c.Attrs.Get(AttrExecutionDate); ed != "" {
			if tm, err := ParseEpoch(ed); err == nil {
				now = tm
			}
		}
		ix := NewIndex(c)
		name := filepath.Base(f)
		for _, n := range c.Config.Nodes {
			attrs, _ := EvalNVSets(n.Attributes, &RuleContext{Now: now, Refs: ix}, NVSetOptions{})
			kind := "cluster"
			if n.Type == "remote" {
				kind = "remote"
			}
			attrs["#uname"], attrs["#id"], attrs["#kind"] = n.Uname, n.ID, kind
			ctx := &RuleContext{Now: now, NodeAttrs: attrs, Refs: ix}
			for _, k := range c.Config.Constraints {
				l, ok := k.(*Location)
				if !ok {
					continue
				}
				for _, r := range l.Rules {
					ok, next := EvalRuleNext(r, ctx)
					fmt.Fprintf(&b, "%s %s rule %s on %s: %v%s\n", name, l.ID, ruleName(r), n.Uname, ok, nextText(next))
				}
			}
		}
		ctx := &RuleContext{Now: now, Refs: ix}
		for _, e := range ix.Entries() {
			s, ok := e.Obj.(*NVSet)
			if !ok || len(s.Rules) == 0 || e.Parent == nil || e.Parent.Obj != nil {
				continue // only sets directly under crm_config, rsc_defaults and op_defaults
			}
			m, next := EvalNVSets([]*NVSet{s}, ctx, NVSetOptions{})
			fmt.Fprintf(&b, "%s %s %s: %d values%s\n", name, e.Parent.Name, s.ID, len(m), nextText(next))
		}
	}
	golden := filepath.Join("testdata", "rules", "scheduler-rules.golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got := b.String(); got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("rule results differ from %s at line %d:\ngot  %s\nwant %s", golden, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("rule results differ from %s: %d lines, want %d", golden, len(gl), len(wl))
	}
}

func ruleName(r *Rule) string {
	if r.ID != "" {
		return r.ID
	}
	return "@" + r.IDRef
}

func nextText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return " (changes " + t.UTC().Format(time.RFC3339) + ")"
}
