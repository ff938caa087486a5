package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"gocrm/shell/agents"
)

// TestMain lets the scripts run crm as a command (the test binary re-run
// as crm), and crmrc, which runs crm, then prints its exit status on
// stderr and exits 0, so scripts can check exact statuses.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"crm": func() { os.Exit(run()) },
		"crmrc": func() {
			code := run()
			fmt.Fprintf(os.Stderr, "exit status %d\n", code)
			os.Exit(0)
		},
	})
}

// TestScripts runs testdata/script/*.txtar: crm one-shot, batch, -f, edit,
// commit conflicts, shadow CIBs, verify exit codes and completion, on
// copies of the repository's example CIB ($EXAMPLE) and an empty one
// ($EMPTY), with a small fake OCF tree ($WORK/ocf, see the scripts).
func TestScripts(t *testing.T) {
	example, err := filepath.Abs("../../testdata/example/cib.xml")
	if err != nil {
		t.Fatal(err)
	}
	empty, err := filepath.Abs("../../shell/testdata/empty.xml")
	if err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	warmMetaData(t, cache)
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("XDG_CACHE_HOME", cache)
			env.Setenv("EXAMPLE", example)
			env.Setenv("EMPTY", empty)
			env.Setenv("HOME", env.WorkDir)
			env.Setenv("NO_COLOR", "1")
			env.Setenv("CIB_file", filepath.Join(env.WorkDir, "cib.xml"))
			return nil
		},
	})
}

// warmMetaData fills the meta-data cache the scripts share with the
// agents the example CIB uses, when they are installed, so the scripts do
// not each run the (slow, Python) fence agent.
func warmMetaData(t *testing.T, cache string) {
	lib := agents.New(agents.DefaultDirs(os.Getenv), agents.ExecRunner{Env: os.Environ()})
	lib.CacheDir = filepath.Join(cache, "crm", "metadata")
	for _, a := range []agents.Agent{
		{Class: "stonith", Type: "fence_ipmilan"},
		{Class: "ocf", Provider: "heartbeat", Type: "IPaddr2"},
		{Class: "ocf", Provider: "heartbeat", Type: "apache"},
		{Class: "ocf", Provider: "heartbeat", Type: "Dummy"},
		{Class: "ocf", Provider: "pacemaker", Type: "ping"},
	} {
		if _, err := lib.MetaData(a); err != nil {
			t.Logf("no meta-data for %s (checks that need it are skipped): %v", a, err)
		}
	}
}
