package cib

func (st *Status) clone() Status {
	out := Status{
		TicketsID: st.TicketsID,
		Tickets: cloneList(st.Tickets, func(t *TicketState) *TicketState {
			if t == nil {
				return nil
			}
			c := *t
			c.Extra = t.Extra.clone()
			return &c
		}),
		Extra: st.Extra.clone(),
	}
	if st.Nodes != nil {
		out.Nodes = make([]*NodeState, len(st.Nodes))
		// One allocation for all NodeStates.
		states := make([]NodeState, len(st.Nodes))
		for i, ns := range st.Nodes {
			if ns == nil {
				continue
			}
			states[i] = ns.cloneInto()
			out.Nodes[i] = &states[i]
		}
	}
	return out
}

func (ns *NodeState) cloneInto() NodeState {
	c := *ns
	c.Extra = ns.Extra.clone()
	if t := ns.Transient; t != nil {
		c.Transient = &Transient{ID: t.ID, Sets: cloneList(t.Sets, (*NVSet).clone), Extra: t.Extra.clone()}
	}
	if ns.LRM != nil {
		c.LRM = ns.LRM.clone()
	}
	return c
}

// clone copies an LRM with one allocation each for its resources, their
// operations, the pointer slices and the operations' Extra attributes.
func (l *LRM) clone() *LRM {
	out := &LRM{ID: l.ID, ResourcesID: l.ResourcesID, Extra: l.Extra.clone()}
	if l.Resources == nil {
		return out
	}
	nops, nattrs := 0, 0
	for _, r := range l.Resources {
		if r != nil {
			nops += len(r.Ops)
			for _, op := range r.Ops {
				if op != nil && op.Extra.Nodes == nil {
					nattrs += len(op.Extra.Attrs)
				}
			}
		}
	}
	rscs := newSlab[LRMResource](len(l.Resources))
	ops := newSlab[LRMOp](nops)
	ptrs := newSlab[*LRMOp](nops)
	attrs := make(Attrs, nattrs)
	out.Resources = make([]*LRMResource, len(l.Resources))
	for i, r := range l.Resources {
		if r == nil {
			continue
		}
		c := &rscs[i]
		*c = *r
		c.Extra = r.Extra.clone()
		if r.Ops != nil {
			n := len(r.Ops)
			c.Ops = ptrs[:n:n]
			ptrs = ptrs[n:]
			for j, op := range r.Ops {
				if op == nil {
					c.Ops[j] = nil
					continue
				}
				o := &ops[0]
				ops = ops[1:]
				*o = *op
				switch {
				case op.Extra.Nodes != nil:
					o.Extra = op.Extra.clone()
				case op.Extra.Attrs != nil:
					// Most ops have one Extra attribute (an empty
					// exit-reason): copy it into the shared slab.
					n := len(op.Extra.Attrs)
					o.Extra.Attrs = attrs[:n:n]
					copy(o.Extra.Attrs, op.Extra.Attrs)
					attrs = attrs[n:]
				}
				c.Ops[j] = o
			}
		}
		out.Resources[i] = c
	}
	return out
}
