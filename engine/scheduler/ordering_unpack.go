package scheduler

import (
	"strings"

	"gocrm/cib"
)

type orderKind int

type symmetry int

func orderingType(kind, score string) orderKind {
	switch strings.ToLower(kind) {
	case "":
		if score != "" {
			if s, _ := cib.ParseScore(score); s == 0 {
				return kindOptional
			}
		}
		return kindMandatory
	case "optional":
		return kindOptional
	case "serialize":
		return kindSerialize
	}
	return kindMandatory
}

func orderingSymmetry(kind, score, symmetrical string, parentKind orderKind, parentSym string) symmetry {
	k := parentKind
	if kind != "" || score != "" {
		k = orderingType(kind, score)
	}
	sym := symmetrical
	if sym == "" {
		sym = parentSym
	}
	if sym != "" && (cib.IsTrue(sym) || cib.IsFalse(sym)) {
		if cib.IsTrue(sym) && k != kindSerialize {
			return symSymmetric
		}
		return symAsymmetric
	}
	if k == kindSerialize {
		return symAsymmetric
	}
	return symSymmetric
}

func flagsForKind(k orderKind, first string, s symmetry) orderFlags {
	f := oOptional
	switch k {
	case kindSerialize:
		f |= oSerializeOnly
	case kindMandatory:
		switch s {
		case symAsymmetric:
			f |= oAsymmetrical
		case symSymmetric:
			f |= oImpliesThen
			if first == "start" || first == "promote" {
				f |= oRunnableLeft
			}
		case symInverse:
			f |= oImpliesFirst
		}
	}
	return f
}

func invertAction(a string) string {
	switch a {
	case "start":
		return "stop"
	case "stop":
		return "start"
	case "promote":
		return "demote"
	case "demote":
		return "promote"
	case "promoted":
		return "demoted"
	case "demoted":
		return "promoted"
	case "running":
		return "stopped"
	case "stopped":
		return "running"
	}
	return ""
}

func (c *cluster) unpackOrder(x *cib.Order) {
	kind := orderingType(x.Kind, x.Score)
	if len(x.Sets) == 0 {
		firsts, thens := c.expandRef(x.First), c.expandRef(x.Then)
		if len(firsts) == 0 || len(thens) == 0 {
			return
		}
		af := x.FirstAction
		if af == "" {
			af = "start"
		}
		at := x.ThenAction
		if at == "" {
			at = af
		}
		sym := orderingSymmetry(x.Kind, x.Score, x.Symmetrical, kindMandatory, "")
		for _, first := range firsts {
			for _, then := range thens {
				if first == then {
					// A resource ordered with itself only creates loops.
					continue
				}
				if min := cloneMinRequired(first, x.RequireAll); min > 0 {
					c.orderAfterCloneMin(x.ID, min, first, af, then, at, flagsForKind(kind, af, sym))
				} else {
					c.orderRscActions(first, af, then, at, flagsForKind(kind, af, sym))
				}
				if sym == symSymmetric {
					iaf, iat := invertAction(af), invertAction(at)
					if iaf != "" && iat != "" {
						c.orderRscActions(then, iat, first, iaf, flagsForKind(kind, iaf, symInverse))
					}
				}
			}
		}
		return
	}
	sym := orderingSymmetry(x.Kind, x.Score, x.Symmetrical, kindMandatory, "")
	var last *cib.ResourceSet
	for _, s := range x.Sets {
		c.unpackOrderSet(s, kind, x.Symmetrical)
		if last != nil {
			c.orderSets(x, last, s, kind, sym)
			if sym == symSymmetric {
				c.orderSets(x, s, last, kind, symInverse)
			}
		}
		last = s
	}
}

// cloneMinRequired is how many instances of a clone ordered first must be
// able to run before the "then" side may: the clone's clone-min, or one
// for the deprecated require-all=false; 0 means the plain ordering.
func cloneMinRequired(first *resource, requireAll string) int {
	if first.kind != kindClone {
		return 0
	}
	if v, ok := first.meta["clone-min"]; ok {
		n := atoiDefault(v, 0)
		if n < 0 {
			n = 0
		}
		return n
	}
	if requireAll != "" && !cib.IsTrue(requireAll) {
		return 1
	}
	return 0
}

// orderAfterCloneMin orders then after a pseudo-action that becomes
// runnable once min instances of the clone first can do their action.
func (c *cluster) orderAfterCloneMin(id string, min int, first *resource, af string, then *resource, at string, flags orderFlags) {
	pa := c.pseudoOp("clone-one-or-more:" + id)
	pa.requiredRunnableBefore = min
	pa.set(aRequiresAny)
	for _, ch := range first.children {
		c.newOrdering(ch, opKey(ch.id, af, 0), nil, nil, "", pa, oOneOrMore|oImpliesThenPrinted)
	}
	c.newOrdering(nil, "", pa, then, opKey(then.id, at, 0), nil, flags|oRunnableLeft)
}

func (c *cluster) unpackOrderSet(s *cib.ResourceSet, parentKind orderKind, parentSym string) {
	act := s.Action
	if act == "" {
		act = "start"
	}
	kind := parentKind
	if s.Kind != "" {
		kind = orderingType(s.Kind, "")
	}
	sequential := s.Sequential == "" || cib.IsTrue(s.Sequential)
	sym := orderingSymmetry(s.Kind, "", "", kind, parentSym)
	flags := flagsForKind(kind, act, sym)
	members := c.setMembers(s)
	if len(members) <= 1 {
		return
	}
	var last *resource
	for i, r := range members {
		if kind == kindSerialize {
			for _, then := range members[i+1:] {
				c.orderRscActions(r, act, then, act, flags)
			}
		} else if sequential {
			if last != nil {
				c.orderRscActions(last, act, r, act, flags)
			}
			last = r
		}
	}
	if sym == symAsymmetric {
		return
	}
	act = invertAction(act)
	if act == "" {
		return
	}
	flags = flagsForKind(kind, act, symInverse)
	last = nil
	for _, r := range members {
		if sequential {
			if last != nil {
				c.orderRscActions(r, act, last, act, flags)
			}
			last = r
		}
	}
}

func (c *cluster) orderSets(x *cib.Order, s1, s2 *cib.ResourceSet, kind orderKind, sym symmetry) {
	a1, a2 := s1.Action, s2.Action
	if a1 == "" {
		a1 = "start"
	}
	if a2 == "" {
		a2 = "start"
	}
	if sym == symInverse {
		a1, a2 = invertAction(a1), invertAction(a2)
	}
	requireAll := !(s1.RequireAll != "" && cib.IsFalse(s1.RequireAll))
	if a1 == "stop" || a1 == "demote" {
		requireAll = true
	}
	flags := flagsForKind(kind, a2, sym)
	m1, m2 := c.setMembers(s1), c.setMembers(s2)
	if !requireAll {
		pa := c.pseudoOp("one-or-more:" + s1.ID)
		pa.set(aRequiresAny)
		for _, r := range m1 {
			c.newOrdering(r, opKey(r.id, a1, 0), nil, nil, "", pa, oOneOrMore|oImpliesThenPrinted)
		}
		for _, r := range m2 {
			c.newOrdering(nil, "", pa, r, opKey(r.id, a2, 0), nil, flags|oRunnableLeft)
		}
		return
	}
	var r1, r2 *resource
	if cib.IsTrue(s1.Sequential) && len(m1) > 0 {
		if sym == symInverse {
			r1 = m1[0]
		} else {
			r1 = m1[len(m1)-1]
		}
	}
	if cib.IsTrue(s2.Sequential) && len(m2) > 0 {
		if sym == symInverse {
			r2 = m2[len(m2)-1]
		} else {
			r2 = m2[0]
		}
	}
	switch {
	case r1 != nil && r2 != nil:
		c.orderRscActions(r1, a1, r2, a2, flags)
	case r1 != nil:
		for _, b := range m2 {
			c.orderRscActions(r1, a1, b, a2, flags)
		}
	case r2 != nil:
		for _, a := range m1 {
			c.orderRscActions(a, a1, r2, a2, flags)
		}
	default:
		for _, a := range m1 {
			for _, b := range m2 {
				c.orderRscActions(a, a1, b, a2, flags)
			}
		}
	}
}
