package shell

import (
	"errors"
	"strings"
	"testing"

	"gocrm/cib"
)

func TestMergeChanges(t *testing.T) {
	base := cibFrom(t, "primitive a Dummy\nproperty cluster-name=x no-quorum-policy=stop\n")
	mine := base.Clone()
	theirs := base.Clone()
	apply := func(c *cib.CIB, text string) {
		t.Helper()
		add := cibFrom(t, text)
		c.Config.Resources = append(c.Config.Resources, add.Config.Resources...)
	}
	apply(mine, "primitive b Dummy\n")
	apply(theirs, "primitive c Dummy\n")
	theirs.Version = theirs.Version.BumpEpoch()
	merged, err := mergeChanges(base, mine, theirs)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(merged); got != "property:cib-bootstrap-options primitive:a primitive:b primitive:c" {
		t.Errorf("merged objects: %s", got)
	}
	if merged.Version != theirs.Version {
		t.Errorf("merge changed the version: %s, want %s", merged.Version, theirs.Version)
	}

	// The same value changed both ways conflicts.
	mine, theirs = base.Clone(), base.Clone()
	mine.Config.CRMConfig[0].Pairs[1].Value = "freeze"
	theirs.Config.CRMConfig[0].Pairs[1].Value = "ignore"
	if _, err := mergeChanges(base, mine, theirs); !errors.Is(err, cib.ErrConflict) {
		t.Errorf("conflicting changes merged: %v", err)
	}
}

func TestUnifiedDiff(t *testing.T) {
	if d := unifiedDiff("a", "b", "x\n", "x\n"); d != "" {
		t.Errorf("diff of equal texts: %q", d)
	}
	a := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"
	b := "1\n2\n3\n4\n5\nsix\n7\n8\n9\n10\n"
	want := "--- a\n+++ b\n@@ ...\n 3\n 4\n 5\n-6\n+six\n 7\n 8\n 9\n"
	if d := unifiedDiff("a", "b", a, b); d != want {
		t.Errorf("diff:\n%s\nwant:\n%s", d, want)
	}
	if d := unifiedDiff("a", "b", "x", "y"); !strings.Contains(d, "no newline at end") {
		t.Errorf("missing final newline not marked: %q", d)
	}
}
