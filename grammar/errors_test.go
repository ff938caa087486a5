package grammar

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"gocrm/cib"
)

// TestErrors runs every case of testdata/errors.txt (cases are separated
// by lines holding only "==="): it parses the case and, when that works,
// applies it to the CIB of testdata/errors_base.crm. The messages are
// compared with testdata/errors.golden (refresh with -update).
func TestErrors(t *testing.T) {
	base := build(t, "errors_base.crm", readFile(t, "testdata/errors_base.crm"))
	var out strings.Builder
	for _, c := range strings.Split(readFile(t, "testdata/errors.txt"), "===\n") {
		if strings.TrimSpace(c) == "" {
			continue
		}
		out.WriteString(c)
		out.WriteString("---\n")
		out.WriteString(errorsOf(base, c))
		out.WriteString("===\n")
	}
	if *update {
		writeGolden(t, "testdata/errors.golden", out.String())
	}
	want := readFile(t, "testdata/errors.golden")
	if got := out.String(); got != want {
		t.Errorf("error messages differ from testdata/errors.golden (run with -update to refresh):\n%s", lineDiff(want, got))
	}
}

// errorsOf returns the messages a script gives, one per line.
func errorsOf(base *cib.CIB, src string) string {
	s, err := ParseString("errors.crm", src)
	if err == nil {
		err = Apply(base.Clone(), s.Statements, ApplyOptions{Provider: testProvider})
	}
	if err == nil {
		return "ok\n"
	}
	var b strings.Builder
	var list ErrorList
	var one *Error
	switch {
	case errors.As(err, &list):
		for _, e := range list {
			b.WriteString(describeError(e))
		}
	case errors.As(err, &one):
		b.WriteString(describeError(one))
	default:
		b.WriteString("unexpected error type: " + err.Error() + "\n")
	}
	return b.String()
}

func describeError(e *Error) string {
	s := e.Error()
	if e.Incomplete {
		s += " [incomplete]"
	}
	return s + "\n"
}

func writeGolden(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// lineDiff shows the first differing lines of two texts.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n want: " + a + "\n  got: " + b
		}
	}
	return ""
}
