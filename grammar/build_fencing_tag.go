package grammar

import (
	"strconv"

	"gocrm/cib"
)

var (
	targetAttrRe    = lazyRegexp(`(?i)^attr:([\w-]+)=([\w-]+)$`)
	targetPatternRe = lazyRegexp(`(?i)^pattern:(.+)$`)
	targetRe        = lazyRegexp(`^([^:]+):$`)
)

// fencing builds the fencing topology. Levels are numbered per target
// from 1; devices given before any target apply to every node. crmsh
// names the levels fencing, fencing-0, fencing-1, ...
func (b *Builder) fencing(st *FencingStmt) error {
	type raw struct {
		target              string
		attr, value, regexp string
		devices             string
		all                 bool
	}
	var levels []raw
	cur := raw{all: true}
	for _, t := range st.Items {
		v := t.Value
		if err := checkBare(t.Pos, "fencing target or device", v); err != nil {
			return err
		}
		switch m := targetAttrRe().FindStringSubmatch(v); {
		case m != nil:
			cur = raw{attr: m[1], value: m[2]}
		case targetPatternRe().MatchString(v):
			cur = raw{regexp: targetPatternRe().FindStringSubmatch(v)[1]}
		case targetRe().MatchString(v):
			cur = raw{target: targetRe().FindStringSubmatch(v)[1]}
		case t.Type == TokWord || t.Type == TokColon:
			l := cur
			l.devices = v
			levels = append(levels, l)
		default:
			return errorf(t.Pos, "expected <target>:, attr:<name>=<value>, pattern:<regexp> or devices, found %q", v)
		}
	}
	if b.opts.Mode == ModeCreate && b.objs[fencingID] != "" {
		return errorf(st.Pos, "cannot create fencing_topology with ID 'fencing_topology': found existing fencing_topology with same ID")
	}
	var out []*cib.FencingLevel
	index := map[string]int{}
	add := func(key string, l *cib.FencingLevel) {
		index[key]++
		l.Index = strconv.Itoa(index[key])
		out = append(out, l)
	}
	for _, l := range levels {
		switch {
		case l.all:
			// expanded below, node by node
		case l.attr != "":
			add("attr:"+l.attr, &cib.FencingLevel{TargetAttribute: l.attr, TargetValue: l.value, Devices: l.devices})
		case l.regexp != "":
			add("pattern:"+l.regexp, &cib.FencingLevel{TargetPattern: l.regexp, Devices: l.devices})
		default:
			add(l.target, &cib.FencingLevel{Target: l.target, Devices: l.devices})
		}
	}
	if len(levels) > 0 && levels[0].all {
		out = out[:0]
		for _, n := range b.nodeNames() {
			for _, l := range levels {
				add(n, &cib.FencingLevel{Target: n, Devices: l.devices})
			}
		}
	}
	old := b.c.Config.FencingTopology
	a := b.assigner(st.Pos, ownFencingIDs(old))
	for _, l := range out {
		var oid *string
		if o, ok := pick(a, old, "", func(x *cib.FencingLevel) string { return x.ID }, func(x *cib.FencingLevel) bool {
			return x.Target == l.Target && x.Devices == l.Devices
		}); ok {
			oid = &o.ID
		}
		a.id(&l.ID, oid, "fencing", "")
	}
	if a.err != nil {
		return a.err
	}
	b.c.Config.FencingTopology = out
	b.objs[fencingID] = "fencing_topology"
	return nil
}

func ownFencingIDs(ls []*cib.FencingLevel) map[string]bool {
	m := map[string]bool{}
	for _, l := range ls {
		m[l.ID] = true
	}
	return m
}

// nodeNames returns the unames of the nodes, sorted.
func (b *Builder) nodeNames() []string {
	var out []string
	for _, n := range b.c.Config.Nodes {
		out = append(out, n.Uname)
	}
	sortStrings(out)
	return out
}

var tagIDRe = lazyRegexp(`^([a-zA-Z_][^\s:]*):?$`)

func (b *Builder) tag(st *TagStmt, comments []string) error {
	m := tagIDRe().FindStringSubmatch(st.ID.Value)
	if m == nil {
		return errorf(st.ID.Pos, "expected tag name, found %q", st.ID.Value)
	}
	t := &cib.Tag{ID: m[1], Extra: commentNodes(comments)}
	var old *cib.Tag
	if b.opts.Mode == ModeUpdate && b.objs[t.ID] == "tag" {
		for _, x := range b.c.Config.Tags {
			if x.ID == t.ID {
				old = x
			}
		}
	}
	if old == nil {
		if err := b.checkNewID(st.ID.Pos, "tag", t.ID); err != nil {
			return err
		}
	}
	for _, r := range st.Refs {
		if !rscRe().MatchString(r.Value) {
			return errorf(r.Pos, "expected resource, found %q", r.Value)
		}
		if b.rscs[r.Value] == nil && b.objs[r.Value] == "" && b.findNode(r.Value) == nil {
			return errorf(r.Pos, "tag %s refers to missing object %s", t.ID, r.Value)
		}
		t.Refs = append(t.Refs, r.Value)
	}
	b.ids.save(t.ID)
	b.objs[t.ID] = "tag"
	if old != nil {
		for i, x := range b.c.Config.Tags {
			if x == old {
				b.c.Config.Tags[i] = t
			}
		}
		return nil
	}
	b.c.Config.Tags = append(b.c.Config.Tags, t)
	return nil
}
