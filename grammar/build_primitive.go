package grammar

import (
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"gocrm/cib"
	"gocrm/cib/xmltree"
)

// opAttrs are the attributes of <op> in the pacemaker-3.9 schema; other
// name=value items of an op go into its instance_attributes.
var opAttrs = map[string]bool{
	"id": true, "name": true, "interval": true, "description": true,
	"start-delay": true, "interval-origin": true, "timeout": true,
	"enabled": true, "record-pending": true, "role": true, "on-fail": true,
	"requires": false,
}

func (b *Builder) primitive(st *PrimitiveStmt, comments []string) error {
	kind := strings.ToLower(st.Keyword)
	p := &cib.Primitive{ID: st.ID.Value, Extra: commentNodes(comments)}
	old, err := b.checkResourceID(st.ID, kind)
	if err != nil {
		return err
	}
	if st.Agent.Type == TokAt {
		if kind != "primitive" {
			return errorf(st.Agent.Pos, "a template cannot refer to a template; expected [<class>:[<provider>:]]<type>")
		}
		p.Template = st.Agent.Value[1:]
		e := b.rscs[p.Template]
		if e == nil {
			return errorf(st.Agent.Pos, "%s: no such resource template %s", p.ID, p.Template)
		}
		if _, ok := e.r.(*cib.Template); !ok {
			return errorf(st.Agent.Pos, "%s: %s is a %s, not a resource template", p.ID, p.Template, resourceKind(e.r))
		}
	} else if err := b.agent(p, st.Agent); err != nil {
		return err
	}
	if st.Desc.Type != 0 {
		_, p.Description = tokVal(st.Desc)
	}
	if st.Implicit != nil {
		s, err := b.nvset(st.Implicit, st.Implicit.Pos, pairsNormal)
		if err != nil {
			return err
		}
		p.Params = append(p.Params, s)
	}
	for _, part := range st.Parts {
		switch {
		case part.Set != nil:
			s, err := b.nvset(part.Set.Body, part.Set.Pos, pairsNormal)
			if err != nil {
				return err
			}
			switch strings.ToLower(part.Set.Keyword) {
			case "params":
				p.Params = append(p.Params, s)
			case "meta":
				p.Meta = append(p.Meta, s)
			default:
				p.Utilization = append(p.Utilization, s)
			}
		case part.Operations.Type != 0:
			name, v := tokVal(part.Operations)
			if strings.EqualFold(name, "$id-ref") {
				p.Ops.IDRef = b.resolveOpsRef(v)
			} else {
				p.Ops.ID = v
			}
		case part.Op != nil:
			op, err := b.op(part.Op)
			if err != nil {
				return err
			}
			p.Ops.Ops = append(p.Ops.Ops, op)
		}
	}
	var own map[string]bool
	var oldPrim *cib.Primitive
	if old != nil {
		own = ownIDs(old.r)
		oldPrim = asPrimitive(old.r)
	}
	a := b.assigner(st.Pos, own)
	a.explicit(p.ID)
	a.primitive(p, oldPrim)
	if a.err != nil {
		return a.err
	}
	var r cib.Resource = p
	if kind == "rsc_template" {
		r = (*cib.Template)(p)
	}
	b.commitResource(r, old)
	return nil
}

func asPrimitive(r cib.Resource) *cib.Primitive {
	switch r := r.(type) {
	case *cib.Primitive:
		return r
	case *cib.Template:
		return (*cib.Primitive)(r)
	}
	return nil
}

// checkResourceID checks the id of a new resource. In update mode an
// existing resource of the same kind is returned, to be replaced.
func (b *Builder) checkResourceID(t lexer.Token, kind string) (*rscEntry, error) {
	id := t.Value
	if b.opts.Mode == ModeUpdate {
		if e := b.rscs[id]; e != nil {
			if k := resourceKind(e.r); k != kind && !(k == "ms" && kind == "clone" || k == "clone" && kind == "ms") {
				return nil, errorf(t.Pos, "cannot replace %s %s with a %s", k, id, kind)
			}
			return e, nil
		}
	}
	return nil, b.checkNewID(t.Pos, kind, id)
}

// commitResource adds a new resource at the end of the resources, or puts
// it in the place of the one it replaces.
func (b *Builder) commitResource(r cib.Resource, old *rscEntry) {
	b.ids.save(r.ResourceID())
	if old == nil {
		b.c.Config.Resources = append(b.c.Config.Resources, r)
		b.addResource(r, nil)
		return
	}
	b.replaceResource(old, r)
}

// agent sets class, provider and type from [<class>:[<provider>:]]<type>.
func (b *Builder) agent(p *cib.Primitive, t lexer.Token) error {
	parts := strings.Split(t.Value, ":")
	switch len(parts) {
	case 1:
		p.Class, p.Type = "ocf", parts[0]
	case 2:
		p.Class, p.Type = parts[0], parts[1]
	case 3:
		p.Class, p.Provider, p.Type = parts[0], parts[1], parts[2]
	default:
		return errorf(t.Pos, "unknown resource type %q: expected [<class>:[<provider>:]]<type>", t.Value)
	}
	for _, part := range parts {
		if !bare(part) || classify(part) != TokWord {
			return errorf(t.Pos, "bad resource type specification %q", t.Value)
		}
	}
	if p.Class == "ocf" && len(parts) < 3 {
		p.Provider = "heartbeat"
		if b.opts.Provider != nil {
			if pr := b.opts.Provider(p.Type); pr != "" {
				p.Provider = pr
			}
		}
	}
	if p.Class == "ocf" && p.Provider == "" {
		return errorf(t.Pos, "provider could not be determined for %s", t.Value)
	}
	return nil
}

// resolveOpsRef resolves operations $id-ref=<id>: a resource id stands for
// the id of that resource's operations, as in crmsh.
func (b *Builder) resolveOpsRef(ref string) string {
	if e := b.rscs[ref]; e != nil {
		if p := asPrimitive(e.r); p != nil && p.Ops.ID != "" {
			return p.Ops.ID
		}
	}
	return ref
}

// op converts `op <name> <attrs> [op_params ...] [op_meta ...]`: op
// attributes in the schema go on <op> in the order written (interval=0 is
// added at the end when missing, as crmsh does); other pairs become the
// op's instance attributes.
func (b *Builder) op(o *OpSpec) (*cib.Op, error) {
	if err := checkBare(o.Name.Pos, "op name", o.Name.Value); err != nil {
		return nil, err
	}
	op := &cib.Op{Name: o.Name.Value}
	var inst *cib.NVSet
	hasInterval := false
	for _, it := range o.Attrs {
		pair, err := b.nvpair(it.Tok, pairsNormal)
		if err != nil {
			return nil, err
		}
		isIDSpec := it.Tok.Type == TokIDSpec && pair.ID == "id"
		if pair.IDRef == "" && (opAttrs[pair.Name] || isIDSpec) {
			if inst != nil {
				return nil, errorf(it.Tok.Pos, "attribute order error: %s must appear before any instance attribute", pair.Name)
			}
			if pair.NoValue {
				return nil, errorf(it.Tok.Pos, "op attribute %s needs a value", pair.Name)
			}
			switch pair.Name {
			case "id":
				op.ID = pair.Value
				continue
			case "name":
				op.Name = pair.Value
				continue
			case "interval":
				hasInterval = true
			}
			op.Attrs.Set(pair.Name, pair.Value)
			continue
		}
		if inst == nil {
			inst = &cib.NVSet{}
		}
		inst.Pairs = append(inst.Pairs, pair)
	}
	if !hasInterval {
		op.Attrs = append(op.Attrs, xmltree.Attr{Name: "interval", Value: "0"})
	}
	if inst != nil {
		op.Params = append(op.Params, inst)
	}
	for _, set := range o.Sets {
		s, err := b.nvset(set.Body, set.Pos, pairsNormal)
		if err != nil {
			return nil, err
		}
		if strings.EqualFold(set.Keyword, "op_meta") {
			op.Meta = append(op.Meta, s)
		} else {
			op.Params = append(op.Params, s)
		}
	}
	return op, nil
}

// monitor adds `monitor <rsc>[:<role>] <interval>[:<timeout>]` to a
// primitive's operations.
func (b *Builder) monitor(st *MonitorStmt) error {
	rsc, role, err := splitRef(st.Rsc)
	if err != nil {
		return err
	}
	e := b.rscs[rsc]
	if e == nil {
		return errorf(st.Rsc.Pos, "object %s does not exist", rsc)
	}
	p, ok := e.r.(*cib.Primitive)
	if !ok {
		return errorf(st.Rsc.Pos, "%s is not a primitive", rsc)
	}
	op := &cib.Op{Name: "monitor"}
	if role != "" {
		r, ok := canonRole(b.role11(role))
		if !ok {
			return errorf(st.Rsc.Pos, "invalid role '%s' for resource '%s'", role, rsc)
		}
		op.Attrs.Set("role", r)
	}
	interval, timeout, err := splitRef(st.Interval)
	if err != nil {
		return err
	}
	if interval == "" {
		return errorf(st.Interval.Pos, "monitor %s: the interval is missing (monitor <rsc>[:<role>] <interval>[:<timeout>])", rsc)
	}
	op.Attrs.Set("interval", interval)
	if timeout != "" {
		op.Attrs.Set("timeout", timeout)
	}
	for _, x := range p.Ops.Ops {
		if x.Name == "monitor" && sameInterval(x.Interval(), interval) {
			return errorf(st.Pos, "%s already has a monitor op with interval %s", rsc, interval)
		}
	}
	pfx := p.ID
	if p.Ops.ID != "" {
		pfx = p.Ops.ID
	}
	op.ID = b.ids.genOp(pfx, "monitor", interval)
	p.Ops.Ops = append(p.Ops.Ops, op)
	return nil
}

// sameInterval compares intervals as durations ("10" equals "10s").
func sameInterval(a, b string) bool {
	if a == "" {
		a = "0"
	}
	if b == "" {
		b = "0"
	}
	da, err1 := cib.ParseDuration(a)
	db, err2 := cib.ParseDuration(b)
	if err1 != nil || err2 != nil {
		return a == b
	}
	return da == db
}

// splitRef splits <value>[:<value>].
func splitRef(t lexer.Token) (string, string, error) {
	parts := strings.Split(t.Value, ":")
	if len(parts) > 2 {
		return "", "", errorf(t.Pos, "expected <value>[:<value>], found %q", t.Value)
	}
	if len(parts) == 1 {
		return parts[0], "", nil
	}
	return parts[0], parts[1], nil
}
