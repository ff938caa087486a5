package scheduler

import (
	"gocrm/cib"
)

// ordering is one ordering template: first/then are named by resource and
// action key, or by a concrete action.
type ordering struct {
	firstRsc    *resource
	firstKey    string
	firstAction *action
	thenRsc     *resource
	thenKey     string
	thenAction  *action
	flags       orderFlags
}

func (c *cluster) newOrdering(firstRsc *resource, firstKey string, firstAction *action, thenRsc *resource, thenKey string, thenAction *action, flags orderFlags) {
	if firstRsc == nil && firstAction != nil {
		firstRsc = firstAction.rsc
	}
	if thenRsc == nil && thenAction != nil {
		thenRsc = thenAction.rsc
	}
	if firstKey == "" && firstAction != nil {
		firstKey = firstAction.key
	}
	if thenKey == "" && thenAction != nil {
		thenKey = thenAction.key
	}
	o := &ordering{firstRsc, firstKey, firstAction, thenRsc, thenKey, thenAction, flags}
	c.orderings = append(c.orderings, o)
	c.orderMigrationEquivalents(o)
}

func (c *cluster) orderRscActions(first *resource, firstTask string, then *resource, thenTask string, flags orderFlags) {
	c.newOrdering(first, opKey(first.id, firstTask, 0), nil, then, opKey(then.id, thenTask, 0), nil, flags)
}

// expandRef resolves a constraint reference: a resource id or a tag.
func (c *cluster) expandRef(id string) []*resource {
	if r := c.rscByID[id]; r != nil {
		return []*resource{r}
	}
	if _, ok := c.templates[id]; ok {
		// A template stands for every primitive derived from it.
		var out []*resource
		for _, r := range c.allRsc {
			if r.kind == kindPrimitive && r.prim != nil && r.prim.Template == id && r.cloneBase == "" {
				out = append(out, r)
			}
		}
		return out
	}
	if refs, ok := c.tags[id]; ok {
		var out []*resource
		for _, ref := range refs {
			out = append(out, c.expandRef(ref)...)
		}
		return out
	}
	return nil
}

func (c *cluster) unpackConstraints() {
	c.unpackTickets()
	for _, k := range c.cib.Config.Constraints {
		switch x := k.(type) {
		case *cib.Location:
			c.unpackLocation(x)
		case *cib.Colocation:
			c.unpackColocation(x)
		case *cib.Order:
			c.unpackOrder(x)
		case *cib.Ticket:
			c.unpackTicketConstraint(x)
		}
	}
}

const (
	kindMandatory orderKind = iota
	kindOptional
	kindSerialize
)

const (
	symSymmetric symmetry = iota
	symAsymmetric
	symInverse
)
