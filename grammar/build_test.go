package grammar

import (
	"errors"
	"strings"
	"testing"

	"gocrm/cib"
)

// apply builds src on top of a CIB built from base and returns the
// printed result.
func applyOn(t *testing.T, base, src string, opts ApplyOptions) (*cib.CIB, error) {
	t.Helper()
	c := build(t, "base.crm", base)
	s, err := ParseString("t.crm", src)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	if opts.Provider == nil {
		opts.Provider = testProvider
	}
	return c, Apply(c, s.Statements, opts)
}

func TestBuildSemantics(t *testing.T) {
	tests := []struct {
		name, base, src, want string
		mode                  Mode
	}{{
		name: "generated ids avoid ids already in the CIB",
		base: "primitive vip Dummy\nlocation l2-rule vip 100: n1\n",
		src:  "location l2 vip rule 50: #uname eq n1",
		want: "rule l2-rule-0 expression l2-rule-0-expression",
	}, {
		name: "node statement adds to an existing node",
		base: "node n1 attributes a=1\n",
		src:  "node n1 description=ignored attributes a=2 b=3 utilization cpu=1",
		want: "node n1 \\\n\tattributes a=2 b=3 \\\n\tutilization cpu=1",
	}, {
		name: "property merges into the set and names new pairs after it",
		base: "property stonith-enabled=true\n",
		src:  "property stonith-enabled=false maintenance-mode=true",
		want: "property cib-bootstrap-options: \\\n\tstonith-enabled=false \\\n\tmaintenance-mode=true",
	}, {
		name: "a container takes over its children's constraints; silly ones go",
		base: "primitive a Dummy\nprimitive b Dummy\nlocation la a 100: n1\ncolocation cab inf: a b\n",
		src:  "group g a b",
		want: "location la g 100: n1",
	}, {
		name: "order score is a kind",
		src:  "primitive a Dummy\nprimitive b Dummy\norder o1 0: a b\norder o2 -inf: a b",
		want: "order o1 Optional: a b\norder o2 Mandatory: a b",
	}, {
		name: "update mode replaces and keeps matching ids",
		base: "primitive p Dummy params $id=pp a=1 op monitor interval=10s\n",
		src:  "primitive p Dummy params a=2 b=3 op monitor interval=10s timeout=5s",
		mode: ModeUpdate,
		want: "pp pp-a pp-b p-monitor-10s",
	}, {
		name: "update mode gives a dropped group child back to the top level",
		base: "primitive a Dummy\nprimitive b Dummy\ngroup g a b\n",
		src:  "group g a",
		mode: ModeUpdate,
		want: "resources g b",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := applyOn(t, tt.base, tt.src, ApplyOptions{Mode: tt.mode})
			if err != nil {
				t.Fatal(err)
			}
			got := Show(c)
			switch {
			case strings.HasPrefix(tt.want, "rule "):
				f := strings.Fields(tt.want)
				l := c.Config.Constraints[len(c.Config.Constraints)-1].(*cib.Location)
				r := l.Rules[0]
				if r.ID != f[1] || r.Exprs[0].(*cib.Expression).ID != f[3] {
					t.Errorf("ids %s %s, want %v", r.ID, r.Exprs[0].(*cib.Expression).ID, f)
				}
			case strings.HasPrefix(tt.want, "pp "):
				p := c.Config.Resources[0].(*cib.Primitive)
				f := strings.Fields(tt.want)
				got := []string{p.Params[0].ID, p.Params[0].Pairs[0].ID, p.Params[0].Pairs[1].ID, p.Ops.Ops[0].ID}
				if strings.Join(got, " ") != strings.Join(f, " ") {
					t.Errorf("ids %v, want %v", got, f)
				}
			case strings.HasPrefix(tt.want, "resources "):
				var ids []string
				for _, r := range c.Config.Resources {
					ids = append(ids, r.ResourceID())
				}
				if strings.Join(ids, " ") != strings.TrimPrefix(tt.want, "resources ") {
					t.Errorf("resources %v, want %s", ids, tt.want)
				}
			default:
				if !strings.Contains(got, tt.want+"\n") {
					t.Errorf("want %q in:\n%s", tt.want, got)
				}
			}
		})
	}
}

func TestSillyConstraintRemoved(t *testing.T) {
	c, err := applyOn(t, "primitive a Dummy\nprimitive b Dummy\ncolocation cab inf: a b\n", "group g a b", ApplyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Config.Constraints) != 0 {
		t.Errorf("colocation of g with itself kept: %v", Show(c))
	}
}

func TestApplyIsAllOrNothing(t *testing.T) {
	base := "primitive a Dummy\n"
	c0 := build(t, "base.crm", base)
	c, err := applyOn(t, base, "primitive b Dummy\nprimitive c Dummy params $id=a-x x=1 meta $id=a-x y=2", ApplyOptions{})
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(e.Error(), "t.crm:2:1: id a-x is already in use") {
		t.Fatalf("err = %v", err)
	}
	if Show(c) != Show(c0) {
		t.Errorf("failed Apply changed the CIB:\n%s", Show(c))
	}
}

func TestBuilderRollsBackIDs(t *testing.T) {
	c := cib.Empty()
	b := NewBuilder(c, ApplyOptions{})
	for _, src := range []string{
		"primitive p Dummy params a=1 op monitor interval=10s badattr=1 timeout=2", // fails after ids were generated
		"primitive p Dummy params a=1",
	} {
		st, err := ParseStatement("", src)
		if err != nil {
			t.Fatal(err)
		}
		_ = b.Apply(st)
	}
	p := c.Config.Resources[0].(*cib.Primitive)
	if p.Params[0].ID != "p-instance_attributes" || p.Params[0].Pairs[0].ID != "p-instance_attributes-a" {
		t.Errorf("ids after a failed statement: %s %s", p.Params[0].ID, p.Params[0].Pairs[0].ID)
	}
}

func TestProviderOption(t *testing.T) {
	c := cib.Empty()
	s, err := ParseString("", "primitive s Stateful\nprimitive d ocf:Dummy\nprimitive l lsb:cron\n")
	if err != nil {
		t.Fatal(err)
	}
	if err := Apply(c, s.Statements, ApplyOptions{Provider: testProvider}); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range c.Config.Resources {
		p := r.(*cib.Primitive)
		got = append(got, p.Class+":"+p.Provider+":"+p.Type)
	}
	if want := "ocf:pacemaker:Stateful ocf:heartbeat:Dummy lsb::cron"; strings.Join(got, " ") != want {
		t.Errorf("agents %v, want %s", got, want)
	}
}

func TestLegacyRoles(t *testing.T) {
	c := cib.Empty()
	c.Attrs.Set(cib.AttrValidateWith, "pacemaker-3.0")
	s, err := ParseString("", "primitive p Dummy meta target-role=Promoted\nprimitive q Dummy\ncolocation c inf: p:Promoted q:Unpromoted\n")
	if err != nil {
		t.Fatal(err)
	}
	if err := Apply(c, s.Statements, ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	out := Show(c)
	for _, want := range []string{"target-role=Master", "colocation c inf: p:Master q:Slave"} {
		if !strings.Contains(out, want) {
			t.Errorf("want %q in\n%s", want, out)
		}
	}
}

func TestLegacyUser(t *testing.T) {
	c := cib.Empty()
	c.Attrs.Set(cib.AttrValidateWith, "pacemaker-1.2")
	src := "user alice \\\n\trole:admins \\\n\tread cib \\\n\twrite ref:vip\n"
	s, err := ParseString("", src)
	if err != nil {
		t.Fatal(err)
	}
	if err := Apply(c, s.Statements, ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := Show(c); got != src {
		t.Errorf("legacy user:\n got %q\nwant %q", got, src)
	}
	x := string(cib.Marshal(c))
	for _, want := range []string{`<acl_user id="alice">`, `<role_ref id="admins"/>`, `<read id="alice-read" xpath="/cib"/>`, `<write id="alice-write" ref="vip"/>`} {
		if !strings.Contains(x, want) {
			t.Errorf("want %s in\n%s", want, x)
		}
	}
}
