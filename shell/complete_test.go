package shell

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"gocrm/cib"
	"gocrm/shell/agents"
)

// fakeCatalog is an agent catalog from the test meta-data files.
type fakeCatalog struct{ t *testing.T }

func (fakeCatalog) Classes() []agents.Class {
	return []agents.Class{{Name: "lsb"}, {Name: "ocf", Providers: []string{"heartbeat", "pacemaker"}}, {Name: "stonith"}}
}

func (fakeCatalog) List(class, provider string) ([]string, error) {
	switch {
	case class == "ocf" && provider == "heartbeat":
		return []string{"Dummy", "IPaddr2"}, nil
	case class == "ocf" && provider == "pacemaker":
		return []string{"Dummy", "Stateful"}, nil
	case class == "stonith":
		return []string{"fence_ipmilan", "fence_xvm"}, nil
	}
	return nil, nil
}

func (c fakeCatalog) Meta(name string) *cib.AgentMetadata {
	base := name[strings.LastIndexByte(name, ':')+1:]
	data, err := os.ReadFile("testdata/agents/" + base + ".xml")
	if err != nil {
		return nil
	}
	m, err := cib.ParseMetadataBytes(data)
	if err != nil {
		c.t.Fatal(err)
	}
	return m
}

func TestComplete(t *testing.T) {
	snap := &Snapshot{
		Level: "root",
		Objects: []ObjectRef{
			{"alice", "node"}, {"bob", "node"}, {"vip", "primitive"}, {"web", "primitive"},
			{"web-group", "group"}, {"ping-clone", "clone"}, {"loc1", "location"},
			{"cib-bootstrap-options", "property"}, {"tmpl", "rsc_template"},
		},
		Shadows: []string{"test", "staging"},
		Agents:  fakeCatalog{t},
	}
	for _, tc := range []struct {
		level, line string
		want        string // candidates joined by |, a trailing ~ marks NoSpace
	}{
		{"root", "", "cd|cib|completion|configure|help|ls|quit|ra|simulate|up|verify"},
		{"root", "con", "configure"},
		{"root", "configure sh", "show"},
		{"root", "configure show v", "vip"},
		{"root", "configure show type:p", "type:primitive|type:property"},
		{"configure", "ve", "verify"},
		{"configure", "primitive p1 ", "lsb:~|ocf:~|stonith:~|@tmpl"},
		{"configure", "primitive p1 oc", "ocf:~"},
		{"configure", "primitive p1 ocf:", "ocf:heartbeat:~|ocf:pacemaker:~"},
		{"configure", "primitive p1 ocf:heartbeat:I", "ocf:heartbeat:IPaddr2"},
		{"configure", "primitive p1 stonith:", "stonith:fence_ipmilan|stonith:fence_xvm"},
		{"configure", "primitive p1 ocf:heartbeat:IPaddr2 ", "params|meta|utilization|op"},
		{"configure", "primitive p1 ocf:heartbeat:IPaddr2 params ", "params|meta|utilization|op|ip=~|cidr_netmask=~|nic=~|lvs_support=~"},
		{"configure", "primitive p1 ocf:heartbeat:IPaddr2 params ip=1 c", "cidr_netmask=~"},
		{"configure", "primitive p1 ocf:heartbeat:IPaddr2 params ip=1 ", "params|meta|utilization|op|cidr_netmask=~|nic=~|lvs_support=~"},
		{"configure", "primitive p1 ocf:heartbeat:IPaddr2 params lvs_support=", "lvs_support=false|lvs_support=true"},
		{"configure", "primitive p1 ocf:heartbeat:IPaddr2 op ", "start|stop|monitor"},
		{"configure", "primitive p1 ocf:heartbeat:IPaddr2 op monitor ti", "timeout=~"},
		{"configure", "primitive p1 ocf:heartbeat:IPaddr2 op monitor timeout=", "timeout=20s"},
		{"configure", "primitive p1 ocf:heartbeat:IPaddr2 op monitor interval=", "interval=10s|interval=0"},
		{"configure", "primitive p1 Dummy meta target-role=S", "target-role=Stopped|target-role=Started|target-role=Slave"},
		{"configure", "primitive p1 Dummy meta is-m", "is-managed=~"},
		{"configure", "property stonith-e", "stonith-enabled=~"},
		{"configure", "property stonith-enabled=", "stonith-enabled=true|stonith-enabled=false"},
		{"configure", "property maintenance-mode=true m", "migration-limit=~"},
		{"configure", "rsc_defaults resource-s", "resource-stickiness=~"},
		{"configure", "op_defaults time", "timeout=~"},
		{"configure", "group g1 ", "vip|web|params|meta"},
		{"configure", "clone c1 ", "vip|web|web-group|params|meta"},
		{"configure", "clone c1 vip ", "params|meta"},
		{"configure", "location l1 ", "ping-clone|vip|web|web-group"},
		{"configure", "location l1 vip ", "rule|inf:~|-inf:~"},
		{"configure", "location l1 vip 100: ", "alice|bob"},
		{"configure", "colocation c1 inf: ", "ping-clone|vip|web|web-group"},
		{"configure", "order o1 ", "Mandatory:~|Optional:~|Serialize:~|inf:~|0:~"},
		{"configure", "delete w", "web|web-group"},
		{"configure", "edit ", "xml|type:~|alice|bob|cib-bootstrap-options|loc1|ping-clone|tmpl|vip|web|web-group"},
		{"configure", "commit ", "force|replace"},
		{"configure", "load ", "xml|replace|update|push"},
		{"configure", "cib use ", "test|staging|live"},
		{"root", "cib delete s", "staging"},
		{"root", "ra list ", "lsb|ocf|stonith"},
		{"root", "ra list ocf ", "heartbeat|pacemaker"},
		{"root", "ra info ocf:pacemaker:S", "ocf:pacemaker:Stateful"},
		{"root", "help con", "configure"},
		{"root", "help configure sh", "show"},
		{"root", "cd ", "..|configure|cib|ra"},
		{"root", "completion ", "bash|zsh"},
		{"root", "nosuch ", ""},
		{"root", "configure primitive p1 'ocf:heart", "ocf:heartbeat:~"},
	} {
		s := *snap
		s.Level = tc.level
		var got []string
		for _, c := range Complete(tc.line, len(tc.line), &s) {
			if c.NoSpace {
				got = append(got, c.Text+"~")
			} else {
				got = append(got, c.Text)
			}
		}
		if g := strings.Join(got, "|"); g != tc.want {
			t.Errorf("%s: Complete(%q)\n got %s\nwant %s", tc.level, tc.line, g, tc.want)
		}
	}
}

func TestCompleteCursor(t *testing.T) {
	snap := &Snapshot{Level: "configure", Objects: []ObjectRef{{"vip", "primitive"}}}
	line := "show v and more"
	got := Complete(line, len("show v"), snap)
	if fmt.Sprint(got) != "[{vip false}]" {
		t.Errorf("completion in the middle of a line: %v", got)
	}
	for _, cur := range []int{-1, 100} {
		Complete(line, cur, snap) // out of range cursors are clamped, not a panic
	}
}

func FuzzComplete(f *testing.F) {
	for _, s := range []string{"", "configure show ", "primitive p ocf:heartbeat:IPaddr2 op monitor timeout=", "'", "\"a\\", "cd ../"} {
		f.Add(s, 3)
	}
	snap := &Snapshot{Level: "configure", Objects: []ObjectRef{{"vip", "primitive"}}}
	f.Fuzz(func(t *testing.T, line string, cursor int) {
		for _, c := range Complete(line, cursor, snap) {
			if c.Text == "" {
				t.Fatalf("empty candidate for %q", line)
			}
		}
	})
}
