package cib

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gocrm/cib/xmltree"
)

// mutateTree applies n random edits to the configuration of a CIB tree:
// deletions, attribute changes and removals, sibling swaps, copies of
// elements under fresh ids, and comments.
func mutateTree(rng *rand.Rand, root *xmltree.Node, n int) {
	var conf *xmltree.Node
	for _, c := range root.Children {
		if c.Name == "configuration" {
			conf = c
		}
	}
	if conf == nil {
		return
	}
	type loc struct{ parent, node *xmltree.Node }
	for k := 0; k < n; k++ {
		var all []loc
		var walk func(p *xmltree.Node, depth int)
		walk = func(p *xmltree.Node, depth int) {
			for _, c := range p.Children {
				if c.Kind == xmltree.ElementNode {
					if depth > 0 {
						all = append(all, loc{p, c})
					}
					walk(c, depth+1)
				}
			}
		}
		walk(conf, 0)
		if len(all) == 0 {
			return
		}
		l := all[rng.IntN(len(all))]
		switch rng.IntN(6) {
		case 0: // delete
			for i, c := range l.parent.Children {
				if c == l.node {
					l.parent.Children = append(l.parent.Children[:i], l.parent.Children[i+1:]...)
					break
				}
			}
		case 1: // set an attribute
			names := []string{"description", "score", "value", "x-test"}
			for _, a := range l.node.Attrs {
				if a.Name != "id" {
					names = append(names, a.Name)
				}
			}
			l.node.Set(names[rng.IntN(len(names))], fmt.Sprintf("v%d", rng.IntN(100)))
		case 2: // remove an attribute other than id
			var keep []xmltree.Attr
			dropped := false
			for _, a := range l.node.Attrs {
				if !dropped && a.Name != "id" && rng.IntN(2) == 0 {
					dropped = true
					continue
				}
				keep = append(keep, a)
			}
			l.node.Attrs = keep
		case 3: // swap with a sibling
			ch := l.parent.Children
			if len(ch) > 1 {
				i, j := rng.IntN(len(ch)), rng.IntN(len(ch))
				ch[i], ch[j] = ch[j], ch[i]
			}
		case 4: // copy under fresh ids
			cp := l.node.Clone()
			renameIDs(cp, fmt.Sprintf("-copy%d", k))
			pos := rng.IntN(len(l.parent.Children) + 1)
			l.parent.Children = append(l.parent.Children, nil)
			copy(l.parent.Children[pos+1:], l.parent.Children[pos:])
			l.parent.Children[pos] = cp
		case 5: // comment
			l.node.Children = append([]*xmltree.Node{{Kind: xmltree.CommentNode, Text: fmt.Sprintf(" note %d ", k)}}, l.node.Children...)
		}
	}
}

func renameIDs(n *xmltree.Node, suffix string) {
	for i := range n.Attrs {
		if n.Attrs[i].Name == "id" {
			n.Attrs[i].Value += suffix
		}
	}
	for _, c := range n.Children {
		if c.Kind == xmltree.ElementNode {
			renameIDs(c, suffix)
		}
	}
}

// TestDiffApplyProperty: for random pairs (a scheduler case and a mutation
// of it), Diff(a, b).Apply(a) is Equal to b, on trees and on CIBs, and the
// patch survives the XML round trip.
func TestDiffApplyProperty(t *testing.T) {
	step := 5
	if testing.Short() {
		step = 40
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, f := range schedulerCases(t, step) {
		a := loadCIB(t, f)
		for round := 0; round < 3; round++ {
			tree := ToNode(a).Clone()
			mutateTree(rng, tree, 1+rng.IntN(5))
			b, err := FromNode(tree)
			if err != nil {
				t.Fatalf("%s: mutated tree does not decode: %v", f, err)
			}
			ta, tb := ToNode(a), ToNode(b)
			ops := DiffNodes(ta, tb)
			res, err := ApplyNodes(ta, ops)
			if err != nil {
				t.Fatalf("%s round %d: %v", filepath.Base(f), round, err)
			}
			if !xmltree.Equal(res, tb) {
				t.Fatalf("%s round %d: tree patch result differs:\n%s\nwant\n%s", filepath.Base(f), round, xmltree.Marshal(res), xmltree.Marshal(tb))
			}
			p := Diff(a, b)
			q, err := UnmarshalPatch(MarshalPatch(p))
			if err != nil {
				t.Fatalf("%s: patch XML: %v", filepath.Base(f), err)
			}
			got, err := q.Apply(a)
			if err != nil {
				t.Fatalf("%s round %d: Apply: %v", filepath.Base(f), round, err)
			}
			if !Equal(got, b) {
				t.Fatalf("%s round %d: Diff(a, b).Apply(a) != b", filepath.Base(f), round)
			}
		}
	}
}

// TestApplyConcurrentEdits: two independent edits of the same CIB in
// different objects; the patch of one applies onto the other and keeps
// both.
func TestApplyConcurrentEdits(t *testing.T) {
	for _, f := range schedulerCases(t, 50) {
		base := loadCIB(t, f)
		if len(base.Config.Resources) < 2 {
			continue
		}
		mine, theirs := base.Clone(), base.Clone()
		mine.Config.Resources = mine.Config.Resources[1:] // delete the first resource
		theirsRes := theirs.Config.Resources[len(theirs.Config.Resources)-1]
		theirs.Config.Constraints = append(theirs.Config.Constraints, &Location{ID: "concurrent-ban", Rsc: theirsRes.ResourceID(), Score: "-INFINITY", Node: "nowhere"})
		theirs.Version = theirs.Version.BumpEpoch()
		p := Diff(base, mine)
		got, err := p.Apply(theirs)
		if err != nil {
			if errors.Is(err, ErrConflict) && strings.Contains(err.Error(), "changed meanwhile") {
				continue // the case's constraints refer to the deleted resource
			}
			t.Fatalf("%s: %v", filepath.Base(f), err)
		}
		if got.Version != theirs.Version {
			t.Errorf("%s: version %v, want theirs %v", filepath.Base(f), got.Version, theirs.Version)
		}
		ix := NewIndex(got)
		if _, ok := ix.Lookup("concurrent-ban"); !ok {
			t.Errorf("%s: their constraint was lost", filepath.Base(f))
		}
		if ix.Resource(base.Config.Resources[0].ResourceID()) != nil {
			t.Errorf("%s: my deletion was lost", filepath.Base(f))
		}
	}
}

// TestCrmDiffDifferential applies our patches with Pacemaker's crm_diff
// and checks the result equals ours; it also applies crm_diff's own patch
// with ApplyNodes.
func TestCrmDiffDifferential(t *testing.T) {
	bin, err := exec.LookPath("crm_diff")
	if err != nil {
		t.Skip("skipped: crm_diff is not installed (pacemaker-cli-utils)")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	dir := t.TempDir()
	step := 25
	if testing.Short() {
		step = 100
	}
	checked := 0
	for _, f := range schedulerCases(t, step) {
		a := loadCIB(t, f)
		a.Attrs.Set(AttrFeatureSet, "3.16.2") // crm_diff writes format 2 only for recent feature sets
		tree := ToNode(a).Clone()
		mutateTree(rng, tree, 1+rng.IntN(4))
		b, err := FromNode(tree)
		if err != nil {
			t.Fatal(err)
		}
		b.Version = a.Version.BumpEpoch()
		oldF, newF, patchF := filepath.Join(dir, "old.xml"), filepath.Join(dir, "new.xml"), filepath.Join(dir, "patch.xml")
		writeFile(t, oldF, Marshal(a))
		writeFile(t, newF, Marshal(b))

		// Ours, applied by crm_diff.
		writeFile(t, patchF, MarshalPatch(Diff(a, b)))
		out, err := exec.Command(bin, "-o", oldF, "-p", patchF).Output()
		if err != nil {
			t.Errorf("%s: crm_diff rejected our patch: %v\n%s", filepath.Base(f), err, MarshalPatch(Diff(a, b)))
			continue
		}
		got, err := DecodeBytes(out)
		if err != nil {
			t.Fatalf("%s: crm_diff output: %v", filepath.Base(f), err)
		}
		if !Equal(got, b) {
			t.Errorf("%s: crm_diff applied our patch differently: %s", filepath.Base(f), MarshalPatch(Diff(got, b)))
		}

		// Theirs, applied by us.
		theirs, _ := exec.Command(bin, "-o", oldF, "-n", newF).Output() // exits 1 when they differ
		p, err := UnmarshalPatch(theirs)
		if err != nil {
			t.Errorf("%s: reading crm_diff's patch: %v\n%s", filepath.Base(f), err, theirs)
			continue
		}
		mine, err := p.Apply(a)
		if err != nil {
			t.Errorf("%s: applying crm_diff's patch: %v\n%s", filepath.Base(f), err, theirs)
			continue
		}
		if !Equal(mine, b) {
			writeFile(t, patchF, theirs)
			if out, err := exec.Command(bin, "-o", oldF, "-p", patchF).Output(); err == nil {
				if self, err := DecodeBytes(out); err == nil && !Equal(self, b) {
					t.Logf("%s: crm_diff's own patch does not reproduce the new CIB with crm_diff either (elements without ids); skipped", filepath.Base(f))
					continue
				}
			}
			t.Errorf("%s: crm_diff's patch applied by us differs from new: %s\npatch:\n%s", filepath.Base(f), MarshalPatch(Diff(mine, b)), theirs)
		}
		checked++
	}
	t.Logf("%d cases checked against crm_diff", checked)
}

func BenchmarkDiffApply(b *testing.B) {
	files := schedulerCases(b, 1)
	var big *CIB
	var size int
	for _, f := range files {
		fi, err := os.Stat(f)
		if err == nil && int(fi.Size()) > size {
			size, big = int(fi.Size()), nil
			big = loadCIB(b, f)
		}
	}
	tree := ToNode(big).Clone()
	mutateTree(rand.New(rand.NewPCG(5, 6)), tree, 10)
	other, err := FromNode(tree)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("CIB of %d bytes", size)
	b.Run("Diff", func(b *testing.B) {
		for b.Loop() {
			Diff(big, other)
		}
	})
	p := Diff(big, other)
	b.Run("Apply", func(b *testing.B) {
		for b.Loop() {
			if _, err := p.Apply(big); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestDiffGolden pins the Pacemaker-format patch between
// testdata/diff/old.xml and new.xml (refresh with -update), and the object
// summary, and checks that it applies.
func TestDiffGolden(t *testing.T) {
	a := loadCIB(t, filepath.Join("testdata", "diff", "old.xml"))
	b := loadCIB(t, filepath.Join("testdata", "diff", "new.xml"))
	p := Diff(a, b)
	var out strings.Builder
	out.Write(MarshalPatch(p))
	for _, o := range p.Objects() {
		out.WriteString("<!-- " + o.String() + " -->\n")
	}
	golden := filepath.Join("testdata", "diff", "patch.golden.xml")
	if *update {
		writeFile(t, golden, []byte(out.String()))
	} else if want, err := os.ReadFile(golden); err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	} else if out.String() != string(want) {
		t.Errorf("patch differs from %s:\n%s", golden, out.String())
	}
	got, err := p.Apply(a)
	if err != nil {
		t.Fatal(err)
	}
	if !Equal(got, b) {
		t.Error("the golden patch does not turn old.xml into new.xml")
	}
}
