package cib

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestSuggest(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"maintenance", "maintenance-mode"},
		{"stonith_enabled", "stonith-enabled"},
		{"Stonith-Enabled", "stonith-enabled"},
		{"no-quorum-polcy", "no-quorum-policy"},
		{"symetric-cluster", "symmetric-cluster"},
		{"recheck-interval", "cluster-recheck-interval"},
		{"zzz", ""},
		{"", ""},
	} {
		if got := ClusterOptions.Suggest(tc.in); got != tc.want {
			t.Errorf("ClusterOptions.Suggest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := ResourceMetaOptions.Suggest("target_role"); got != "target-role" {
		t.Errorf("Suggest(target_role) = %q", got)
	}
	if got := ResourceMetaOptions.Suggest("stickiness"); got != "resource-stickiness" {
		t.Errorf("Suggest(stickiness) = %q", got)
	}
	if got := Suggest("montor", KnownActions); got != "monitor" {
		t.Errorf("Suggest(montor) = %q", got)
	}
}

func TestOptionCheck(t *testing.T) {
	for _, tc := range []struct {
		table *OptionTable
		name  string
		value string
		ok    bool
	}{
		{ClusterOptions, "stonith-enabled", "yes", true},
		{ClusterOptions, "stonith-enabled", "maybe", false},
		{ClusterOptions, "no-quorum-policy", "freeze", true},
		{ClusterOptions, "no-quorum-policy", "bogus", false},
		{ClusterOptions, "batch-limit", "30", true},
		{ClusterOptions, "batch-limit", "abc", false},
		{ClusterOptions, "node-health-red", "-INFINITY", true},
		{ClusterOptions, "cluster-recheck-interval", "5min", true},
		{ClusterOptions, "cluster-recheck-interval", "5 mins", false},
		{ClusterOptions, "load-threshold", "80%", true},
		{ClusterOptions, "stonith-watchdog-timeout", "-1", true},
		{ClusterOptions, "stonith-watchdog-timeout", "10s", true},
		{ClusterOptions, "stonith-max-attempts", "-1", false},
		{ResourceMetaOptions, "target-role", "Started", true},
		{ResourceMetaOptions, "target-role", "Sarted", false},
		{ResourceMetaOptions, "migration-threshold", "INFINITY", true},
		{ResourceMetaOptions, "remote-port", "70000", false},
		{OpOptions, "on-fail", "restart", true},
		{OpOptions, "timeout", "20s", true},
		{OpOptions, "interval", "PT30S", true},
	} {
		o, ok := tc.table.Lookup(tc.name)
		if !ok {
			t.Errorf("%s %q not in the table", tc.table.Kind, tc.name)
			continue
		}
		if err := o.Check(tc.value); (err == nil) != tc.ok {
			t.Errorf("%s=%q: Check = %v, want ok=%v", tc.name, tc.value, err, tc.ok)
		}
	}
	o, _ := ResourceMetaOptions.Lookup("target-role")
	if err := o.Check("Sarted"); err == nil || !strings.Contains(err.Error(), `did you mean "Started"`) {
		t.Errorf("Check(Sarted) = %v, want a suggestion", err)
	}
}

func TestOptionTablesSane(t *testing.T) {
	for _, tbl := range []*OptionTable{ClusterOptions, ResourceMetaOptions, OpOptions, AlertMetaOptions, FencingParamOptions} {
		seen := map[string]bool{}
		for _, o := range tbl.Options {
			if seen[o.Name] {
				t.Errorf("%s: %q listed twice", tbl.Kind, o.Name)
			}
			seen[o.Name] = true
			if o.Desc == "" {
				t.Errorf("%s %q has no description", tbl.Kind, o.Name)
			}
			if o.Type == TypeSelect && len(o.Values) == 0 {
				t.Errorf("%s %q is a select without values", tbl.Kind, o.Name)
			}
			if o.Default != "" {
				if err := o.Check(o.Default); err != nil {
					t.Errorf("%s %q: default does not pass its own check: %v", tbl.Kind, o.Name, err)
				}
			}
		}
	}
}

// TestClusterOptionsMatchDaemons compares the table with the meta-data of
// the installed Pacemaker daemons: every option they list must be known,
// with the same type family and default.
func TestClusterOptionsMatchDaemons(t *testing.T) {
	found := false
	for _, d := range []string{"pacemaker-schedulerd", "pacemaker-controld", "pacemaker-based"} {
		path := "/usr/lib/pacemaker/" + d
		if _, err := os.Stat(path); err != nil {
			continue
		}
		found = true
		out, err := exec.Command(path, "metadata").Output()
		if err != nil {
			t.Errorf("%s metadata: %v", d, err)
			continue
		}
		md, err := ParseMetadata(bytes.NewReader(out))
		if err != nil {
			t.Errorf("%s metadata: %v", d, err)
			continue
		}
		for _, p := range md.Params {
			o, ok := ClusterOptions.Lookup(p.Name)
			if !ok {
				t.Errorf("%s option %q is missing from ClusterOptions", d, p.Name)
				continue
			}
			if p.HasDefault && p.Default != o.Default && !(p.Default == "0" && o.Default == "0s") {
				t.Errorf("%s option %q: default %q, table has %q", d, p.Name, p.Default, o.Default)
			}
			if p.Type == "select" {
				for _, c := range p.Choices {
					if err := o.Check(c); err != nil {
						t.Errorf("%s option %q: allowed value %q rejected: %v", d, p.Name, c, err)
					}
				}
			}
		}
	}
	if !found {
		t.Skip("Pacemaker daemons not installed under /usr/lib/pacemaker")
	}
}
