package shell

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gocrm/shell/agents"
)

// crmsh returns the installed crmsh's crm, or skips.
func crmsh(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/sbin/crm", "/usr/bin/crm"} {
		if data, err := os.ReadFile(p); err == nil && bytes.HasPrefix(data, []byte("#!")) && bytes.Contains(data, []byte("python")) {
			return p
		}
	}
	t.Skip("crmsh is not installed (.ci/run installs it): no differential check")
	return ""
}

// runOurs runs our shell in process on the CIB at path.
func runOurs(t *testing.T, path string, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(Env{
		Args: args, Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string {
			return map[string]string{"CIB_file": path, "OCF_ROOT": os.Getenv("OCF_ROOT")}[k]
		},
		Runner:   agents.ExecRunner{Env: os.Environ()},
		Hostname: "n1",
	})
	if code != 0 {
		t.Fatalf("crm %s: exit %d\n%s", strings.Join(args, " "), code, errb.String())
	}
	return out.String()
}

func runCrmsh(t *testing.T, crm, path string, args ...string) string {
	t.Helper()
	cmd := exec.Command(crm, args...)
	cmd.Env = append(os.Environ(), "CIB_file="+path, "HOME="+t.TempDir())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("crmsh %s: %v", strings.Join(args, " "), err)
	}
	return string(out)
}

// TestShowMatchesCrmsh: crm configure show of the example CIB, whole and
// by id, as crmsh 4.4 prints it (passwords masked alike).
func TestShowMatchesCrmsh(t *testing.T) {
	crm := crmsh(t)
	path := filepath.Join(t.TempDir(), "cib.xml")
	copyFile(t, exampleCIB(t), path)
	for _, args := range [][]string{{"configure", "show"}, {"configure", "show", "web-group", "fence-ipmi"}} {
		want := runCrmsh(t, crm, path, args...)
		if got := runOurs(t, path, args...); got != want {
			t.Errorf("crm %s differs from crmsh:\n%s", strings.Join(args, " "), unifiedDiff("crmsh", "ours", want, got))
		}
	}
}

// TestRAMatchesPacemaker: ra list of the installed OCF agents is what
// Pacemaker's crm_resource (which crmsh asks) lists. crmsh itself is not
// run: it runs crm_resource once per agent and takes seconds.
func TestRAMatchesPacemaker(t *testing.T) {
	crmResource, err := exec.LookPath("crm_resource")
	if err != nil {
		t.Skip("crm_resource is not installed (.ci/run installs pacemaker-cli-utils)")
	}
	want, err := exec.Command(crmResource, "--list-agents", "ocf:pacemaker").Output()
	if err != nil {
		t.Skipf("crm_resource --list-agents: %v", err)
	}
	path := filepath.Join(t.TempDir(), "cib.xml")
	copyFile(t, exampleCIB(t), path)
	got := runOurs(t, path, "ra", "list", "ocf", "pacemaker")
	if strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(string(want)), " ") {
		t.Errorf("ra list ocf pacemaker:\ncrm_resource:\n%s\nours:\n%s", want, got)
	}
}
