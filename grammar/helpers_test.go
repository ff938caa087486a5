package grammar

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/alecthomas/participle/v2/lexer"

	"gocrm/cib"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// corpusFiles returns the canonical corpus files.
func corpusFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/canonical*.crm")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus files: %v", err)
	}
	return files
}

// scriptFiles returns every crm script under testdata.
func scriptFiles(t testing.TB) []string {
	t.Helper()
	files := corpusFiles(t)
	more, _ := filepath.Glob("testdata/crmsh/*.crm")
	return append(files, more...)
}

func readFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// build parses a script and applies it to an empty CIB.
func build(t testing.TB, name, src string) *cib.CIB {
	t.Helper()
	s, err := ParseString(name, src)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	c := cib.Empty()
	if err := Apply(c, s.Statements, ApplyOptions{Provider: testProvider}); err != nil {
		t.Fatalf("apply %s: %v", name, err)
	}
	return c
}

// testProvider resolves OCF providers the way crmsh does on a host with
// Debian's resource-agents and pacemaker: heartbeat when it has the agent,
// else pacemaker.
func testProvider(agent string) string {
	switch agent {
	case "Stateful", "HealthCPU", "HealthSMART", "SysInfo", "ClusterMon", "attribute", "controld", "ifspeed", "o2cb", "ping", "remote", "HealthIOWait":
		return "pacemaker"
	}
	return "heartbeat"
}

// compareParsers checks that the fast parser and participle agree on
// every statement of src: both fail, or both give the same AST.
func compareParsers(t testing.TB, src string) {
	t.Helper()
	all := lexAll("t.crm", src)
	for i := 0; i < len(all); {
		j := statementEnd(all, i)
		toks := all[i:j:j]
		i = j
		if toks[0].Type == TokComment || toks[0].Type >= tokLexError {
			continue
		}
		fast, ok := fastParse(toks)
		pl, err := lexer.Upgrade(&sliceLexer{toks: toks, eof: toks[len(toks)-1].Pos})
		if err != nil {
			t.Fatal(err)
		}
		slow, err := slowParser().ParseFromLexer(pl)
		if (err == nil) != ok {
			t.Errorf("%q: fast parser ok=%v, participle error %v", tokensText(toks), ok, err)
			continue
		}
		if ok && !reflect.DeepEqual(fast, slow) {
			t.Errorf("%q: ASTs differ\nfast: %s\nslow: %s", tokensText(toks), dumpJSON(fast), dumpJSON(slow))
		}
	}
}

func tokensText(toks []lexer.Token) string {
	var s []string
	for _, t := range toks {
		s = append(s, t.Value)
	}
	return strings.Join(s, " ")
}

func dumpJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
