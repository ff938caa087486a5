package proto

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The protocol core and the quorum rules are pure state machines (see
// DESIGN.md): no network, files, processes, clock, global randomness or
// goroutines. The run loop and the simulator provide all of those.
var pureDirs = []string{".", "../quorum"}

var forbiddenImports = map[string]string{
	"net":           "sockets belong in the run loop (package transport)",
	"os":            "files belong in the run loop",
	"os/exec":       "processes belong in the run loop",
	"syscall":       "system calls belong in the run loop",
	"log":           "the core reports through events and Config.Trace",
	"math/rand":     "use the seeded *rand.Rand from Config",
	"crypto/rand":   "nonces come from counters; keys from the authkey",
	"time/tzdata":   "time is an input",
	"net/http":      "sockets belong in the run loop",
	"unsafe":        "no need",
	"runtime":       "no need",
	"os/signal":     "signals belong in the run loop",
	"io/ioutil":     "files belong in the run loop",
	"path/filepath": "files belong in the run loop",
}

// Functions of package time that read or wait on the clock.
var forbiddenTime = map[string]bool{
	"Now": true, "Since": true, "Until": true, "Sleep": true, "After": true,
	"AfterFunc": true, "NewTimer": true, "NewTicker": true, "Tick": true,
}

func TestPureCore(t *testing.T) {
	fset := token.NewFileSet()
	for _, dir := range pureDirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			timeName := ""
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if why, bad := forbiddenImports[path]; bad {
					t.Errorf("%s imports %s: %s", file, path, why)
				}
				if path == "time" {
					timeName = "time"
					if imp.Name != nil {
						timeName = imp.Name.Name
					}
				}
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.GoStmt:
					t.Errorf("%s: go statement: the core runs no goroutines", fset.Position(n.Pos()))
				case *ast.SelectorExpr:
					if x, ok := n.X.(*ast.Ident); ok && timeName != "" && x.Name == timeName && forbiddenTime[n.Sel.Name] {
						t.Errorf("%s: time.%s: time is an input (Receive, Tick)", fset.Position(n.Pos()), n.Sel.Name)
					}
				case *ast.ChanType:
					t.Errorf("%s: channel type: the core does not synchronize", fset.Position(n.Pos()))
				}
				return true
			})
		}
	}
}

// TestNoNetworkDependency checks the packages the core pulls in, through
// every import: the network stack is not among them.
func TestNoNetworkDependency(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not found:", err)
	}
	for _, pkg := range []string{"gocrm/transport/proto", "gocrm/transport/quorum"} {
		out, err := exec.Command(gobin, "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if dep == "net" || strings.HasPrefix(dep, "net/") || dep == "os/exec" {
				t.Errorf("%s depends on %s", pkg, dep)
			}
		}
	}
}
