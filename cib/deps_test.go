package cib

import (
	"go/build"
	"strings"
	"testing"
)

// TestImports keeps cib at the bottom of the dependency graph: it may import
// the standard library and its own subpackages only (see DESIGN.md).
func TestImports(t *testing.T) {
	for _, dir := range []string{".", "xmltree"} {
		pkg, err := build.ImportDir(dir, 0)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		for _, imp := range pkg.Imports {
			first, _, _ := strings.Cut(imp, "/")
			switch {
			case strings.HasPrefix(imp, "gocrm/cib"):
			case imp == "gocrm" || first == "gocrm":
				t.Errorf("%s imports %s: cib must not depend on other gocrm packages", dir, imp)
			case strings.Contains(first, "."):
				t.Errorf("%s imports %s: cib imports the standard library only", dir, imp)
			}
		}
	}
}
