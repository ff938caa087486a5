package shell

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gocrm/shell/agents"
)

// testSession is a session on a copy of the example CIB with scripted
// input, as a person at a terminal would type it.
func testSession(t *testing.T, lines ...string) (*Session, *bytes.Buffer, string) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "cib.xml")
	copyFile(t, exampleCIB(t), path)
	var out bytes.Buffer
	env := Env{
		Stdout: &out, Stderr: &out, Hostname: "n1",
		Getenv:    func(k string) string { return map[string]string{"CIB_file": path}[k] },
		AgentDirs: &agents.Dirs{OCFRoot: fakeOCFRoot(t, dir)},
	}
	s, err := newSession(env, options{})
	if err != nil {
		t.Fatal(err)
	}
	s.in, s.interactive = &scriptReader{lines: lines}, true
	return s, &out, path
}

// TestPanicIsFatal: a command that panics is reported as an internal
// error, and then no commit is offered or made.
func TestPanicIsFatal(t *testing.T) {
	s, out, path := testSession(t, "configure", "primitive extra Dummy", "boom", "quit")
	before, _ := os.ReadFile(path)
	boom := &Command{Name: "boom", Level: "configure", Short: "x", Run: func(*Session, *Call) error {
		var m map[string]int
		m["x"]++ // a nil map write: a real runtime panic
		return nil
	}}
	s.tab.byLvl["configure"] = append(s.tab.byLvl["configure"], boom)
	s.tab.names["configure"]["boom"] = boom
	s.loop()
	text := out.String()
	if !strings.Contains(text, "ERROR: internal error in boom: assignment to entry in nil map (this is a bug") {
		t.Errorf("panic not reported as an internal error:\n%s", text)
	}
	if strings.Contains(text, "(y/n)") {
		t.Errorf("commit offered after an internal error:\n%s", text)
	}
	if !strings.Contains(text, "pending changes dropped") {
		t.Errorf("no word about the dropped changes:\n%s", text)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("committed after an internal error")
	}
	if s.fatal == nil {
		t.Error("session not marked fatal")
	}
}

// TestMainRecovers: even a panic outside any command is an internal error
// with status 1, never a stack trace.
func TestMainRecovers(t *testing.T) {
	var stderr bytes.Buffer
	code := Main(Env{
		Args:   []string{"configure", "show"},
		Stdout: &stderr, Stderr: &stderr,
		Getenv: func(k string) string { panic("broken environment") },
	})
	if code != ExitError || !strings.Contains(stderr.String(), "ERROR: internal error: broken environment") ||
		strings.Contains(stderr.String(), "goroutine") {
		t.Errorf("code %d, stderr:\n%s", code, stderr.String())
	}
}

// TestAnswerNo: -n answers no, at a terminal too.
func TestAnswerNo(t *testing.T) {
	s, out, path := testSession(t, "configure", "primitive extra Dummy", "quit")
	s.opts.no = true
	before, _ := os.ReadFile(path)
	s.loop()
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Errorf("-n committed:\n%s", out)
	}
}

// TestStayOnFailedCommit: when the commit on quit fails, the session
// offers to stay, so nothing is lost.
func TestStayOnFailedCommit(t *testing.T) {
	s, out, _ := testSession(t, "configure", "primitive p3 Dummy op monitor interval=abc", "quit", "y", "n",
		"delete p3", "quit")
	s.loop()
	text := out.String()
	prompts := strings.Join(s.in.(*scriptReader).prompts, "\n")
	if !strings.Contains(text, "commit refused") || !strings.Contains(prompts, "Leave anyway, dropping them (y/n)? ") {
		t.Errorf("no second chance:\n%s\nprompts:\n%s", text, prompts)
	}
	if !s.quitting {
		t.Errorf("the session did not end:\n%s", text)
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cib.xml")
	for _, tc := range []struct {
		args  []string
		stdin string
		code  int
	}{
		{[]string{"configure", "show", "vip"}, "", ExitOK},
		{[]string{"configure", "show", "nosuch"}, "", ExitError},
		{[]string{"--nope"}, "", ExitUsage},
		{[]string{"-f"}, "", ExitUsage},
		{[]string{"-f", "x", "configure"}, "", ExitUsage},
		{[]string{"configure", "verify"}, "", ExitOK},
		{[]string{"configure"}, "property maintenance=true\n", ExitOK},
		{[]string{"configure", "verify"}, "", ExitWarnings},
		{[]string{"configure"}, "primitive x Dummy\nbogus\n", ExitError},
		{[]string{"-f", "-"}, "configure\nshow vip\n", ExitOK},
		{[]string{"help", "configure", "show"}, "", ExitOK},
		{[]string{"--version"}, "", ExitOK},
	} {
		if tc.args[0] == "configure" && tc.args[len(tc.args)-1] == "show" {
			copyFile(t, exampleCIB(t), path)
		}
		if _, err := os.Stat(path); err != nil {
			copyFile(t, exampleCIB(t), path)
		}
		var out bytes.Buffer
		code := Main(Env{
			Args: tc.args, Stdin: strings.NewReader(tc.stdin), Stdout: &out, Stderr: &out,
			Getenv:    func(k string) string { return map[string]string{"CIB_file": path}[k] },
			AgentDirs: &agents.Dirs{OCFRoot: dir},
		})
		if code != tc.code {
			t.Errorf("crm %s < %q: exit %d, want %d\n%s", strings.Join(tc.args, " "), tc.stdin, code, tc.code, out.String())
		}
	}
}
