package cib

import (
	"testing"
	"time"
)

func expr(attr, op, value string) *Expression {
	return &Expression{ID: "e-" + attr, Attribute: attr, Operation: op, Value: value}
}

func typed(attr, op, value, typ string) *Expression {
	x := expr(attr, op, value)
	x.Type = typ
	return x
}

func rule(op string, xs ...Expr) *Rule { return &Rule{ID: "r", BooleanOp: op, Exprs: xs} }

func spec(kv ...string) *DateSpec {
	s := &DateSpec{ID: "s"}
	for i := 0; i+1 < len(kv); i += 2 {
		s.Attrs.Set(kv[i], kv[i+1])
	}
	return s
}

func TestEvalRuleAttributes(t *testing.T) {
	ctx := &RuleContext{
		Now: time.Date(2024, 6, 15, 12, 0, 0, 0, time.UTC),
		NodeAttrs: map[string]string{
			"#uname": "node1", "#kind": "cluster", "#is_dc": "true",
			"num": "10", "dec": "2.5", "ver": "2.1.5", "site": "Berlin", "neg": "-3",
			"junk": "12abc",
		},
		Role:   "Promoted",
		Params: map[string]string{"want": "node1", "limit": "5"},
		Meta:   map[string]string{"site": "berlin"},
	}
	for _, tc := range []struct {
		name string
		r    *Rule
		want bool
	}{
		{"uname eq", rule("", expr("#uname", "eq", "node1")), true},
		{"uname ne", rule("", expr("#uname", "ne", "node1")), false},
		{"string eq ignores case", rule("", expr("site", "eq", "berlin")), true},
		{"defined", rule("", expr("num", "defined", "")), true},
		{"not_defined", rule("", expr("nope", "not_defined", "")), true},
		{"defined missing", rule("", expr("nope", "defined", "")), false},
		{"integer by default for gt", rule("", expr("num", "gt", "9")), true},
		{"integer not string order", rule("", expr("num", "gt", "9")), true}, // "10" < "9" as strings
		{"number when a dot", rule("", expr("dec", "lt", "10")), true},
		{"typed integer", rule("", typed("num", "lte", "10", "integer")), true},
		{"typed string order", rule("", typed("num", "lt", "9", "string")), true},
		{"negative", rule("", expr("neg", "lt", "0")), true},
		{"integer prefix like strtoll", rule("", typed("junk", "eq", "12", "integer")), true},
		{"integer fallback to string", rule("", typed("site", "gt", "5", "integer")), true}, // "berlin" > "5"
		{"version", rule("", typed("ver", "gt", "2.1.4", "version")), true},
		{"version missing fields", rule("", typed("ver", "eq", "2.1.5.0", "version")), true},
		{"version numeric", rule("", typed("ver", "lt", "2.1.10", "version")), true},
		{"number type", rule("", typed("dec", "gte", "2.50", "number")), true},
		{"missing attr lt", rule("", expr("nope", "lt", "5")), false},
		{"missing attr ne", rule("", expr("nope", "ne", "5")), true},
		{"missing attr eq", rule("", expr("nope", "eq", "5")), false},
		{"unknown op", rule("", expr("num", "like", "5")), false},
		{"unknown type is equal", rule("", typed("num", "eq", "11", "weird")), true},
		{"and", rule("and", expr("#uname", "eq", "node1"), expr("num", "gt", "20")), false},
		{"or", rule("or", expr("#uname", "eq", "node2"), expr("num", "gt", "5")), true},
		{"default is and", rule("", expr("#uname", "eq", "node1"), expr("#is_dc", "eq", "true")), true},
		{"empty and rule holds", rule(""), true},
		{"empty or rule fails", rule("or"), false},
		{"nested", rule("and", expr("#kind", "eq", "cluster"), rule("or", expr("num", "lt", "0"), expr("dec", "gt", "1"))), true},
		{"value-source param", rule("", &Expression{Attribute: "#uname", Operation: "eq", Value: "want", ValueSource: "param"}), true},
		{"value-source meta", rule("", &Expression{Attribute: "site", Operation: "eq", Value: "site", ValueSource: "meta"}), true},
		{"value-source param missing", rule("", &Expression{Attribute: "num", Operation: "gt", Value: "nope", ValueSource: "param"}), false},
		{"value-source param typed", rule("", &Expression{Attribute: "num", Operation: "gt", Value: "limit", ValueSource: "param"}), true},
		{"role eq", rule("", expr("#role", "eq", "Master")), true},
		{"role ne", rule("", expr("#role", "ne", "Unpromoted")), true},
		{"role defined", rule("", expr("#role", "defined", "")), true},
		{"rsc_expression without resource", rule("", &RscExpression{Class: "ocf"}), false},
		{"op_expression without op", rule("", &OpExpression{Name: "monitor"}), false},
	} {
		if got := EvalRule(tc.r, ctx); got != tc.want {
			t.Errorf("%s: EvalRule = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestEvalRuleRoleStarted(t *testing.T) {
	ctx := &RuleContext{Role: "Started"}
	for _, tc := range []struct {
		op, value string
		want      bool
	}{
		{"eq", "Started", true}, {"ne", "Promoted", false}, {"defined", "", false}, {"not_defined", "", true},
	} {
		if got := EvalRule(rule("", expr("#role", tc.op, tc.value)), ctx); got != tc.want {
			t.Errorf("#role %s %s with Started = %v, want %v", tc.op, tc.value, got, tc.want)
		}
	}
	if EvalRule(rule("", expr("#role", "eq", "Started")), &RuleContext{}) {
		t.Error("#role eq Started holds without a role")
	}
}

func TestEvalRuleResourceAndOp(t *testing.T) {
	ctx := &RuleContext{RscClass: "ocf", RscProvider: "heartbeat", RscType: "IPaddr2", OpName: "monitor", OpInterval: 10 * time.Second}
	for _, tc := range []struct {
		name string
		x    Expr
		want bool
	}{
		{"class+provider+type", &RscExpression{Class: "ocf", Provider: "heartbeat", Type: "IPaddr2"}, true},
		{"type only: provider must match too", &RscExpression{Type: "IPaddr2"}, false},
		{"class+provider", &RscExpression{Class: "ocf", Provider: "heartbeat"}, true},
		{"other type", &RscExpression{Class: "ocf", Provider: "heartbeat", Type: "Dummy"}, false},
		{"op name", &OpExpression{Name: "monitor"}, true},
		{"op name+interval", &OpExpression{Name: "monitor", Interval: "10s"}, true},
		{"op interval in ms", &OpExpression{Name: "monitor", Interval: "10000ms"}, true},
		{"op other interval", &OpExpression{Name: "monitor", Interval: "20s"}, false},
		{"op bad interval", &OpExpression{Name: "monitor", Interval: "x"}, false},
		{"op other name", &OpExpression{Name: "start"}, false},
	} {
		if got := EvalRule(rule("", tc.x), ctx); got != tc.want {
			t.Errorf("%s: EvalRule = %v, want %v", tc.name, got, tc.want)
		}
	}
	lsb := &RuleContext{RscClass: "lsb", RscType: "cron"}
	if !EvalRule(rule("", &RscExpression{Class: "lsb"}), lsb) {
		t.Error("rsc_expression class=lsb does not match an lsb resource")
	}
}

func TestEvalRuleDates(t *testing.T) {
	now := time.Date(2024, 6, 15, 12, 0, 0, 0, time.UTC) // a Saturday
	ctx := &RuleContext{Now: now}
	at := func(s string) time.Time {
		t.Helper()
		v, err := ParseDateTime(s, now)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tc := range []struct {
		name string
		x    *DateExpression
		want bool
		next string // "" for none
	}{
		{"in_range inside", &DateExpression{Operation: "in_range", Start: "2024-06-01", End: "2024-07-01"}, true, "2024-07-01T00:00:01Z"},
		{"in_range before", &DateExpression{Operation: "in_range", Start: "2024-07-01"}, false, "2024-07-01T00:00:00Z"},
		{"in_range after", &DateExpression{Operation: "in_range", End: "2024-06-01"}, false, ""},
		{"in_range end inclusive", &DateExpression{Start: "2024-06-01", End: "2024-06-15T12:00:00Z"}, true, "2024-06-15T12:00:01Z"},
		{"in_range duration", &DateExpression{Start: "2024-06-15T11:00:00Z", Duration: spec("hours", "2")}, true, "2024-06-15T13:00:01Z"},
		{"in_range duration over", &DateExpression{Start: "2024-06-14", Duration: spec("days", "1")}, false, ""},
		{"in_range nothing", &DateExpression{Operation: "in_range"}, false, ""},
		{"in_range bad start ignored", &DateExpression{Start: "never", End: "2024-07-01"}, true, "2024-07-01T00:00:01Z"},
		{"gt past", &DateExpression{Operation: "gt", Start: "2024-01-01"}, true, ""},
		{"gt future", &DateExpression{Operation: "gt", Start: "2024-07-01"}, false, "2024-07-01T00:00:01Z"},
		{"gt equal is false", &DateExpression{Operation: "gt", Start: "2024-06-15T12:00:00Z"}, false, "2024-06-15T12:00:01Z"},
		{"lt future", &DateExpression{Operation: "lt", End: "2024-07-01"}, true, "2024-07-01T00:00:00Z"},
		{"lt past", &DateExpression{Operation: "lt", End: "2024-01-01"}, false, ""},
		{"unknown op", &DateExpression{Operation: "soon", Start: "2024-01-01"}, false, ""},
		{"spec weekend", &DateExpression{Operation: "date_spec", Spec: spec("weekdays", "6-7")}, true, "2024-06-17T00:00:00Z"},
		{"spec office hours", &DateExpression{Operation: "date_spec", Spec: spec("weekdays", "1-5", "hours", "9-17")}, false, "2024-06-17T09:00:00Z"},
		{"spec hours", &DateExpression{Operation: "date_spec", Spec: spec("hours", "9-16")}, true, "2024-06-15T17:00:00Z"},
		{"spec open range", &DateExpression{Operation: "date_spec", Spec: spec("hours", "13-")}, false, "2024-06-15T13:00:00Z"},
		{"spec upper range", &DateExpression{Operation: "date_spec", Spec: spec("monthdays", "-20")}, true, "2024-06-21T00:00:00Z"},
		{"spec yeardays", &DateExpression{Operation: "date_spec", Spec: spec("yeardays", "167")}, true, "2024-06-16T00:00:00Z"},
		{"spec weeks", &DateExpression{Operation: "date_spec", Spec: spec("weeks", "24", "weekyears", "2024")}, true, "2024-06-17T00:00:00Z"},
		{"spec months+years", &DateExpression{Operation: "date_spec", Spec: spec("years", "2024", "months", "7")}, false, "2024-07-01T00:00:00Z"},
		{"spec bad range ignored", &DateExpression{Operation: "date_spec", Spec: spec("hours", "nine")}, true, ""},
		{"spec never again", &DateExpression{Operation: "date_spec", Spec: spec("years", "2000")}, false, ""},
		{"spec minutes", &DateExpression{Operation: "date_spec", Spec: spec("minutes", "0-29")}, true, "2024-06-15T12:30:00Z"},
		{"spec seconds", &DateExpression{Operation: "date_spec", Spec: spec("seconds", "30")}, false, "2024-06-15T12:00:30Z"},
		{"spec moon", &DateExpression{Operation: "date_spec", Spec: spec("moon", "5")}, false, "2024-06-23T00:00:00Z"},
	} {
		got, next := EvalRuleNext(rule("", tc.x), ctx)
		if got != tc.want {
			t.Errorf("%s: EvalRule = %v, want %v", tc.name, got, tc.want)
		}
		var want time.Time
		if tc.next != "" {
			want = at(tc.next)
		}
		if !next.Equal(want) {
			t.Errorf("%s: next change = %v, want %v", tc.name, next, want)
		}
	}
}

func TestEvalDateSpecLocalZone(t *testing.T) {
	// date_spec fields are read in the cluster's zone (Now's location).
	tokyo := time.FixedZone("JST", 9*3600)
	now := time.Date(2024, 6, 15, 1, 0, 0, 0, time.UTC).In(tokyo) // 10:00 in Tokyo
	x := &DateExpression{Operation: "date_spec", Spec: spec("hours", "9-17")}
	if !EvalRule(rule("", x), &RuleContext{Now: now}) {
		t.Error("hours=9-17 does not hold at 10:00 local time")
	}
	if EvalRule(rule("", x), &RuleContext{Now: now.UTC()}) {
		t.Error("hours=9-17 holds at 01:00 UTC")
	}
}

func TestMoonPhase(t *testing.T) {
	// Spot values of the approximation (0 new moon .. 7).
	for _, tc := range []struct{ year, yday, want int }{
		{2024, 1, 5}, {2024, 100, 0}, {2024, 280, 1}, {2000, 6, 0},
	} {
		if got := moonPhase(tc.year, tc.yday); got != tc.want {
			t.Errorf("moonPhase(%d, %d) = %d, want %d", tc.year, tc.yday, got, tc.want)
		}
	}
}

func TestEvalRuleRefsAndSubmatches(t *testing.T) {
	target := &Rule{ID: "shared", Exprs: []Expr{expr("site", "eq", "a")}}
	c := &CIB{Config: Configuration{Constraints: []Constraint{
		&Location{ID: "l1", Rsc: "x", Rules: []*Rule{target}},
	}}}
	ctx := &RuleContext{NodeAttrs: map[string]string{"site": "a", "db-weight": "7"}, Refs: NewIndex(c)}
	if !EvalRule(&Rule{IDRef: "shared"}, ctx) {
		t.Error("id-ref rule did not resolve")
	}
	if EvalRule(&Rule{IDRef: "missing"}, ctx) {
		t.Error("dangling id-ref rule holds")
	}
	ctx.Submatches = []string{"db-main", "db"}
	if !EvalRule(rule("", expr("%1-weight", "gt", "5")), ctx) {
		t.Error("%1 was not expanded to the rsc-pattern submatch")
	}
}

func TestEvalRulesAnyHolds(t *testing.T) {
	ctx := &RuleContext{NodeAttrs: map[string]string{"a": "1"}}
	if !EvalRules(nil, ctx) {
		t.Error("no rules should apply the set")
	}
	if !EvalRules([]*Rule{rule("", expr("a", "eq", "2")), rule("", expr("a", "eq", "1"))}, ctx) {
		t.Error("one holding rule should apply the set")
	}
	if EvalRules([]*Rule{rule("", expr("a", "eq", "2"))}, ctx) {
		t.Error("no holding rule applied the set")
	}
}

func TestCompareVersions(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"1.0", "1.0.0", 0}, {"1.2", "1.10", -1}, {"2", "1.9.9", 1}, {"", "0", 0}, {"1.a", "1.0", 0},
	} {
		if got := CompareVersions(tc.a, tc.b); got != tc.want {
			t.Errorf("CompareVersions(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func BenchmarkEvalRule(b *testing.B) {
	ctx := &RuleContext{
		Now:       time.Date(2024, 6, 15, 12, 0, 0, 0, time.UTC),
		NodeAttrs: map[string]string{"#uname": "node1", "site": "berlin", "num": "10"},
	}
	r := rule("or",
		rule("and", expr("#uname", "eq", "node2"), expr("num", "gt", "5")),
		&DateExpression{Operation: "date_spec", Spec: spec("weekdays", "1-5", "hours", "9-17")},
		expr("site", "eq", "Berlin"))
	b.ReportAllocs()
	for b.Loop() {
		EvalRuleNext(r, ctx)
	}
}

func TestEvalNilContext(t *testing.T) {
	r := rule("", &DateExpression{Operation: "lt", End: "2024-01-01"}, expr("a", "defined", ""))
	if EvalRule(r, nil) {
		t.Error("rule holds with no context")
	}
	if m, _ := EvalNVSets([]*NVSet{nvset("s", "", []*Rule{r}, "x", "1"), nvset("t", "", nil, "y", "2")}, nil, NVSetOptions{}); len(m) != 1 || m["y"] != "2" {
		t.Errorf("EvalNVSets with nil context = %v", m)
	}
}
