package shell

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

func TestColourPolicy(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	for _, tc := range []struct {
		display string
		tty     bool
		getenv  func(string) string
		want    bool
	}{
		{"", true, env("TERM", "xterm"), true},
		{"", false, env("TERM", "xterm"), false}, // a pipe
		{"", true, env("NO_COLOR", "1"), false},
		{"", true, env("TERM", "dumb"), false},
		{"plain", true, env(), false},
		{"color", false, env(), false},
		{"color-always", false, env("NO_COLOR", "1"), true},
	} {
		if got := useColour(tc.display, tc.tty, tc.getenv); got != tc.want {
			t.Errorf("useColour(%q, tty=%v) = %v", tc.display, tc.tty, got)
		}
	}
}

func TestMessages(t *testing.T) {
	var b bytes.Buffer
	u := &ui{err: &b, errPal: newPalette(false)}
	u.message(sevError, Pos{File: "<stdin>", Line: 3, Col: 7}, "bad")
	u.message(sevWarning, Pos{Line: 1, Col: 9}, "odd\n")
	u.message(sevError, Pos{Line: 2, Col: 4}, "multi-line")
	u.message(sevInfo, Pos{}, "fine")
	u.message(sevError, Pos{File: "<stdin>"}, "at the end")
	want := "<stdin>:3:7: ERROR: bad\nWARNING: column 9: odd\nERROR: line 2, column 4: multi-line\nINFO: fine\n<stdin>: ERROR: at the end\n"
	if b.String() != want {
		t.Errorf("messages:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	u.errPal = newPalette(true)
	u.message(sevError, Pos{}, "red")
	if !strings.Contains(b.String(), "\x1b[31") {
		t.Errorf("no colour: %q", b.String())
	}
}

// TestPager: long output goes through $PAGER at a terminal, short output
// and output to a pipe do not.
func TestPager(t *testing.T) {
	var spawned []string
	var paged string
	var out bytes.Buffer
	s, _ := newSession(Env{
		Stdout: &out, Stderr: &out, StdoutTTY: true,
		Getenv:     func(k string) string { return map[string]string{"PAGER": "most"}[k] },
		TermHeight: func() int { return 5 },
		Spawn: func(argv []string, stdin io.Reader) error {
			spawned = argv
			data, _ := io.ReadAll(stdin)
			paged = string(data)
			return nil
		},
	}, options{})
	s.interactive = true
	long := strings.Repeat("line\n", 10)
	s.page("short\n")
	s.page(long)
	if out.String() != "short\n" || paged != long || !strings.Contains(strings.Join(spawned, " "), "most") {
		t.Errorf("out %q, paged %q, argv %q", out.String(), paged, spawned)
	}
	s.env.StdoutTTY = false
	spawned = nil
	s.page(long)
	if spawned != nil {
		t.Error("paged into a pipe")
	}
}
