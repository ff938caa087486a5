package cib

import (
	"errors"
	"strings"
	"testing"

	"gocrm/cib/xmltree"
)

func mustParse(t testing.TB, s string) *xmltree.Node {
	t.Helper()
	n, err := xmltree.Parse([]byte(s))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, s)
	}
	return n
}

const diffOld = `<cib admin_epoch="0" epoch="1" num_updates="0">
  <configuration>
    <crm_config/>
    <nodes/>
    <resources>
      <primitive id="a" class="ocf" provider="pacemaker" type="Dummy"/>
      <primitive id="b" class="ocf" provider="pacemaker" type="Dummy">
        <!--hello-->
        <meta_attributes id="b-m"><nvpair id="b-m-1" name="target-role" value="Stopped"/></meta_attributes>
      </primitive>
      <primitive id="c" class="ocf" provider="pacemaker" type="Dummy"/>
      <group id="g"><primitive id="g1" class="ocf" provider="pacemaker" type="Dummy"/><primitive id="g2" class="ocf" provider="pacemaker" type="Dummy"/></group>
    </resources>
    <constraints/>
  </configuration>
  <status/>
</cib>`

const diffNew = `<cib admin_epoch="0" epoch="2" num_updates="0">
  <configuration>
    <crm_config><cluster_property_set id="cib-bootstrap-options"><nvpair id="o1" name="stonith-enabled" value="false"/></cluster_property_set></crm_config>
    <nodes/>
    <resources>
      <primitive id="c" class="ocf" provider="pacemaker" type="Dummy"/>
      <primitive id="b" class="ocf" type="Dummy" description="x">
        <meta_attributes id="b-m"><nvpair id="b-m-1" name="target-role" value="Started"/></meta_attributes>
      </primitive>
      <group id="g"><primitive id="g2" class="ocf" provider="pacemaker" type="Dummy"/><primitive id="g1" class="ocf" provider="pacemaker" type="Dummy"/></group>
      <primitive id="d" class="ocf" provider="pacemaker" type="Dummy"><!--new--></primitive>
    </resources>
    <constraints><rsc_order id="o" first="c" then="d"/></constraints>
  </configuration>
  <status/>
</cib>`

func TestDiffNodes(t *testing.T) {
	a, b := mustParse(t, diffOld), mustParse(t, diffNew)
	ops := DiffNodes(a, b)
	var got []string
	for _, op := range ops {
		s := op.Kind.String() + " " + op.Path
		if op.Kind == OpCreate || op.Kind == OpMove {
			s += " @" + string(rune('0'+op.Position))
		}
		for _, ch := range op.Attrs {
			if ch.Removed {
				s += " -" + ch.Name
			} else {
				s += " " + ch.Name + "=" + ch.New
			}
		}
		got = append(got, s)
	}
	want := []string{
		"delete /cib/configuration/resources/primitive[@id='a']",
		"delete /cib/configuration/resources/primitive[@id='b']/comment",
		"modify /cib epoch=2",
		"create /cib/configuration/crm_config @0",
		"move /cib/configuration/resources/primitive[@id='c'] @0",
		"create /cib/configuration/resources @3",
		"modify /cib/configuration/resources/primitive[@id='b'] description=x -provider",
		"modify /cib/configuration/resources/primitive[@id='b']/meta_attributes[@id='b-m']/nvpair[@id='b-m-1'] value=Started",
		"move /cib/configuration/resources/group[@id='g']/primitive[@id='g2'] @0",
		"create /cib/configuration/constraints @0",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("ops:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	res, err := ApplyNodes(a, ops)
	if err != nil {
		t.Fatal(err)
	}
	if !xmltree.Equal(res, b) {
		t.Errorf("applied:\n%s\nwant:\n%s", xmltree.Marshal(res), xmltree.Marshal(b))
	}
	if !xmltree.Equal(a, mustParse(t, diffOld)) {
		t.Error("ApplyNodes modified its input")
	}
	if ops := DiffNodes(a, a.Clone()); len(ops) != 0 {
		t.Errorf("diff of equal trees: %v", ops)
	}
}

func TestPatchObjects(t *testing.T) {
	a, b := mustParse(t, diffOld), mustParse(t, diffNew)
	p := &Patch{Ops: DiffNodes(a, b)}
	var got []string
	for _, o := range p.Objects() {
		got = append(got, o.String())
	}
	joined := strings.Join(got, "|")
	for _, w := range []string{"removed primitive a", "changed primitive b", "added primitive d", "changed group g", "added order o", "added property cib-bootstrap-options"} {
		if !strings.Contains(joined, w) {
			t.Errorf("Objects() = %s; missing %q", joined, w)
		}
	}
	if strings.Contains(joined, "primitive g1") || strings.Contains(joined, "primitive g2") {
		t.Errorf("reordering group members changed the members: %s", joined)
	}
}

func TestApplyConflicts(t *testing.T) {
	a, b := mustParse(t, diffOld), mustParse(t, diffNew)
	ops := DiffNodes(a, b)

	// Someone else changed b's provider and deleted c meanwhile, and set
	// a's target-role: three conflicts (modify old value, move target, delete of a changed subtree).
	other := a.Clone()
	res := other.Children[0].Children[2] // resources
	res.Children[1].Set("provider", "heartbeat")
	res.Children = append(res.Children[:2], res.Children[3:]...) // drop c
	res.Children[0].Children = []*xmltree.Node{{Name: "meta_attributes", Attrs: []xmltree.Attr{{Name: "id", Value: "a-m"}}}}
	_, err := ApplyNodes(other, ops)
	var ce *ConflictError
	if !errors.As(err, &ce) || !errors.Is(err, ErrConflict) {
		t.Fatalf("err = %v, want a ConflictError", err)
	}
	paths := []string{}
	for _, c := range ce.Conflicts {
		paths = append(paths, c.Path+": "+c.Reason)
	}
	for _, w := range []string{
		"/cib/configuration/resources/primitive[@id='a']: was changed meanwhile",
		`/cib/configuration/resources/primitive[@id='b']: attribute provider is "heartbeat", the patch expects "pacemaker"`,
		"/cib/configuration/resources/primitive[@id='c']: does not exist",
	} {
		if !strings.Contains(strings.Join(paths, "\n"), w) {
			t.Errorf("conflicts:\n%s\nmissing %q", strings.Join(paths, "\n"), w)
		}
	}

	// Non-overlapping concurrent changes apply cleanly and are kept.
	other = a.Clone()
	other.Children[0].Children[3] = mustParse(t, `<constraints><rsc_location id="keep" rsc="c" node="n1" score="5"/></constraints>`)
	other.Children[0].Children[2].Children[2].Set("description", "theirs")
	other.Set("epoch", "7")
	got, err := ApplyNodes(other, ops)
	if err != nil {
		t.Fatalf("non-overlapping changes conflict: %v", err)
	}
	out := string(xmltree.Marshal(got))
	for _, w := range []string{`id="keep"`, `description="theirs"`, `<rsc_order id="o"`, `id="d"`} {
		if !strings.Contains(out, w) {
			t.Errorf("result lacks %s:\n%s", w, out)
		}
	}

	// Applying twice is harmless: every change is already made.
	again, err := ApplyNodes(b, ops)
	if err != nil {
		t.Fatalf("re-applying a patch: %v", err)
	}
	if !xmltree.Equal(again, b) {
		t.Errorf("re-applying changed the tree:\n%s", xmltree.Marshal(again))
	}
}

func TestPatchXMLRoundTrip(t *testing.T) {
	a, b := mustParse(t, diffOld), mustParse(t, diffNew)
	p := &Patch{Source: Version{0, 1, 0}, Target: Version{0, 2, 0}, Ops: DiffNodes(a, b)}
	data := MarshalPatch(p)
	q, err := UnmarshalPatch(data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if q.Source != p.Source || q.Target != p.Target || len(q.Ops) != len(p.Ops) {
		t.Fatalf("round trip: %+v", q)
	}
	res, err := ApplyNodes(a, q.Ops)
	if err != nil {
		t.Fatal(err)
	}
	if !xmltree.Equal(res, b) {
		t.Errorf("applied decoded patch:\n%s", xmltree.Marshal(res))
	}
	for _, bad := range []string{
		`<diff format="1"/>`,
		`<patch/>`,
		`<diff format="2"><change operation="explode" path="/cib"/></diff>`,
		`<diff format="2"><change operation="create" path="/cib" position="0"/></diff>`,
		`<diff format="2"><change operation="move" path="cib" position="0"/></diff>`,
		`<diff format="2"><change operation="move" path="/cib/x[@id=y]" position="0"/></diff>`,
		`<diff format="2"><version><source epoch="x"/></version></diff>`,
	} {
		if _, err := UnmarshalPatch([]byte(bad)); !errors.Is(err, ErrBadPatch) {
			t.Errorf("UnmarshalPatch(%s) = %v, want ErrBadPatch", bad, err)
		}
	}
}

func TestPositionalPaths(t *testing.T) {
	a := mustParse(t, `<cib><x><item v="1"/><item v="2"/><item v="3"/></x></cib>`)
	b := mustParse(t, `<cib><x><item v="1"/><item v="3" w="1"/></x></cib>`)
	ops := DiffNodes(a, b)
	res, err := ApplyNodes(a, ops)
	if err != nil {
		t.Fatal(err)
	}
	if !xmltree.Equal(res, b) {
		t.Errorf("got %s", xmltree.Marshal(res))
	}
}

func FuzzPatchXML(f *testing.F) {
	f.Add(MarshalPatch(&Patch{Ops: DiffNodes(mustParse(f, diffOld), mustParse(f, diffNew))}))
	f.Add([]byte(`<diff format="2"><change operation="delete" path="/cib/a[2]/comment" position="3"/></diff>`))
	base := mustParse(f, diffOld)
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := UnmarshalPatch(data)
		if err != nil {
			if !errors.Is(err, ErrBadPatch) {
				t.Fatalf("error %v does not wrap ErrBadPatch", err)
			}
			return
		}
		before := base.Clone()
		_, err = ApplyNodes(base, p.Ops)
		if err != nil && !errors.Is(err, ErrConflict) && !errors.Is(err, ErrBadPatch) {
			t.Fatalf("apply error %v is neither a conflict nor a bad patch", err)
		}
		if !xmltree.Equal(before, base) {
			t.Fatal("ApplyNodes modified its input")
		}
	})
}

func TestPatchObjectsNested(t *testing.T) {
	a := mustParse(t, `<cib><configuration><resources/><constraints/></configuration></cib>`)
	b := mustParse(t, `<cib><configuration><resources><clone id="cl"><group id="g"><primitive id="p1"/><primitive id="p2"/></group></clone></resources><constraints/></configuration></cib>`)
	var got []string
	for _, o := range (&Patch{Ops: DiffNodes(a, b)}).Objects() {
		got = append(got, o.String())
	}
	if strings.Join(got, ",") != "added clone cl,added group g,added primitive p1,added primitive p2" {
		t.Errorf("Objects() = %v", got)
	}
	got = nil
	for _, o := range (&Patch{Ops: DiffNodes(b, a)}).Objects() {
		got = append(got, o.String())
	}
	if strings.Join(got, ",") != "removed clone cl,removed group g,removed primitive p1,removed primitive p2" {
		t.Errorf("Objects() reversed = %v", got)
	}
}
