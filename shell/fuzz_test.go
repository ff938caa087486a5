package shell

import (
	"bytes"
	"context"
	"errors"
	"os"
	"slices"
	"testing"

	"gocrm/cib"
	"gocrm/shell/agents"
)

// memBackend keeps the CIB in memory.
type memBackend struct{ c *cib.CIB }

func (m *memBackend) Describe() string        { return "memory CIB" }
func (m *memBackend) Load() (*cib.CIB, error) { return m.c.Clone(), nil }
func (m *memBackend) Update(fn func(*cib.CIB) (*cib.CIB, error)) error {
	next, err := fn(m.c.Clone())
	if err == nil && next != nil {
		m.c = next
	}
	return err
}

// noRunner runs nothing.
type noRunner struct{}

func (noRunner) Run(context.Context, agents.Cmd) ([]byte, error) {
	return nil, errors.New("no processes in this test")
}

// FuzzExecLine runs arbitrary input lines at the configure level of a
// session on the example CIB. Whatever the input, no command may panic:
// a panic would show up as an internal error (s.fatal).
func FuzzExecLine(f *testing.F) {
	data, err := os.ReadFile("../testdata/example/cib.xml")
	if err != nil {
		f.Skip(err)
	}
	base, err := decodeCIB(data)
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		"show", "show xml vip", "primitive p Dummy op monitor interval=10s", "delete web-group",
		"rename vip vip2", "erase nodes", "group g vip web", "location l vip inf: alice",
		"colocation c inf: ( vip web ) ping-clone", "show changed", "cd ..", "ra", "help show",
		"property maintenance=true", "commit", "verify", "get_property", "rename ping-clone x",
		"delete --force vip", "filter", "clone c2 vip", `primitive "x`, "tag t vip web",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		var out bytes.Buffer
		// No agents: meta-data checks are skipped, and no process runs.
		s, err := newSession(Env{Stdout: &out, Stderr: &out, Getenv: func(string) string { return "" },
			AgentDirs: &agents.Dirs{OCFRoot: t.TempDir()}, Runner: noRunner{}}, options{})
		if err != nil {
			t.Fatal(err)
		}
		// Commands that write files or run programs are not fuzzed.
		if name, _ := firstWord(line); name != "" {
			if c, err := s.tab.lookup("configure", name); err == nil && slices.Contains([]string{"save", "load", "filter", "edit"}, c.Name) {
				return
			}
		}
		s.in = &scriptReader{}
		s.backend = &memBackend{c: base.Clone()}
		s.stack = append(s.stack, "configure")
		for _, l := range []string{line, "show", "verify"} {
			s.execLine(l, Pos{Line: 1, Col: 1})
		}
		if s.fatal != nil {
			t.Fatalf("%q: %v\n%s", line, s.fatal, out.String())
		}
	})
}
