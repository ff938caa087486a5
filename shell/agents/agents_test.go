package agents

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeRunner answers from a table keyed by the command line.
type fakeRunner struct {
	out   map[string]string
	calls []Cmd
}

func (f *fakeRunner) Run(ctx context.Context, c Cmd) ([]byte, error) {
	f.calls = append(f.calls, c)
	if out, ok := f.out[c.String()]; ok {
		return []byte(out), nil
	}
	return nil, fmt.Errorf("%s: not expected", c)
}

// tree makes a fake agent installation under a temporary directory.
func tree(t *testing.T) Dirs {
	t.Helper()
	root := t.TempDir()
	d := Dirs{
		OCFRoot:  filepath.Join(root, "ocf"),
		FenceDir: filepath.Join(root, "sbin"),
		InitDir:  filepath.Join(root, "init.d"),
	}
	write := func(path, body string, mode os.FileMode) {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), mode); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(d.OCFRoot, "resource.d/heartbeat/Dummy"), "#!/bin/sh\n", 0o755)
	write(filepath.Join(d.OCFRoot, "resource.d/heartbeat/IPaddr2"), "#!/bin/sh\n", 0o755)
	write(filepath.Join(d.OCFRoot, "resource.d/heartbeat/README"), "not an agent\n", 0o644)
	write(filepath.Join(d.OCFRoot, "resource.d/pacemaker/Dummy"), "#!/bin/sh\n", 0o755)
	write(filepath.Join(d.OCFRoot, "resource.d/pacemaker/Stateful"), "#!/bin/sh\n", 0o755)
	write(filepath.Join(d.FenceDir, "fence_dummy"), "#!/bin/sh\n", 0o755)
	write(filepath.Join(d.FenceDir, "sshd"), "#!/bin/sh\n", 0o755)
	write(filepath.Join(d.InitDir, "food"), "#!/bin/sh\n### BEGIN INIT INFO\n# Provides: food\n"+
		"# Short-Description: Food <daemon>\n# Description: Serves food\n#  to everyone.\n### END INIT INFO\n", 0o755)
	return d
}

func TestClassesAndLists(t *testing.T) {
	d := tree(t)
	d.Systemctl = "/fake/systemctl"
	r := &fakeRunner{out: map[string]string{
		"/fake/systemctl list-unit-files --type=service --no-legend --no-pager": "" +
			"corosync.service enabled enabled\ngetty@.service enabled enabled\nfood.service static -\n",
	}}
	l := New(d, r)
	var got []string
	for _, c := range l.Classes() {
		got = append(got, c.Name+"/"+strings.Join(c.Providers, ","))
	}
	if want := "[lsb/ ocf/heartbeat,pacemaker service/ stonith/ systemd/]"; fmt.Sprint(got) != want {
		t.Errorf("Classes = %v, want %s", got, want)
	}
	for _, tc := range []struct{ class, provider, want string }{
		{"ocf", "", "[Dummy IPaddr2 Stateful]"},
		{"ocf", "pacemaker", "[Dummy Stateful]"},
		{"stonith", "", "[fence_dummy]"},
		{"lsb", "", "[food]"},
		{"systemd", "", "[corosync food]"},
		{"service", "", "[corosync food]"},
	} {
		list, err := l.List(tc.class, tc.provider)
		if err != nil || fmt.Sprint(list) != tc.want {
			t.Errorf("List(%s, %s) = %v, %v; want %s", tc.class, tc.provider, list, err, tc.want)
		}
	}
	if _, err := l.List("ocf", "nosuch"); !errors.Is(err, ErrNotFound) {
		t.Errorf("List(ocf, nosuch): %v", err)
	}
	if _, err := l.List("upstart", ""); !errors.Is(err, ErrUnknownClass) {
		t.Errorf("List(upstart): %v", err)
	}
	l.List("systemd", "")
	if len(r.calls) != 1 {
		t.Errorf("systemctl ran %d times; the listing should be cached", len(r.calls))
	}
}

func TestResolve(t *testing.T) {
	l := New(tree(t), &fakeRunner{})
	for in, want := range map[string]string{
		"ocf:pacemaker:Dummy": "ocf:pacemaker:Dummy",
		"Dummy":               "ocf:heartbeat:Dummy",
		"Stateful":            "ocf:pacemaker:Stateful",
		"ocf:IPaddr2":         "ocf:heartbeat:IPaddr2",
		"stonith:fence_dummy": "stonith:fence_dummy",
		"fence_dummy":         "stonith:fence_dummy",
		"lsb:food":            "lsb:food",
	} {
		a, err := l.Resolve(in)
		if err != nil || a.String() != want {
			t.Errorf("Resolve(%q) = %v, %v; want %s", in, a, err, want)
		}
	}
	for _, in := range []string{"ocf:heartbeat:Nope", "Nope", "lsb:nope", "foo:bar", "a:b:c:d", "stonith:x:y"} {
		if a, err := l.Resolve(in); err == nil {
			t.Errorf("Resolve(%q) = %v, want an error", in, a)
		}
	}
}

func TestMetaData(t *testing.T) {
	d := tree(t)
	ocf := "<resource-agent name=\"Dummy\"/>"
	r := &fakeRunner{out: map[string]string{
		filepath.Join(d.OCFRoot, "resource.d/heartbeat/Dummy") + " meta-data": ocf,
		filepath.Join(d.FenceDir, "fence_dummy") + " -o metadata":             "<resource-agent name=\"fence_dummy\"/>",
	}}
	l := New(d, r)
	for _, a := range []Agent{{"ocf", "heartbeat", "Dummy"}, {"ocf", "heartbeat", "Dummy"}, {"stonith", "", "fence_dummy"}} {
		if _, err := l.MetaData(a); err != nil {
			t.Errorf("MetaData(%s): %v", a, err)
		}
	}
	if len(r.calls) != 2 {
		t.Errorf("%d agent runs, want 2 (meta-data is cached)", len(r.calls))
	}
	if env := strings.Join(r.calls[0].Env, " "); !strings.Contains(env, "OCF_ROOT="+d.OCFRoot) {
		t.Errorf("OCF agent env %q lacks OCF_ROOT", env)
	}
	lsb, err := l.MetaData(Agent{Class: "lsb", Type: "food"})
	if err != nil || !strings.Contains(string(lsb), "<shortdesc lang=\"en\">Food &lt;daemon&gt;</shortdesc>") ||
		!strings.Contains(string(lsb), "Serves food to everyone.") {
		t.Errorf("lsb meta-data = %s, %v", lsb, err)
	}
	if _, err := l.MetaData(Agent{"ocf", "heartbeat", "IPaddr2"}); err == nil {
		t.Error("meta-data from a failing agent did not fail")
	}
	if _, err := l.MetaData(Agent{"ocf", "heartbeat", "Nope"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing agent: %v", err)
	}
}

func TestExecRunnerTimeout(t *testing.T) {
	if _, err := exec.LookPath("sleep"); err != nil {
		t.Skip("no sleep(1)")
	}
	l := New(Dirs{}, ExecRunner{})
	l.Timeout = 50 * time.Millisecond
	start := time.Now()
	_, err := l.run(Cmd{Path: "sleep", Args: []string{"10"}})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a deadline error", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Fatal("the timeout did not stop the process")
	}
}

func TestExecRunnerReportsStderr(t *testing.T) {
	_, err := ExecRunner{}.Run(context.Background(), Cmd{Path: "/bin/sh", Args: []string{"-c", "echo broken agent >&2; exit 3"}})
	if err == nil || !strings.Contains(err.Error(), "broken agent") {
		t.Fatalf("err = %v", err)
	}
	out, err := ExecRunner{Env: []string{"A=1"}}.Run(context.Background(), Cmd{Path: "/bin/sh", Args: []string{"-c", "cat; echo $A$B"}, Env: []string{"B=2"}, Stdin: []byte("in:")})
	if err != nil || string(out) != "in:12\n" {
		t.Fatalf("out = %q, %v", out, err)
	}
}

// TestInstalled compares with the agents installed on this machine, when
// there are any (resource-agents, fence-agents).
func TestInstalled(t *testing.T) {
	d := DefaultDirs(os.Getenv)
	l := New(d, ExecRunner{Env: os.Environ()})
	list, err := l.List("ocf", "heartbeat")
	if err != nil || len(list) == 0 {
		t.Skipf("no OCF agents under %s (install resource-agents): %v", d.OCFRoot, err)
	}
	data, err := l.MetaData(Agent{"ocf", "heartbeat", "IPaddr2"})
	if err != nil {
		t.Fatalf("IPaddr2 meta-data: %v", err)
	}
	if !strings.Contains(string(data), `name="ip"`) {
		t.Errorf("IPaddr2 meta-data has no ip parameter:\n%.300s", data)
	}
}

func TestMetaDataDiskCache(t *testing.T) {
	d := tree(t)
	path := filepath.Join(d.OCFRoot, "resource.d/heartbeat/Dummy")
	r := &fakeRunner{out: map[string]string{path + " meta-data": "<resource-agent name=\"Dummy\"/>"}}
	cache := filepath.Join(t.TempDir(), "cache")
	for i := range 2 {
		l := New(d, r) // a new process: only the disk cache is shared
		l.CacheDir = cache
		if _, err := l.MetaData(Agent{"ocf", "heartbeat", "Dummy"}); err != nil {
			t.Fatalf("run %d: %v", i, err)
		}
	}
	if len(r.calls) != 1 {
		t.Fatalf("agent ran %d times, want 1 (second run from the cache)", len(r.calls))
	}
	// A changed agent is run again.
	later := time.Now().Add(time.Hour)
	os.Chtimes(path, later, later)
	l := New(d, r)
	l.CacheDir = cache
	l.MetaData(Agent{"ocf", "heartbeat", "Dummy"})
	if len(r.calls) != 2 {
		t.Fatalf("agent ran %d times after it changed, want 2", len(r.calls))
	}
}
