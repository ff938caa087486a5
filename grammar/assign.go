package grammar

import (
	"github.com/alecthomas/participle/v2/lexer"

	"gocrm/cib"
)

// assigner gives ids to the nested elements of a new object the way
// crmsh's fix_node_ids does: walking the object in document order, an
// element keeps the id written in the statement, else takes the id of the
// matching element of the object it replaces (update mode, so that an
// edit does not renumber everything), else gets a generated one
// (<parent id>-<kind>, made unique).
type assigner struct {
	ids *idStore
	// own holds the ids of the object being replaced: those may be
	// written explicitly again or harvested.
	own map[string]bool
	// taken marks old elements whose id was harvested.
	taken map[any]bool
	pos   lexer.Position
	err   error
}

func (b *Builder) assigner(pos lexer.Position, own map[string]bool) *assigner {
	return &assigner{ids: b.ids, own: own, pos: pos}
}

// explicit records an id written in the statement.
func (a *assigner) explicit(id string) {
	if a.err != nil || id == "" {
		return
	}
	if a.ids.has(id) && !a.own[id] {
		a.err = errorf(a.pos, "id %s is already in use", id)
		return
	}
	a.ids.save(id)
}

// id fills *id: kept if set, else harvested from old (an old element's id
// pointer, nil when there is no match), else generated.
func (a *assigner) id(id *string, old *string, prefix, suffix string) {
	switch {
	case *id != "":
		a.explicit(*id)
	case old != nil && *old != "":
		*id = *old
		a.ids.save(*id)
	default:
		*id = a.ids.gen(prefix, suffix)
	}
}

func (a *assigner) take(obj any) {
	if a.taken == nil {
		a.taken = make(map[any]bool)
	}
	a.taken[obj] = true
}

// pick returns the first old element not taken yet that matches (and has
// the same id when the new element has one), and marks it taken.
func pick[T comparable](a *assigner, olds []T, newID string, idOf func(T) string, match func(T) bool) (T, bool) {
	var zero T
	for _, o := range olds {
		if a.taken[o] {
			continue
		}
		if newID != "" && idOf(o) != newID {
			continue
		}
		if match == nil || match(o) {
			a.take(o)
			return o, true
		}
	}
	return zero, false
}

// sets assigns ids to attribute sets of one kind; olds are the sets of the
// same kind in the replaced object.
func (a *assigner) sets(sets, olds []*cib.NVSet, prefix, suffix string) {
	for _, s := range sets {
		var old *cib.NVSet
		if s.IDRef == "" {
			old, _ = pick(a, olds, s.ID, func(o *cib.NVSet) string { return o.ID }, nil)
		}
		a.set(s, old, prefix, suffix)
	}
}

func (a *assigner) set(s, old *cib.NVSet, prefix, suffix string) {
	if s.IDRef != "" {
		return
	}
	var oldID *string
	if old != nil {
		oldID = &old.ID
	}
	a.id(&s.ID, oldID, prefix, suffix)
	var oldRules []*cib.Rule
	var oldPairs []*cib.NVPair
	if old != nil {
		oldRules, oldPairs = old.Rules, old.Pairs
	}
	a.rules(s.Rules, oldRules, s.ID)
	for _, p := range s.Pairs {
		if p.IDRef != "" {
			continue
		}
		o, ok := pick(a, oldPairs, p.ID, func(o *cib.NVPair) string { return o.ID },
			func(o *cib.NVPair) bool { return o.Name == p.Name })
		oldID = nil
		if ok {
			oldID = &o.ID
		}
		if p.ID == "" && oldID == nil {
			p.ID = a.ids.gen(s.ID, p.Name)
			continue
		}
		a.id(&p.ID, oldID, s.ID, p.Name)
	}
}

func (a *assigner) rules(rules, olds []*cib.Rule, prefix string) {
	for _, r := range rules {
		if r.IDRef != "" {
			continue
		}
		old, _ := pick(a, olds, r.ID, func(o *cib.Rule) string { return o.ID }, func(o *cib.Rule) bool {
			return o.Score == r.Score && o.ScoreAttribute == r.ScoreAttribute && o.Role == r.Role
		})
		a.rule(r, old, prefix)
	}
}

func (a *assigner) rule(r, old *cib.Rule, prefix string) {
	var oldID *string
	var oldExprs []cib.Expr
	if old != nil {
		oldID, oldExprs = &old.ID, old.Exprs
	}
	a.id(&r.ID, oldID, prefix, sfxRule)
	for _, e := range r.Exprs {
		switch e := e.(type) {
		case *cib.Expression:
			if e.IDRef != "" {
				continue
			}
			o, ok := pick(a, oldExprs, e.ID, exprID, func(o cib.Expr) bool {
				x, ok := o.(*cib.Expression)
				return ok && x.Attribute == e.Attribute && x.Operation == e.Operation && x.Value == e.Value
			})
			a.id(&e.ID, exprOldID(o, ok), r.ID, sfxExpr)
		case *cib.DateExpression:
			o, ok := pick(a, oldExprs, e.ID, exprID, func(o cib.Expr) bool {
				_, ok := o.(*cib.DateExpression)
				return ok
			})
			a.id(&e.ID, exprOldID(o, ok), r.ID, sfxExpr)
			var od *cib.DateExpression
			if ok {
				od = o.(*cib.DateExpression)
			}
			if e.Spec != nil {
				var oid *string
				if od != nil && od.Spec != nil {
					oid = &od.Spec.ID
				}
				a.id(&e.Spec.ID, oid, e.ID, sfxDateSpec)
			}
			if e.Duration != nil {
				var oid *string
				if od != nil && od.Duration != nil {
					oid = &od.Duration.ID
				}
				a.id(&e.Duration.ID, oid, e.ID, sfxDuration)
			}
		case *cib.Rule:
			a.rule(e, nil, r.ID)
		}
	}
}

func exprID(e cib.Expr) string {
	switch e := e.(type) {
	case *cib.Expression:
		return e.ID
	case *cib.DateExpression:
		return e.ID
	case *cib.Rule:
		return e.ID
	}
	return ""
}

func exprOldID(e cib.Expr, ok bool) *string {
	if !ok {
		return nil
	}
	switch e := e.(type) {
	case *cib.Expression:
		return &e.ID
	case *cib.DateExpression:
		return &e.ID
	}
	return nil
}

// nodeSets assigns ids in a node's sets; their prefix is the node's uname.
func (a *assigner) nodeSets(n, old *cib.Node) {
	var oa, ou []*cib.NVSet
	if old != nil {
		oa, ou = old.Attributes, old.Utilization
	}
	a.sets(n.Attributes, oa, n.Uname, sfxInstance)
	a.sets(n.Utilization, ou, n.Uname, sfxUtil)
}

func (a *assigner) primitive(p, old *cib.Primitive) {
	var op, om, ou []*cib.NVSet
	var oops []*cib.Op
	if old != nil {
		op, om, ou, oops = old.Params, old.Meta, old.Utilization, old.Ops.Ops
	}
	a.sets(p.Params, op, p.ID, sfxInstance)
	a.sets(p.Meta, om, p.ID, sfxMeta)
	a.sets(p.Utilization, ou, p.ID, sfxUtil)
	prefix := p.ID
	if p.Ops.ID != "" {
		a.explicit(p.Ops.ID)
		prefix = p.Ops.ID
	}
	for _, o := range p.Ops.Ops {
		old, ok := pick(a, oops, o.ID, func(x *cib.Op) string { return x.ID }, func(x *cib.Op) bool {
			return x.Name == o.Name && x.Interval() == o.Interval()
		})
		var oldID *string
		var oparams, ometa []*cib.NVSet
		if ok {
			oldID, oparams, ometa = &old.ID, old.Params, old.Meta
		}
		if o.ID == "" && oldID == nil {
			o.ID = a.ids.genOp(prefix, o.Name, o.Interval())
		} else {
			a.id(&o.ID, oldID, prefix, "")
		}
		a.sets(o.Params, oparams, o.ID, sfxInstance)
		a.sets(o.Meta, ometa, o.ID, sfxMeta)
	}
}

// container assigns ids in the params and meta of a group or clone.
func (a *assigner) container(id string, params, meta []*cib.NVSet, old [2][]*cib.NVSet) {
	a.sets(params, old[0], id, sfxInstance)
	a.sets(meta, old[1], id, sfxMeta)
}

func containerSetsOf(r cib.Resource) [2][]*cib.NVSet {
	switch r := r.(type) {
	case *cib.Group:
		if r != nil {
			return [2][]*cib.NVSet{r.Params, r.Meta}
		}
	case *cib.Clone:
		if r != nil {
			return [2][]*cib.NVSet{r.Params, r.Meta}
		}
	}
	return [2][]*cib.NVSet{}
}

func (a *assigner) bundle(bu, old *cib.Bundle) {
	var ometa []*cib.NVSet
	var oports []*cib.PortMapping
	var ostore []*cib.StorageMapping
	if old != nil {
		ometa, ostore = old.Meta, old.Storage
		if old.Network != nil {
			oports = old.Network.Ports
		}
	}
	if bu.Network != nil {
		for _, m := range bu.Network.Ports {
			o, ok := pick(a, oports, m.ID, func(x *cib.PortMapping) string { return x.ID }, nil)
			var oid *string
			if ok {
				oid = &o.ID
			}
			a.id(&m.ID, oid, bu.ID, "")
		}
	}
	for _, m := range bu.Storage {
		o, ok := pick(a, ostore, m.ID, func(x *cib.StorageMapping) string { return x.ID }, nil)
		var oid *string
		if ok {
			oid = &o.ID
		}
		a.id(&m.ID, oid, bu.ID, "")
	}
	a.sets(bu.Meta, ometa, bu.ID, sfxMeta)
}

// constraintSets assigns ids to the resource sets of a constraint.
func (a *assigner) constraintSets(sets, olds []*cib.ResourceSet, prefix string) {
	for _, s := range sets {
		if s.IDRef != "" {
			continue
		}
		o, ok := pick(a, olds, s.ID, func(x *cib.ResourceSet) string { return x.ID }, nil)
		var oid *string
		if ok {
			oid = &o.ID
		}
		a.id(&s.ID, oid, prefix, "")
	}
}
