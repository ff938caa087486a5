package shell

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"gocrm/cib"
	"gocrm/grammar"
)

// cibFrom builds a CIB from crm text.
func cibFrom(t *testing.T, text string) *cib.CIB {
	t.Helper()
	script, err := grammar.ParseString("test", text)
	if err != nil {
		t.Fatal(err)
	}
	c := cib.Empty()
	if err := grammar.Apply(c, script.Statements, grammar.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	return c
}

const objectsText = `node alice
node bob
primitive a Dummy
primitive b Dummy
primitive c Dummy
primitive d Dummy
group g a b
clone cl c
location l1 g 100: alice
colocation col1 inf: c g
order o1 Mandatory: cl g
colocation set1 inf: ( a d )
tag t1 a d
`

func ids(c *cib.CIB) string {
	var out []string
	for _, o := range listObjects(c) {
		out = append(out, o.Kind+":"+o.ID)
	}
	return strings.Join(out, " ")
}

func TestRemoveObject(t *testing.T) {
	for _, tc := range []struct {
		remove []string
		want   string
	}{
		// A group's members stay, at the top, where the group was.
		{[]string{"g"}, "node:alice node:bob primitive:d primitive:a primitive:b clone:cl primitive:c location:l1 colocation:col1 order:o1 colocation:set1 tag:t1"},
		// A member leaves its group; the last one takes the group along.
		{[]string{"a"}, "node:alice node:bob primitive:d group:g primitive:b clone:cl primitive:c location:l1 colocation:col1 order:o1 colocation:set1 tag:t1"},
		{[]string{"a", "b"}, "node:alice node:bob primitive:d clone:cl primitive:c location:l1 colocation:col1 order:o1 colocation:set1 tag:t1"},
		// A clone's only child takes the clone along.
		{[]string{"c"}, "node:alice node:bob primitive:d group:g primitive:a primitive:b location:l1 colocation:col1 order:o1 colocation:set1 tag:t1"},
		{[]string{"bob", "l1", "t1"}, "node:alice primitive:d group:g primitive:a primitive:b clone:cl primitive:c colocation:col1 order:o1 colocation:set1"},
	} {
		c := cibFrom(t, objectsText)
		for _, id := range tc.remove {
			if !removeObject(c, id) {
				t.Errorf("remove %s: not found", id)
			}
		}
		if got := ids(c); got != tc.want {
			t.Errorf("after removing %v:\n got %s\nwant %s", tc.remove, got, tc.want)
		}
	}
	if removeObject(cibFrom(t, objectsText), "nosuch") {
		t.Error("removed a missing object")
	}
}

func TestRemoveReferences(t *testing.T) {
	c := cibFrom(t, objectsText)
	removeObject(c, "g")
	gone := removeReferences(c, "g")
	if fmt.Sprint(gone) != "[l1 col1 o1]" {
		t.Errorf("constraints removed with g: %v", gone)
	}
	removeObject(c, "a")
	removeReferences(c, "a")
	text := showCIB(c)
	if !strings.Contains(text, "colocation set1 inf: ( d )") && !strings.Contains(text, "colocation set1 inf: d") {
		t.Errorf("a is still in the set or the set went:\n%s", text)
	}
	if !strings.Contains(text, "tag t1 d") {
		t.Errorf("tag t1 still refers to a:\n%s", text)
	}
	removeObject(c, "d")
	removeReferences(c, "d")
	if text := showCIB(c); strings.Contains(text, "set1") || strings.Contains(text, "t1") {
		t.Errorf("empty set constraint or tag kept:\n%s", text)
	}
}

func TestRenameObject(t *testing.T) {
	c := cibFrom(t, objectsText)
	if !renameObject(c, "g", "grp") || !renameObject(c, "a", "alpha") || !renameObject(c, "bob", "robert") {
		t.Fatal("rename failed")
	}
	text := showCIB(c)
	for _, want := range []string{"group grp alpha b", "location l1 grp 100: alice", "colocation col1 inf: c grp",
		"order o1 Mandatory: cl grp", "( alpha d )", "tag t1 alpha d", "node robert"} {
		if !strings.Contains(text, want) {
			t.Errorf("after rename, no %q in:\n%s", want, text)
		}
	}
	if renameObject(c, "nosuch", "x") {
		t.Error("renamed a missing object")
	}
}

func TestResourceRunning(t *testing.T) {
	data, err := os.ReadFile(exampleCIB(t))
	if err != nil {
		t.Fatal(err)
	}
	c, err := decodeCIB(data)
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]bool{"vip": true, "ping": true, "fence-ipmi": true, "web-group": false, "nosuch": false} {
		if got := resourceRunning(c, id); got != want {
			t.Errorf("resourceRunning(%s) = %v", id, got)
		}
	}
}
