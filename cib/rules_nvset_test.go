package cib

import (
	"maps"
	"testing"
	"time"
)

func TestEvalNVSets(t *testing.T) {
	now := time.Date(2024, 6, 15, 12, 0, 0, 0, time.UTC)
	ctx := &RuleContext{Now: now, NodeAttrs: map[string]string{"#uname": "n1"}}
	onN1 := []*Rule{{ID: "r1", Exprs: []Expr{expr("#uname", "eq", "n1")}}}
	onN2 := []*Rule{{ID: "r2", Exprs: []Expr{expr("#uname", "eq", "n2")}}}
	until := []*Rule{{ID: "r3", Exprs: []Expr{&DateExpression{Operation: "lt", End: "2024-07-01T00:00:00Z"}}}}
	for _, tc := range []struct {
		name string
		sets []*NVSet
		opts NVSetOptions
		want map[string]string
		next time.Time
	}{
		{"first value wins", []*NVSet{nvset("a", "", nil, "x", "1"), nvset("b", "", nil, "x", "2", "y", "3")}, NVSetOptions{},
			map[string]string{"x": "1", "y": "3"}, time.Time{}},
		{"higher score first", []*NVSet{nvset("a", "1", nil, "x", "1"), nvset("b", "10", nil, "x", "2")}, NVSetOptions{},
			map[string]string{"x": "2"}, time.Time{}},
		{"INFINITY score", []*NVSet{nvset("a", "100", nil, "x", "1"), nvset("b", "INFINITY", nil, "x", "2")}, NVSetOptions{},
			map[string]string{"x": "2"}, time.Time{}},
		{"stable for equal scores", []*NVSet{nvset("a", "5", nil, "x", "1"), nvset("b", "5", nil, "x", "2")}, NVSetOptions{},
			map[string]string{"x": "1"}, time.Time{}},
		{"first set leads", []*NVSet{nvset("a", "100", nil, "x", "1"), nvset("cib-bootstrap-options", "", nil, "x", "2")}, NVSetOptions{First: "cib-bootstrap-options"},
			map[string]string{"x": "2"}, time.Time{}},
		{"overwrite: last wins", []*NVSet{nvset("a", "", nil, "x", "1"), nvset("b", "", nil, "x", "2")}, NVSetOptions{Overwrite: true},
			map[string]string{"x": "2"}, time.Time{}},
		{"rules select sets", []*NVSet{nvset("a", "10", onN2, "x", "n2"), nvset("b", "5", onN1, "x", "n1"), nvset("c", "", nil, "x", "any")}, NVSetOptions{},
			map[string]string{"x": "n1"}, time.Time{}},
		{"#default removes", []*NVSet{nvset("a", "", nil, "x", "1"), nvset("b", "", nil, "x", "#default")}, NVSetOptions{},
			map[string]string{}, time.Time{}},
		{"date rule next change", []*NVSet{nvset("a", "", until, "x", "1")}, NVSetOptions{},
			map[string]string{"x": "1"}, time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)},
	} {
		got, next := EvalNVSets(tc.sets, ctx, tc.opts)
		if !maps.Equal(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
		if !next.Equal(tc.next) {
			t.Errorf("%s: next = %v, want %v", tc.name, next, tc.next)
		}
	}
}

func TestEvalNVSetsIDRef(t *testing.T) {
	shared := nvset("shared", "", nil, "x", "1")
	c := &CIB{Config: Configuration{Resources: []Resource{&Primitive{ID: "p", Class: "ocf", Provider: "pacemaker", Type: "Dummy", Meta: []*NVSet{shared}}}}}
	ctx := &RuleContext{Refs: NewIndex(c)}
	got, _ := EvalNVSets([]*NVSet{{IDRef: "shared"}}, ctx, NVSetOptions{})
	if got["x"] != "1" {
		t.Errorf("id-ref set not resolved: %v", got)
	}
	got, _ = EvalNVSets([]*NVSet{{ID: "s", Pairs: []*NVPair{{IDRef: "shared-x"}}}}, ctx, NVSetOptions{})
	if got["x"] != "1" {
		t.Errorf("id-ref pair not resolved: %v", got)
	}
	got, _ = EvalNVSets([]*NVSet{{IDRef: "nope"}}, ctx, NVSetOptions{})
	if len(got) != 0 {
		t.Errorf("dangling id-ref gave %v", got)
	}
}
