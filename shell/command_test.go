package shell

import (
	"errors"
	"strings"
	"testing"
)

// TestTable checks the command table: it builds, every visible command
// has a one-line description and something to run, and help covers each.
func TestTable(t *testing.T) {
	tab, err := defaultTable()
	if err != nil {
		t.Fatal(err)
	}
	for lvl, l := range tab.levels {
		if l.Short == "" || l.Help == "" {
			t.Errorf("level %s has no description", lvl)
		}
		help := levelHelp(tab, lvl)
		for _, c := range tab.commands(lvl) {
			if c.Hidden {
				continue
			}
			if c.Short == "" {
				t.Errorf("%s %s has no Short", lvl, c.Name)
			}
			if (c.Run == nil) == (c.Enter == "") {
				t.Errorf("%s %s: want exactly one of Run and Enter", lvl, c.Name)
			}
			if c.Level != "*" && !strings.Contains(help, "  "+c.Name+" ") {
				t.Errorf("help for %s does not list %s", lvl, c.Name)
			}
			if !strings.Contains(commandHelp(c), "usage: "+c.Name) {
				t.Errorf("help %s has no usage line", c.Name)
			}
		}
	}
	// Every grammar statement is a configure command.
	for _, kw := range []string{"node", "primitive", "monitor", "group", "clone", "ms", "master", "bundle",
		"rsc_template", "location", "colocation", "collocation", "order", "rsc_ticket", "property",
		"rsc_defaults", "op_defaults", "fencing_topology", "tag", "role", "acl_target", "acl_group", "user", "alert"} {
		if c, err := tab.lookup("configure", kw); err != nil || !c.Statement {
			t.Errorf("configure %s: %v", kw, err)
		}
	}
}

func TestTableRejectsDuplicates(t *testing.T) {
	lv := []*Level{{Name: "root"}}
	run := func(*Session, *Call) error { return nil }
	_, err := newTable(lv, []*Command{{Name: "a", Level: "root", Run: run}, {Name: "b", Level: "root", Aliases: []string{"a"}, Run: run}})
	if err == nil {
		t.Error("duplicate name accepted")
	}
	if _, err := newTable(lv, []*Command{{Name: "a", Level: "nowhere", Run: run}}); err == nil {
		t.Error("unknown level accepted")
	}
}

func TestLookup(t *testing.T) {
	tab, _ := defaultTable()
	for _, tc := range []struct{ level, name, want, err string }{
		{"configure", "show", "show", ""},
		{"configure", "ve", "verify", ""},
		{"configure", "prim", "primitive", ""},
		{"configure", "collocation", "colocation", ""},
		{"configure", "rm", "delete", ""},
		{"configure", "..", "up", ""},
		{"configure", "s", "", `"s" is ambiguous at the configure level: it could be save, show, simulate`},
		{"configure", "shwo", "", `did you mean show?`},
		{"configure", "primitve", "", `did you mean primitive?`},
		{"root", "confgiure", "", `did you mean configure?`},
		{"root", "zzzzzz", "", `(try help)`},
		{"ra", "meta", "info", ""},
		{"root", "__complete", "", "unknown command"},
	} {
		c, err := tab.lookup(tc.level, tc.name)
		switch {
		case tc.err != "":
			var le *lookupError
			if err == nil || !errors.As(err, &le) || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("lookup(%s, %q) = %v, %v; want error with %q", tc.level, tc.name, c, err, tc.err)
			}
		case err != nil || c.Name != tc.want:
			t.Errorf("lookup(%s, %q) = %v, %v; want %s", tc.level, tc.name, c, err, tc.want)
		}
	}
}

func TestCloseMatches(t *testing.T) {
	cands := []string{"show", "save", "verify", "commit", "edit", "delete", "primitive", "property"}
	for in, want := range map[string]string{
		"shwo": "show", "comit": "commit", "vrify": "verify", "propery": "property",
		"prim": "primitive", "xyzzy": "",
	} {
		got := closeMatches(in, cands, 4)
		if (want == "" && len(got) != 0) || (want != "" && (len(got) == 0 || got[0] != want)) {
			t.Errorf("closeMatches(%q) = %v, want %s first", in, got, want)
		}
	}
}
