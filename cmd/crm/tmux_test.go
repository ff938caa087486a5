package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tmux drives crm in a real terminal: a private tmux server (its own
// socket, killed at the end) running one window.
type tmux struct {
	t      *testing.T
	socket string
}

func newTmux(t *testing.T) *tmux {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed: the terminal tests need it (.ci/run installs it)")
	}
	x := &tmux{t: t, socket: fmt.Sprintf("crmtest-%d-%d", os.Getpid(), time.Now().UnixNano())}
	t.Cleanup(func() { exec.Command("tmux", "-L", x.socket, "kill-server").Run() })
	return x
}

func (x *tmux) run(args ...string) string {
	x.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", x.socket}, args...)...).CombinedOutput()
	if err != nil {
		x.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// start runs argv in a new 160x50 window with exactly env as environment;
// the pane stays after the program exits so its end can be seen.
func (x *tmux) start(env []string, argv ...string) {
	x.t.Helper()
	cmd := "exec env -i " + shellQuote(env...) + " " + shellQuote(argv...)
	x.run("-f", "/dev/null", "new-session", "-d", "-x", "160", "-y", "50", "-s", "crm", cmd)
	x.run("set-option", "-t", "crm", "remain-on-exit", "on")
}

func shellQuote(words ...string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
	}
	return strings.Join(q, " ")
}

// keys sends keys (tmux key names such as Enter and Tab, or literal text).
func (x *tmux) keys(keys ...string) {
	x.t.Helper()
	x.run(append([]string{"send-keys", "-t", "crm"}, keys...)...)
}

// text types literal text.
func (x *tmux) text(s string) {
	x.t.Helper()
	x.run("send-keys", "-t", "crm", "-l", s)
}

func (x *tmux) screen(escapes bool) string {
	args := []string{"capture-pane", "-p", "-t", "crm"}
	if escapes {
		args = append(args, "-e")
	}
	return x.run(args...)
}

// waitFor waits until the screen holds want, failing after a deadline.
// It polls: a terminal gives no event to wait on. tmux drops blanks at
// the ends of lines, so want's are dropped too.
func (x *tmux) waitFor(want string) string {
	x.t.Helper()
	want = strings.TrimRight(strings.ReplaceAll(want, " \n", "\n"), " ")
	deadline := time.Now().Add(10 * time.Second)
	for {
		s := x.screen(false)
		if strings.Contains(s, want) {
			return s
		}
		if time.Now().After(deadline) {
			x.t.Fatalf("timed out waiting for %q on the screen:\n%s", want, s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitExit waits for the program to end and returns its exit status.
func (x *tmux) waitExit() int {
	x.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		out := strings.TrimSpace(x.run("display-message", "-p", "-t", "crm", "#{pane_dead} #{pane_dead_status}"))
		var dead, status int
		fmt.Sscan(out, &dead, &status)
		if dead == 1 {
			return status
		}
		if time.Now().After(deadline) {
			x.t.Fatalf("crm did not exit:\n%s", x.screen(false))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// terminalSetup makes a home, a CIB file and a small OCF tree, and
// returns the environment for crm and the CIB's path.
func terminalSetup(t *testing.T) (env []string, cib string) {
	t.Helper()
	dir := t.TempDir()
	data, err := os.ReadFile("../../testdata/example/cib.xml")
	if err != nil {
		t.Fatal(err)
	}
	cib = filepath.Join(dir, "cib.xml")
	os.WriteFile(cib, data, 0o644)
	ocf := filepath.Join(dir, "ocf", "resource.d", "pacemaker")
	os.MkdirAll(ocf, 0o755)
	meta := "#!/bin/sh\ncat <<'EOF'\n<resource-agent name=\"Stateful\"><parameters>" +
		"<parameter name=\"state\"><content type=\"string\"/></parameter>" +
		"<parameter name=\"envfile\"><content type=\"string\"/></parameter></parameters>" +
		"<actions><action name=\"monitor\" timeout=\"20s\" interval=\"10s\"/></actions></resource-agent>\nEOF\n"
	os.WriteFile(filepath.Join(ocf, "Stateful"), []byte(meta), 0o755)
	env = []string{
		"HOME=" + dir, "TERM=xterm", "PATH=" + os.Getenv("PATH"), "CIB_file=" + cib,
		"OCF_ROOT=" + filepath.Join(dir, "ocf"), "LANG=C",
	}
	return env, cib
}

func crmPath(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("crm")
	if err != nil {
		t.Fatalf("crm is not in PATH (TestMain puts it there): %v", err)
	}
	return p
}

func shortHost() string {
	h, _ := os.Hostname()
	h, _, _ = strings.Cut(h, ".")
	return h
}

// TestTerminal checks in a real terminal the prompt, tab completion,
// history and the pending-changes question.
func TestTerminal(t *testing.T) {
	x := newTmux(t)
	env, cib := terminalSetup(t)
	x.start(append(env, "NO_COLOR=1"), crmPath(t))
	prompt := "crm(live/" + shortHost() + ")"
	x.waitFor(prompt + "# ")

	// A unique prefix completes to the command.
	x.text("conf")
	x.keys("Tab")
	x.waitFor(prompt + "# configure ")
	x.keys("Enter")
	x.waitFor(prompt + "configure# ")

	// Ids from the CIB complete; the command runs.
	x.text("show web-p")
	x.keys("Tab")
	x.waitFor("configure# show web-prefers-alice ")
	x.keys("Enter")
	x.waitFor("location web-prefers-alice web-group 100: alice")

	// Agent names complete part by part, parameters from the meta-data.
	x.text("primitive p1 ocf:pacem")
	x.keys("Tab")
	x.waitFor("primitive p1 ocf:pacemaker:")
	x.text("Sta")
	x.keys("Tab")
	x.waitFor("primitive p1 ocf:pacemaker:Stateful ")
	x.text("params st")
	x.keys("Tab")
	x.waitFor("params state=")
	x.text("/run/p1 \\")
	x.keys("Enter")
	x.waitFor("   > ")
	x.text("op monitor timeout=")
	x.keys("Tab")
	x.waitFor("op monitor timeout=20s ")
	x.keys("Enter")
	x.waitFor(prompt + "configure# \n")

	// quit with pending changes asks; yes commits.
	x.text("quit")
	x.keys("Enter")
	x.waitFor("There are changes pending. Do you want to commit them (y/n)? ")
	x.text("y")
	x.keys("Enter")
	if status := x.waitExit(); status != 0 {
		t.Fatalf("crm exited with %d:\n%s", status, x.screen(false))
	}
	data, _ := os.ReadFile(cib)
	if !strings.Contains(string(data), `id="p1"`) || !strings.Contains(string(data), `name="state" value="/run/p1"`) {
		t.Errorf("p1 was not committed:\n%s", data)
	}
	home := strings.TrimPrefix(env[0], "HOME=")
	hist, err := os.ReadFile(filepath.Join(home, ".cache", "crm", "history"))
	if err != nil || !strings.Contains(string(hist), "configure") ||
		!strings.Contains(string(hist), "primitive p1 ocf:pacemaker:Stateful params state=/run/p1 op monitor timeout=20s") {
		t.Errorf("history file: %v\n%s", err, hist)
	}
}

// TestTerminalNoAndColour answers no to the question (nothing is
// committed), and checks that errors are coloured on a terminal.
func TestTerminalNoAndColour(t *testing.T) {
	x := newTmux(t)
	env, cib := terminalSetup(t)
	before, _ := os.ReadFile(cib)
	x.start(env, crmPath(t), "configure")
	x.waitFor("configure# ")
	x.text("bogus")
	x.keys("Enter")
	x.waitFor(`unknown command "bogus"`)
	if s := x.screen(true); !strings.Contains(s, "\x1b[") {
		t.Errorf("no colour on a terminal:\n%q", s)
	}
	x.text("primitive p1 Dummy")
	x.keys("Enter")
	x.text("quit")
	x.keys("Enter")
	x.waitFor("(y/n)? ")
	x.text("n")
	x.keys("Enter")
	if status := x.waitExit(); status != 0 {
		t.Fatalf("crm exited with %d:\n%s", status, x.screen(false))
	}
	after, _ := os.ReadFile(cib)
	if string(before) != string(after) {
		t.Error("answering no committed the changes")
	}
}

// TestTerminalEditAndShadow re-edits after an error (the question is
// asked at the terminal) and shows the shadow's name in the prompt.
func TestTerminalEditAndShadow(t *testing.T) {
	x := newTmux(t)
	env, cib := terminalSetup(t)
	dir := filepath.Dir(cib)
	editor := filepath.Join(dir, "editor.sh")
	os.WriteFile(editor, []byte(`n=$(cat "$0.round" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$0.round"
if [ $n = 1 ]; then echo 'primitive vip IPaddr2 params ip=10.0.0.1 )' > "$1"
else echo 'primitive vip IPaddr2 params ip=10.0.0.1 cidr_netmask=8' > "$1"; fi
`), 0o755)
	shadow := filepath.Join(dir, "shadow.test")
	data, _ := os.ReadFile(cib)
	os.WriteFile(shadow, data, 0o644)
	x.start(append(env, "NO_COLOR=1", "EDITOR=sh "+editor, "CIB_shadow=test"), crmPath(t), "configure")
	x.waitFor("crm(test/" + shortHost() + ")configure# ")
	x.text("edit vip")
	x.keys("Enter")
	x.waitFor("Edit it again")
	x.text("y")
	x.keys("Enter")
	x.waitFor("configure# \n")
	x.text("commit")
	x.keys("Enter")
	x.text("quit")
	x.keys("Enter")
	if status := x.waitExit(); status != 0 {
		t.Fatalf("crm exited with %d:\n%s", status, x.screen(false))
	}
	got, _ := os.ReadFile(shadow)
	if !strings.Contains(string(got), `value="10.0.0.1"`) {
		t.Errorf("the edit did not reach the shadow CIB:\n%s", got)
	}
	if live, _ := os.ReadFile(cib); string(live) != string(data) {
		t.Error("the live CIB changed")
	}
}

// TestTerminalOneShotEdit: a one-shot command run from a terminal may ask
// too (edit again?), as crmsh does when stdin is a terminal.
func TestTerminalOneShotEdit(t *testing.T) {
	x := newTmux(t)
	env, cib := terminalSetup(t)
	editor := filepath.Join(filepath.Dir(cib), "editor.sh")
	os.WriteFile(editor, []byte(`n=$(cat "$0.round" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$0.round"
if [ $n = 1 ]; then echo 'primitive vip IPaddr2 params ip=10.0.0.2 )' > "$1"
else echo 'primitive vip IPaddr2 params ip=10.0.0.2 cidr_netmask=8' > "$1"; fi
`), 0o755)
	x.start(append(env, "NO_COLOR=1", "EDITOR=sh "+editor), crmPath(t), "configure", "edit", "vip")
	x.waitFor("Edit it again")
	x.text("y")
	x.keys("Enter")
	if status := x.waitExit(); status != 0 {
		t.Fatalf("crm exited with %d:\n%s", status, x.screen(false))
	}
	if got, _ := os.ReadFile(cib); !strings.Contains(string(got), `value="10.0.0.2"`) {
		t.Errorf("the one-shot edit was not committed:\n%s", got)
	}
}

// TestPromptMatchesCrmsh: the prompt of the installed crmsh on the same
// file-backed CIB, at the top and the configure level.
func TestPromptMatchesCrmsh(t *testing.T) {
	crmsh := ""
	for _, p := range []string{"/usr/sbin/crm", "/usr/bin/crm"} {
		if data, err := os.ReadFile(p); err == nil && strings.Contains(string(data[:min(len(data), 200)]), "python") {
			crmsh = p
		}
	}
	if crmsh == "" {
		t.Skip("crmsh is not installed (.ci/run installs it): no prompt comparison")
	}
	prompts := func(argv ...string) string {
		x := newTmux(t)
		env, _ := terminalSetup(t)
		x.start(append(env, "NO_COLOR=1"), argv...)
		x.waitFor("# ")
		x.text("configure")
		x.keys("Enter")
		s := x.waitFor("configure#")
		x.text("quit")
		x.keys("Enter")
		x.waitExit()
		var lines []string
		for _, l := range strings.Split(s, "\n") {
			if strings.HasPrefix(l, "crm(") {
				lines = append(lines, l)
			}
		}
		return strings.Join(lines, "\n")
	}
	want := prompts(crmsh)
	if got := prompts(crmPath(t)); got != want {
		t.Errorf("prompts differ:\ncrmsh:\n%s\nours:\n%s", want, got)
	}
}
