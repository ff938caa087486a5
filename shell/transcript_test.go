package shell

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gocrm/shell/agents"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// A transcript is an interactive session as the user sees it: prompts
// with what was typed after them, then the output. Lines that begin with
// a prompt (crm(...)...# , the continuation prompt, or a question ending
// in "(y/n)? ") are input; everything else is expected output. Header
// lines "#! KEY=VALUE" set the environment; "#! cib=empty" starts from an
// empty CIB file instead of a copy of testdata/example/cib.xml.
var inputLine = regexp.MustCompile(`^(crm\([^)]*\)[a-z ]*# |   > |.*\(y/n\)\? )(.*)$`)

func TestTranscripts(t *testing.T) {
	files, _ := filepath.Glob("testdata/transcripts/*.txt")
	if len(files) == 0 {
		t.Fatal("no transcripts in testdata/transcripts")
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txt"), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got := runTranscript(t, string(data))
			if *update {
				if err := os.WriteFile(f, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != string(data) {
				t.Errorf("transcript differs (run with -update to accept):\n%s", unifiedDiff("want", "got", string(data), got))
			}
		})
	}
}

// transcriptReader feeds the transcript's inputs and echoes each prompt
// and input into the output, as a terminal shows them.
type transcriptReader struct {
	inputs []string
	out    io.Writer
}

func (r *transcriptReader) ReadLine(prompt string) (string, error) {
	if len(r.inputs) == 0 {
		return "", io.EOF
	}
	in := r.inputs[0]
	r.inputs = r.inputs[1:]
	fmt.Fprintf(r.out, "%s%s\n", prompt, in)
	if in == "^C" {
		return "", ErrInterrupt
	}
	return in, nil
}

func (r *transcriptReader) Close() error { return nil }

func runTranscript(t *testing.T, text string) string {
	t.Helper()
	dir := t.TempDir()
	cibPath := filepath.Join(dir, "cib.xml")
	vars := map[string]string{"CIB_file": cibPath, "NO_COLOR": "1"}
	dirs := &agents.Dirs{OCFRoot: fakeOCFRoot(t, dir), FenceDir: dir, InitDir: filepath.Join(dir, "no-init.d")}
	var header []string
	var inputs []string
	fromExample := true
	for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if rest, ok := strings.CutPrefix(line, "#! "); ok {
			header = append(header, line)
			k, v, _ := strings.Cut(rest, "=")
			if k == "cib" && v == "empty" {
				fromExample = false
				continue
			}
			vars[k] = strings.ReplaceAll(v, "$DIR", dir)
			continue
		}
		if m := inputLine.FindStringSubmatch(line); m != nil {
			inputs = append(inputs, m[2])
		}
	}
	if fromExample {
		copyFile(t, exampleCIB(t), cibPath)
	} else {
		copyFile(t, "testdata/empty.xml", cibPath)
	}
	var out bytes.Buffer
	for _, h := range header {
		out.WriteString(h + "\n")
	}
	env := Env{
		Stdout:    &out,
		Stderr:    &out,
		Getenv:    func(k string) string { return vars[k] },
		Hostname:  "node1.example.com",
		Runner:    agents.ExecRunner{Env: os.Environ()},
		AgentDirs: dirs,
		Spawn: func(argv []string, stdin io.Reader) error {
			return fmt.Errorf("no terminal programs in transcripts")
		},
	}
	s, err := newSession(env, options{})
	if err != nil {
		t.Fatal(err)
	}
	s.in = &transcriptReader{inputs: inputs, out: &out}
	s.interactive = true
	s.loop()
	return strings.ReplaceAll(out.String(), dir, "$DIR")
}

// exampleCIB is the shared example CIB of the repository.
func exampleCIB(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs("../testdata/example/cib.xml")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// fakeOCFRoot makes a small agent tree (Dummy and IPaddr2 from
// testdata/agents) so transcripts do not depend on installed agents.
func fakeOCFRoot(t testing.TB, parent string) string {
	t.Helper()
	root := filepath.Join(parent, "ocf")
	for _, a := range []struct{ provider, name string }{
		{"heartbeat", "Dummy"}, {"heartbeat", "IPaddr2"}, {"pacemaker", "Dummy"},
	} {
		meta, err := os.ReadFile(filepath.Join("testdata/agents", a.name+".xml"))
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(root, "resource.d", a.provider)
		os.MkdirAll(dir, 0o755)
		script := "#!/bin/sh\ncat <<'END_OF_META'\n" + string(meta) + "END_OF_META\n"
		if err := os.WriteFile(filepath.Join(dir, a.name), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return root
}
