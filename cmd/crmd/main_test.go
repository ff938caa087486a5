package main

import (
	"fmt"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts run crmd (the test binary re-run as crmd),
// and crmdrc, which runs crmd, prints its exit status on stderr and exits
// 0, so that scripts check exact statuses.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"crmd": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
		"crmdrc": func() {
			code := run(os.Args[1:], os.Stdout, os.Stderr)
			fmt.Fprintf(os.Stderr, "exit status %d\n", code)
			os.Exit(0)
		},
	})
}

// TestScripts runs testdata/script/*.txtar.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// filemode FILE MODE: FILE has permission bits MODE (octal).
			"filemode": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: filemode FILE MODE")
				}
				st, err := os.Stat(ts.MkAbs(args[0]))
				ts.Check(err)
				if got := fmt.Sprintf("%04o", st.Mode().Perm()); (got == args[1]) == neg {
					ts.Fatalf("%s has mode %s, want %s", args[0], got, args[1])
				}
			},
			// filesize FILE SIZE: FILE has SIZE bytes.
			"filesize": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: filesize FILE SIZE")
				}
				st, err := os.Stat(ts.MkAbs(args[0]))
				ts.Check(err)
				if got := fmt.Sprint(st.Size()); (got == args[1]) == neg {
					ts.Fatalf("%s has %s bytes, want %s", args[0], got, args[1])
				}
			},
		},
	})
}
