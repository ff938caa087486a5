package cib

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// testMetadata serves agent meta-data from testdata/validate/agents, named
// class-provider-type.xml.
func testMetadata(class, provider, agent string) (*AgentMetadata, error) {
	data, err := os.ReadFile(filepath.Join("testdata", "validate", "agents", class+"-"+provider+"-"+agent+".xml"))
	if err != nil {
		return nil, errors.New("not installed")
	}
	return ParseMetadataBytes(data)
}

// TestValidateGolden validates each testdata/validate/*.xml and compares
// the problems with the .golden file next to it (refresh with -update).
func TestValidateGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "validate", "*.xml"))
	if len(files) == 0 {
		t.Fatal("no testdata/validate/*.xml")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			c := loadCIB(t, f)
			var b strings.Builder
			for _, p := range Validate(c, ValidateOptions{Metadata: testMetadata}) {
				b.WriteString(p.String())
				b.WriteByte('\n')
			}
			golden := strings.TrimSuffix(f, ".xml") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if b.String() != string(want) {
				t.Errorf("problems differ from %s:\n--- got\n%s--- want\n%s", golden, b.String(), want)
			}
		})
	}
}

// A line of crm_verify output.
var (
	verifySchemaLine = regexp.MustCompile(`^[^:]+:(\d+): element (\S+): (?:Relax-NG )?validity error : (.*)$`)
	verifyLogLine    = regexp.MustCompile(`^\((\w+)\)\s+(\w+): (.*)$`)
	extraContent     = regexp.MustCompile(`Element (\S+) has extra content: (\S+)`)
	quotedWord       = regexp.MustCompile(`'([^']*)'`)
	xmlID            = regexp.MustCompile(`\bid="([^"]*)"`)
)

// runtimeMessages are crm_verify errors about the cluster's state (the
// status section), which configuration validation does not judge.
var runtimeMessages = []string{
	"is running on", "might be active", "hard failure", "Cannot shut down",
	"No further recovery", "Fencing and resource management disabled",
	"CIB did not pass schema validation", "Schema validation of configuration is disabled",
}

// verifyCoverage runs crm_verify on file and checks that every error it
// reports is reported by Validate too. It returns the number of crm_verify
// errors checked and of runtime (status) errors skipped.
func verifyCoverage(t *testing.T, bin, file string, ps []Problem) (checked, runtime int) {
	out, _ := exec.Command(bin, "-x", file, "-V").CombinedOutput()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	var errs []Problem
	for _, p := range ps {
		if p.Severity == SeverityError {
			errs = append(errs, p)
		}
	}
	has := func(pred func(p Problem) bool) bool {
		for _, p := range errs {
			if pred(p) {
				return true
			}
		}
		return false
	}
	about := func(id string) func(p Problem) bool {
		return func(p Problem) bool {
			return p.ID == id || strings.Contains(p.Path, "["+id+"]") || strings.HasSuffix(p.Object, " "+id)
		}
	}
	for _, l := range strings.Split(string(out), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "crm_verify:") || strings.HasPrefix(l, "-V may provide") {
			continue
		}
		if m := verifySchemaLine.FindStringSubmatch(l); m != nil {
			checked++
			n := 0
			fmt.Sscan(m[1], &n)
			ok := false
			if ref := regexp.MustCompile(`references an unknown ID "([^"]*)"`).FindStringSubmatch(m[3]); ref != nil {
				ok = has(func(p Problem) bool { return strings.Contains(p.Message, strconv.Quote(ref[1])) })
			}
			if mm := extraContent.FindStringSubmatch(m[3]); !ok && mm != nil {
				container := mm[1]
				ok = has(func(p Problem) bool { return strings.Contains(p.Path, container) })
			}
			if !ok && n >= 1 && n <= len(lines) {
				if id := xmlID.FindStringSubmatch(lines[n-1]); id != nil {
					ok = has(about(id[1]))
				} else {
					ok = has(func(p Problem) bool { return strings.Contains(p.Path, m[2]) })
				}
			}
			if !ok {
				t.Errorf("%s: crm_verify reports %q, Validate does not", filepath.Base(file), l)
			}
			continue
		}
		if strings.HasPrefix(l, "Relax-NG validity error") {
			continue // no position; the positioned lines around it are checked
		}
		m := verifyLogLine.FindStringSubmatch(l)
		if m == nil || (m[2] != "error" && m[2] != "crit") {
			continue
		}
		msg := m[3]
		if containsAny(msg, runtimeMessages) {
			runtime++
			continue
		}
		checked++
		var ok bool
		q := quotedWord.FindAllStringSubmatch(msg, -1)
		first := func() string {
			if len(q) > 0 {
				return q[0][1]
			}
			return ""
		}
		switch {
		case containsAny(msg, []string{"no STONITH resources", "disable STONITH", "need STONITH"}):
			ok = has(func(p Problem) bool { return strings.Contains(p.Message, "no fencing (stonith) resource") })
		case strings.Contains(msg, "Using default value for cluster option"):
			ok = has(func(p Problem) bool { return strings.Contains(p.Message, first()) })
		case strings.HasPrefix(msg, "Unknown role:") || strings.Contains(msg, "Ignoring 'target-role'"):
			ok = has(func(p Problem) bool { return strings.Contains(p.Message, "target-role") })
		case strings.Contains(msg, "Resetting 'on-fail'"):
			rsc := regexp.MustCompile(`for (?:operation '([^']+)_[a-z_-]+_\d+'|(\S+?)(?::\d+)? \S+ action)`).FindStringSubmatch(msg)
			id := ""
			if rsc != nil {
				id = rsc[1] + rsc[2]
			}
			ok = has(func(p Problem) bool {
				return strings.Contains(p.Message, "on-fail") && strings.HasSuffix(p.Object, " "+id)
			})
		case strings.HasPrefix(msg, "Operation "):
			f := strings.Fields(msg)
			ok = len(f) > 4 && (has(about(f[1])) || has(about(f[4])))
		case strings.Contains(msg, "constraint") || strings.Contains(msg, "Constraint"):
			ids := regexp.MustCompile(`onstraint '?([^' ]+)'?`).FindStringSubmatch(msg)
			ok = ids != nil && has(about(ids[1]))
		default:
			t.Errorf("%s: unclassified crm_verify error %q; teach verifyCoverage about it", filepath.Base(file), l)
			continue
		}
		if !ok {
			t.Errorf("%s: crm_verify reports %q, Validate does not", filepath.Base(file), l)
		}
	}
	return checked, runtime
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// TestValidateVsCrmVerify is the differential test: on the broken CIBs of
// testdata/validate and on a sample of the scheduler cases, every
// configuration error crm_verify reports is reported by Validate too.
func TestValidateVsCrmVerify(t *testing.T) {
	bin, err := exec.LookPath("crm_verify")
	if err != nil {
		t.Skip("skipped: crm_verify is not installed (pacemaker-cli-utils)")
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "validate", "*.xml"))
	step := 16
	if testing.Short() {
		step = 60
	}
	if os.Getenv("GOCRM_VERIFY_ALL") != "" {
		step = 1 // every scheduler case (about a minute)
	}
	files = append(files, schedulerCases(t, step)...)
	var checked, runtime, extra atomic.Int64
	t.Run("cases", func(t *testing.T) {
		for _, f := range files {
			t.Run(filepath.Base(f), func(t *testing.T) {
				t.Parallel()
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				c, err := DecodeBytes(bytes.Clone(data))
				if err != nil {
					t.Fatal(err)
				}
				ps := Validate(c, ValidateOptions{Metadata: testMetadata})
				n, r := verifyCoverage(t, bin, f, ps)
				checked.Add(int64(n))
				runtime.Add(int64(r))
				if n == 0 && HasErrors(ps) {
					extra.Add(1)
				}
			})
		}
	})
	t.Logf("%d files: %d crm_verify configuration errors all reported by Validate; %d runtime (status) errors skipped; %d files where only Validate finds errors",
		len(files), checked.Load(), runtime.Load(), extra.Load())
}
