package cib

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"gocrm/cib/xmltree"
)

func problemStrings(ps []Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

func TestValidateClean(t *testing.T) {
	if ps := Validate(baseCIB(), ValidateOptions{}); len(ps) != 0 {
		t.Errorf("clean CIB has problems:\n%s", strings.Join(problemStrings(ps), "\n"))
	}
}

func TestValidateProblems(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func(c *CIB)
		want   []string // substrings, each must match a distinct problem (in order)
	}{
		{"duplicate id", func(c *CIB) {
			c.Config.Resources = append(c.Config.Resources, &Primitive{ID: "vip", Class: "ocf", Provider: "pacemaker", Type: "Dummy"})
		}, []string{`error: primitive vip: id "vip" is already used by resources/primitive[vip]`}},
		{"duplicate nested id", func(c *CIB) {
			c.Config.Constraints = append(c.Config.Constraints, &Location{ID: "vip-monitor-10s", Rsc: "vip", Score: "1", Node: "n2"})
		}, []string{`error: location vip-monitor-10s: id "vip-monitor-10s" is already used by resources/primitive[vip]/operations/op[vip-monitor-10s]`}},
		{"bad id", func(c *CIB) { c.Config.Constraints[0].(*Location).ID = "1loc" }, []string{`id "1loc" is not valid: it must start with a letter`}},
		{"missing id", func(c *CIB) { c.Config.Constraints[0].(*Location).ID = "" }, []string{"rsc_location has no id"}},
		{"unknown rsc", func(c *CIB) { c.Config.Constraints[0].(*Location).Rsc = "vpi" }, []string{`error: location l1: rsc refers to "vpi", which is not a resource, template or tag; did you mean "vip"?`}},
		{"ref to non-resource", func(c *CIB) { c.Config.Constraints[1].(*Colocation).WithRsc = "o1" }, []string{`with-rsc refers to "o1", which is a rsc_order, not a resource`}},
		{"bad score", func(c *CIB) { c.Config.Constraints[0].(*Location).Score = "lots" }, []string{`error: location l1: bad score: bad score "lots"`}},
		{"location without score", func(c *CIB) { c.Config.Constraints[0].(*Location).Score = "" }, []string{"has a node but no score"}},
		{"self colocation", func(c *CIB) { c.Config.Constraints[1].(*Colocation).WithRsc = "g" }, []string{"places g with itself"}},
		{"self order", func(c *CIB) { c.Config.Constraints[2].(*Order).Then = "vip" }, []string{"orders start vip before itself"}},
		{"bad role and action", func(c *CIB) {
			c.Config.Constraints[1].(*Colocation).RscRole = "Master"
			c.Config.Constraints[1].(*Colocation).WithRscRole = "Mastr"
			c.Config.Constraints[2].(*Order).FirstAction = "started"
		}, []string{`bad with-rsc-role "Mastr"`, `bad first-action "started": want one of start, stop, promote, demote (did you mean "start"?)`}},
		{"bad kind", func(c *CIB) { c.Config.Constraints[2].(*Order).Kind = "mandatory" }, nil},
		{"bad kind 2", func(c *CIB) { c.Config.Constraints[2].(*Order).Kind = "Always" }, []string{`bad kind "Always"`}},
		{"unknown class", func(c *CIB) { c.Config.Resources[1].(*Primitive).Class = "ocff" }, []string{`unknown agent class "ocff"; known classes are ocf, lsb, service, systemd, upstart, nagios, stonith, heartbeat (did you mean "ocf"?)`}},
		{"ocf without provider", func(c *CIB) { c.Config.Resources[1].(*Primitive).Provider = "" }, []string{"ocf agent without a provider"}},
		{"lsb with provider", func(c *CIB) {
			c.Config.Resources = append(c.Config.Resources, &Primitive{ID: "cron", Class: "lsb", Provider: "x", Type: "cron"})
		}, []string{"lsb agents take no provider"}},
		{"bad interval and timeout", func(c *CIB) {
			op := c.Config.Resources[1].(*Primitive).Ops.Ops[0]
			op.Attrs = Attrs{{Name: "interval", Value: "10x"}, {Name: "timeout", Value: "1.5s"}}
		}, []string{`bad operation attribute: interval: bad duration "10x": unknown unit "x"`, `timeout: bad duration "1.5s": fractions are not supported`}},
		{"unknown op attribute", func(c *CIB) {
			c.Config.Resources[1].(*Primitive).Ops.Ops[0].Attrs.Set("timeuot", "20s")
		}, []string{`unknown operation attribute "timeuot"; did you mean "timeout"?`}},
		{"duplicate monitor", func(c *CIB) {
			p := c.Config.Resources[1].(*Primitive)
			p.Ops.Ops = append(p.Ops.Ops, &Op{ID: "vip-monitor-2", Name: "monitor", Attrs: Attrs{{Name: "interval", Value: "10000ms"}}})
		}, []string{"operation vip-monitor-2 duplicates vip-monitor-10s"}},
		{"recurring start", func(c *CIB) {
			p := c.Config.Resources[1].(*Primitive)
			p.Ops.Ops = append(p.Ops.Ops, &Op{ID: "vip-start", Name: "start", Attrs: Attrs{{Name: "interval", Value: "10s"}}})
		}, []string{"start cannot be recurring"}},
		{"unknown op name", func(c *CIB) { c.Config.Resources[1].(*Primitive).Ops.Ops[0].Name = "montor" }, []string{`warning: primitive vip: unknown operation "montor"; did you mean "monitor"?`}},
		{"unknown property", func(c *CIB) {
			c.Config.CRMConfig[0].Pairs = append(c.Config.CRMConfig[0].Pairs, &NVPair{ID: "m", Name: "maintenance", Value: "true"})
		}, []string{`warning: property cib-bootstrap-options: unknown cluster property "maintenance"; did you mean "maintenance-mode"?`}},
		{"resource option in crm_config", func(c *CIB) {
			c.Config.CRMConfig[0].Pairs = append(c.Config.CRMConfig[0].Pairs, &NVPair{ID: "m", Name: "migration-threshold", Value: "3"})
		}, []string{"migration-threshold is a resource option: set it in rsc_defaults"}},
		{"bad property value", func(c *CIB) { c.Config.CRMConfig[0].Pairs[0].Value = "bogus" }, []string{`no-quorum-policy="bogus": want one of stop, freeze, ignore, demote, suicide; Pacemaker will use the default (stop)`}},
		{"bad meta value", func(c *CIB) {
			c.Config.Resources[1].(*Primitive).Meta = []*NVSet{nvset("vip-meta", "", nil, "target-role", "Sarted", "is-manged", "false")}
		}, []string{`target-role="Sarted": want one of`, `unknown resource meta attribute "is-manged"; did you mean "is-managed"?`}},
		{"rsc_defaults", func(c *CIB) {
			c.Config.RscDefaults = []*NVSet{nvset("rsc-options", "", nil, "resource-stickiness", "lots")}
		}, []string{`error: rsc_defaults rsc-options: bad value for resource meta attribute: resource-stickiness="lots"`}},
		{"no stonith", func(c *CIB) { c.Config.Resources = c.Config.Resources[1:] }, []string{"error: configuration: stonith-enabled is true but no fencing (stonith) resource is defined"}},
		{"stonith disabled", func(c *CIB) {
			c.Config.Resources = c.Config.Resources[1:]
			c.Config.CRMConfig[0].Pairs = append(c.Config.CRMConfig[0].Pairs, &NVPair{ID: "se", Name: "stonith-enabled", Value: "false"})
		}, nil},
		{"stonith invalid value", func(c *CIB) {
			c.Config.Resources = c.Config.Resources[1:]
			c.Config.CRMConfig[0].Pairs = append(c.Config.CRMConfig[0].Pairs, &NVPair{ID: "se", Name: "stonith-enabled", Value: "nope"})
		}, []string{`stonith-enabled="nope"`, "stonith-enabled is true but no fencing"}},
		{"empty group", func(c *CIB) { c.Config.Resources[2].(*Group).Children = nil }, []string{"the group has no resources"}},
		{"missing template", func(c *CIB) {
			c.Config.Resources = append(c.Config.Resources, &Primitive{ID: "t1", Template: "tmpl"})
		}, []string{`uses template "tmpl", which does not exist`}},
		{"template ok", func(c *CIB) {
			c.Config.Resources = append(c.Config.Resources, &Template{ID: "tmpl", Class: "ocf", Provider: "pacemaker", Type: "Dummy"}, &Primitive{ID: "t1", Template: "tmpl"})
			c.Config.Constraints = append(c.Config.Constraints, &Location{ID: "lt", Rsc: "tmpl", Score: "1", Node: "n1"})
		}, nil},
		{"sets", func(c *CIB) {
			c.Config.Constraints = append(c.Config.Constraints, &Order{ID: "os", Sets: []*ResourceSet{
				{ID: "os-0", Refs: []string{"vip", "ghost"}, Sequential: "sometimes"},
				{ID: "os-1"},
			}})
		}, []string{`resource_ref refers to "ghost"`, `bad sequential "sometimes"`, "resource set os-1 is empty"}},
		{"fencing topology", func(c *CIB) {
			c.Config.FencingTopology = []*FencingLevel{
				{ID: "fl1", Target: "n1", Index: "1", Devices: "fence,vip,nope"},
				{ID: "fl2", Target: "n1", Index: "1", Devices: "fence"},
				{ID: "fl3", Index: "10", Devices: "fence"},
			}
		}, []string{"uses vip, which is not a stonith resource", `uses device "nope", which is not a primitive`, "same target and index as fl1",
			"must name exactly one of target", `has index "10"; want 1 to 9`}},
		{"tags and acls", func(c *CIB) {
			c.Config.Tags = []*Tag{{ID: "t", Refs: []string{"vip", "zzz"}}}
			c.Config.ACLs = &ACLs{
				Targets: []*ACLTarget{{ID: "alice", Roles: []string{"ro", "admin"}}},
				Roles:   []*ACLRole{{ID: "ro", Perms: []*ACLPermission{{ID: "ro-1", Kind: "read", Xpath: "/cib"}, {ID: "ro-2", Kind: "peek"}}}},
			}
		}, []string{`refers to "zzz"`, `refers to role "admin"`, `bad permission kind "peek"`, "exactly one of xpath"}},
		{"node problems", func(c *CIB) {
			c.Config.Nodes = append(c.Config.Nodes, &Node{ID: "1", Uname: "n2", Type: "robot"})
		}, []string{`node id "1" is already used by node n1`, `node name "n2" is already used`, `bad node type "robot"`}},
		{"rules", func(c *CIB) {
			l := c.Config.Constraints[0].(*Location)
			l.Score, l.Node = "", ""
			l.Rules = []*Rule{{ID: "l1-rule", Score: "inf", BooleanOp: "xor", Exprs: []Expr{
				&Expression{ID: "e1", Attribute: "#uname", Operation: "equals", Value: "n1"},
				&DateExpression{ID: "de1", Operation: "in_range", Start: "2024-13-01"},
				&DateExpression{ID: "d2", Operation: "date_spec", Spec: &DateSpec{ID: "d2-s", Attrs: Attrs{{Name: "hours", Value: "9-x"}, {Name: "weekday", Value: "1"}}}},
				&RscExpression{ID: "rx", Class: "ocf"},
				&DateExpression{ID: "de3", Operation: "lt", End: "2024-06-01T10:00:00+02:00"},
				&Rule{ID: "empty"},
			}}}
		}, []string{`bad boolean-op "xor"`, `bad operation "equals"`, `bad start of date expression de1`,
			`date_spec hours="9-x" is not a number or range`, `unknown date_spec field "weekday"; did you mean "weekdays"?`,
			"rsc_expression is allowed only in rules of rsc_defaults and op_defaults", "put a blank before the offset", "rule empty has no expressions"}},
		{"alerts", func(c *CIB) {
			c.Config.Alerts = []*Alert{{ID: "a", Meta: []*NVSet{nvset("a-meta", "", nil, "timeout", "soon")}, Recipients: []*Recipient{{ID: "a-r"}}}}
		}, []string{"alert a has no path", `timeout: bad duration "soon"`, "recipient a-r has no value"}},
		{"structure", func(c *CIB) {
			g := c.Config.Resources[2].(*Group)
			g.Extra.Nodes = append(g.Extra.Nodes, &xmltree.Node{Name: "group", Attrs: []xmltree.Attr{{Name: "id", Value: "inner"}}})
			c.Config.Resources = append(c.Config.Resources,
				&Clone{ID: "cl", Child: &Primitive{ID: "cp", Class: "ocf", Provider: "pacemaker", Type: "Dummy"},
					Extra: Extra{Nodes: []*xmltree.Node{{Name: "primitive", Attrs: []xmltree.Attr{{Name: "id", Value: "cp2"}}}}}},
				&RawResource{Node: &xmltree.Node{Name: "resource", Attrs: []xmltree.Attr{{Name: "id", Value: "odd"}}}},
				&RawResource{Node: &xmltree.Node{Kind: xmltree.CommentNode, Text: "a comment"}})
		}, []string{`a group may contain only primitives, not the group "inner"`, `a clone contains exactly one primitive or group; primitive "cp2" is one too many`, "unknown resource element <resource>"}},
		{"id-refs", func(c *CIB) {
			c.Config.Resources[2].(*Group).Children[0].Meta = []*NVSet{{IDRef: "vip-instance_attributes"}, {IDRef: "missing"}}
		}, []string{`meta_attributes id-ref "missing" does not name a meta_attributes`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := baseCIB()
			tc.mutate(c)
			ps := problemStrings(Validate(c, ValidateOptions{}))
			if len(tc.want) == 0 && len(ps) > 0 {
				t.Errorf("unexpected problems:\n%s", strings.Join(ps, "\n"))
			}
			used := make([]bool, len(ps))
			for _, w := range tc.want {
				ok := false
				for i, p := range ps {
					if !used[i] && strings.Contains(p, w) {
						used[i], ok = true, true
						break
					}
				}
				if !ok {
					t.Errorf("no problem contains %q; got:\n%s", w, strings.Join(ps, "\n"))
				}
			}
		})
	}
}

func TestValidateAgentParams(t *testing.T) {
	md := map[string]*AgentMetadata{
		"ocf:heartbeat:IPaddr2": {Name: "IPaddr2", Params: []AgentParam{
			{Name: "ip", Required: true, ShortDesc: "IP address"},
			{Name: "cidr_netmask", Type: "integer"},
			{Name: "nic"},
		}},
		"stonith::fence_dummy": {Name: "fence_dummy", Params: []AgentParam{
			{Name: "action", Required: true}, {Name: "type", Type: "select", Choices: []string{"file", "fail"}},
		}},
	}
	opts := ValidateOptions{Metadata: func(class, provider, agent string) (*AgentMetadata, error) {
		if m, ok := md[class+":"+provider+":"+agent]; ok {
			return m, nil
		}
		return nil, errors.New("not installed")
	}}
	c := baseCIB()
	vip := c.Config.Resources[1].(*Primitive)
	vip.Params = []*NVSet{nvset("vip-ia", "", nil, "cidr_netmask", "24x", "ipaddr", "10.0.0.1")}
	fence := c.Config.Resources[0].(*Primitive)
	fence.Params = []*NVSet{nvset("fence-ia", "", nil, "type", "file", "pcmk_host_list", "n1 n2", "pcmk_hostlist", "x")}
	got := strings.Join(problemStrings(Validate(c, opts)), "\n")
	for _, w := range []string{
		`warning: primitive fence: agent stonith:fence_dummy has no parameter "pcmk_hostlist"; did you mean "pcmk_host_list"?`,
		`warning: primitive vip: parameter "cidr_netmask"="24x" of ocf:heartbeat:IPaddr2: want an integer`,
		`warning: primitive vip: agent ocf:heartbeat:IPaddr2 has no parameter "ipaddr"; did you mean "ip"?`,
		`error: primitive vip: missing required parameter "ip" of ocf:heartbeat:IPaddr2 (IP address)`,
	} {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in:\n%s", w, got)
		}
	}
	if strings.Contains(got, `"action"`) {
		t.Errorf("fence agent action reported as missing:\n%s", got)
	}
}

func TestProblemPaths(t *testing.T) {
	c := baseCIB()
	g := c.Config.Resources[2].(*Group)
	g.Children[0].Ops.Ops = []*Op{{ID: "d1-monitor-30s", Name: "monitor", Attrs: Attrs{{Name: "interval", Value: "30x"}}}}
	ps := Validate(c, ValidateOptions{})
	if len(ps) != 1 {
		t.Fatalf("got %d problems: %v", len(ps), ps)
	}
	p := ps[0]
	if p.Object != "primitive d1" || p.ID != "d1-monitor-30s" || p.Path != "resources/group[g]/primitive[d1]/operations/op[d1-monitor-30s]" {
		t.Errorf("problem = %+v", p)
	}
	e, _ := NewIndex(c).Lookup("d1-monitor-30s")
	if x := e.XPath(); x != "/cib/configuration/resources/group[@id='g']/primitive[@id='d1']/operations/op[@id='d1-monitor-30s']" {
		t.Errorf("XPath = %s", x)
	}
}

// bigCIB builds a configuration of n primitives (with params, meta and two
// ops each) and n/2 constraints, like the benchmark script of issue 2.
func bigCIB(n int) *CIB {
	c := baseCIB()
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("r%d", i)
		c.Config.Resources = append(c.Config.Resources, &Primitive{ID: id, Class: "ocf", Provider: "pacemaker", Type: "Dummy",
			Params: []*NVSet{nvset(id+"-instance_attributes", "", nil, "state", "/run/"+id)},
			Meta:   []*NVSet{nvset(id+"-meta_attributes", "", nil, "target-role", "Started")},
			Ops: Operations{Ops: []*Op{
				{ID: id + "-monitor-10s", Name: "monitor", Attrs: Attrs{{Name: "interval", Value: "10s"}, {Name: "timeout", Value: "20s"}}},
				{ID: id + "-start-0", Name: "start", Attrs: Attrs{{Name: "interval", Value: "0"}, {Name: "timeout", Value: "20s"}}},
			}}})
	}
	for i := 0; i < n/2; i++ {
		if i%2 == 0 {
			c.Config.Constraints = append(c.Config.Constraints, &Location{ID: fmt.Sprintf("loc%d", i), Rsc: fmt.Sprintf("r%d", i), Score: "100", Node: "n1"})
		} else {
			c.Config.Constraints = append(c.Config.Constraints, &Order{ID: fmt.Sprintf("ord%d", i), First: fmt.Sprintf("r%d", i), Then: fmt.Sprintf("r%d", i+1)})
		}
	}
	return c
}

func BenchmarkValidate1000(b *testing.B) {
	c := bigCIB(1000)
	if ps := Validate(c, ValidateOptions{}); len(ps) != 0 {
		b.Fatalf("benchmark CIB has problems: %v", ps[0])
	}
	b.ReportAllocs()
	for b.Loop() {
		Validate(c, ValidateOptions{})
	}
}

func BenchmarkIndex1000(b *testing.B) {
	c := bigCIB(1000)
	b.ReportAllocs()
	for b.Loop() {
		NewIndex(c)
	}
}
