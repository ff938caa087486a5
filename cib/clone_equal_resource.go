package cib

import "slices"

// ResourceEqual reports whether two resources are Equal in the sense of
// Equal.
func ResourceEqual(a, b Resource) bool { return resourceEqual(a, b) }

// ConstraintEqual reports whether two constraints are Equal in the sense
// of Equal.
func ConstraintEqual(a, b Constraint) bool { return constraintEqual(a, b) }

func resourceEqual(a, b Resource) bool {
	switch x := a.(type) {
	case *Primitive:
		y, ok := b.(*Primitive)
		return ok && ptrEqual(x, y, (*Primitive).equal)
	case *Template:
		y, ok := b.(*Template)
		return ok && ptrEqual((*Primitive)(x), (*Primitive)(y), (*Primitive).equal)
	case *Group:
		y, ok := b.(*Group)
		return ok && ptrEqual(x, y, func(x, y *Group) bool {
			return x.ID == y.ID && x.Description == y.Description &&
				listEqual(x.Params, y.Params, (*NVSet).equal) && listEqual(x.Meta, y.Meta, (*NVSet).equal) &&
				listEqual(x.Children, y.Children, (*Primitive).equal) && x.Extra.equal(&y.Extra)
		})
	case *Clone:
		y, ok := b.(*Clone)
		return ok && ptrEqual(x, y, func(x, y *Clone) bool {
			return x.ID == y.ID && x.Description == y.Description && x.Legacy == y.Legacy &&
				listEqual(x.Params, y.Params, (*NVSet).equal) && listEqual(x.Meta, y.Meta, (*NVSet).equal) &&
				resourceEqual(x.Child, y.Child) && x.Extra.equal(&y.Extra)
		})
	case *Bundle:
		y, ok := b.(*Bundle)
		return ok && ptrEqual(x, y, (*Bundle).equal)
	case *RawResource:
		y, ok := b.(*RawResource)
		return ok && ptrEqual(x, y, func(x, y *RawResource) bool { return ptrEqual(x.Node, y.Node, nodeEqual) })
	}
	return a == nil && b == nil
}

// ptrEqual compares two pointers with eq when both are non-nil.
func ptrEqual[T any](a, b *T, eq func(x, y *T) bool) bool {
	if a == nil || b == nil {
		return a == b
	}
	return eq(a, b)
}

func (p *Primitive) equal(o *Primitive) bool {
	return p.ID == o.ID && p.Class == o.Class && p.Provider == o.Provider && p.Type == o.Type &&
		p.Template == o.Template && p.Description == o.Description &&
		listEqual(p.Params, o.Params, (*NVSet).equal) && listEqual(p.Meta, o.Meta, (*NVSet).equal) &&
		listEqual(p.Utilization, o.Utilization, (*NVSet).equal) &&
		p.Ops.ID == o.Ops.ID && p.Ops.IDRef == o.Ops.IDRef && p.Ops.Extra.equal(&o.Ops.Extra) &&
		listEqual(p.Ops.Ops, o.Ops.Ops, func(x, y *Op) bool {
			return x.ID == y.ID && x.Name == y.Name && attrsEqual(x.Attrs, y.Attrs) &&
				listEqual(x.Params, y.Params, (*NVSet).equal) && listEqual(x.Meta, y.Meta, (*NVSet).equal) &&
				x.Extra.equal(&y.Extra)
		}) && p.Extra.equal(&o.Extra)
}

func (b *Bundle) equal(o *Bundle) bool {
	idAttrs := func(id1, id2 string, a1, a2 Attrs, x1, x2 *Extra) bool {
		return id1 == id2 && attrsEqual(a1, a2) && x1.equal(x2)
	}
	return b.ID == o.ID && b.Description == o.Description && b.StorageSet == o.StorageSet &&
		ptrEqual(b.Container, o.Container, func(x, y *BundleContainer) bool {
			return x.Kind == y.Kind && attrsEqual(x.Attrs, y.Attrs) && x.Extra.equal(&y.Extra)
		}) &&
		ptrEqual(b.Network, o.Network, func(x, y *BundleNetwork) bool {
			return attrsEqual(x.Attrs, y.Attrs) && x.Extra.equal(&y.Extra) &&
				listEqual(x.Ports, y.Ports, func(p, q *PortMapping) bool {
					return idAttrs(p.ID, q.ID, p.Attrs, q.Attrs, &p.Extra, &q.Extra)
				})
		}) &&
		listEqual(b.Storage, o.Storage, func(p, q *StorageMapping) bool {
			return idAttrs(p.ID, q.ID, p.Attrs, q.Attrs, &p.Extra, &q.Extra)
		}) &&
		ptrEqual(b.Primitive, o.Primitive, (*Primitive).equal) &&
		listEqual(b.Meta, o.Meta, (*NVSet).equal) && b.Extra.equal(&o.Extra)
}

func constraintEqual(a, b Constraint) bool {
	switch x := a.(type) {
	case *Location:
		y, ok := b.(*Location)
		return ok && ptrEqual(x, y, func(x, y *Location) bool {
			return x.ID == y.ID && x.Rsc == y.Rsc && x.RscPattern == y.RscPattern && x.Role == y.Role &&
				x.Score == y.Score && x.Node == y.Node && x.ResourceDiscovery == y.ResourceDiscovery &&
				listEqual(x.Rules, y.Rules, (*Rule).equal) && setsEqual(x.Sets, y.Sets) &&
				x.Extra.equal(&y.Extra)
		})
	case *Colocation:
		y, ok := b.(*Colocation)
		return ok && ptrEqual(x, y, func(x, y *Colocation) bool {
			return x.ID == y.ID && x.Score == y.Score && x.Rsc == y.Rsc && x.WithRsc == y.WithRsc &&
				x.RscRole == y.RscRole && x.WithRscRole == y.WithRscRole &&
				x.NodeAttribute == y.NodeAttribute && x.RscInstance == y.RscInstance &&
				x.WithRscInstance == y.WithRscInstance && x.Influence == y.Influence &&
				setsEqual(x.Sets, y.Sets) && x.Extra.equal(&y.Extra)
		})
	case *Order:
		y, ok := b.(*Order)
		return ok && ptrEqual(x, y, func(x, y *Order) bool {
			return x.ID == y.ID && x.First == y.First && x.Then == y.Then &&
				x.FirstAction == y.FirstAction && x.ThenAction == y.ThenAction && x.Kind == y.Kind &&
				x.Score == y.Score && x.Symmetrical == y.Symmetrical && x.RequireAll == y.RequireAll &&
				x.FirstInstance == y.FirstInstance && x.ThenInstance == y.ThenInstance &&
				setsEqual(x.Sets, y.Sets) && x.Extra.equal(&y.Extra)
		})
	case *Ticket:
		y, ok := b.(*Ticket)
		return ok && ptrEqual(x, y, func(x, y *Ticket) bool {
			return x.ID == y.ID && x.Ticket == y.Ticket && x.Rsc == y.Rsc && x.RscRole == y.RscRole &&
				x.LossPolicy == y.LossPolicy && setsEqual(x.Sets, y.Sets) && x.Extra.equal(&y.Extra)
		})
	case *RawConstraint:
		y, ok := b.(*RawConstraint)
		return ok && ptrEqual(x, y, func(x, y *RawConstraint) bool { return ptrEqual(x.Node, y.Node, nodeEqual) })
	}
	return a == nil && b == nil
}

func setsEqual(a, b []*ResourceSet) bool {
	return listEqual(a, b, func(x, y *ResourceSet) bool {
		return x.ID == y.ID && x.IDRef == y.IDRef && x.Sequential == y.Sequential &&
			x.RequireAll == y.RequireAll && x.Ordering == y.Ordering && x.Action == y.Action &&
			x.Role == y.Role && x.Score == y.Score && x.Kind == y.Kind &&
			slices.Equal(x.Refs, y.Refs) && x.Extra.equal(&y.Extra)
	})
}

func (r *Rule) equal(o *Rule) bool {
	return r.ID == o.ID && r.IDRef == o.IDRef && r.Score == o.Score &&
		r.ScoreAttribute == o.ScoreAttribute && r.BooleanOp == o.BooleanOp && r.Role == o.Role &&
		slices.EqualFunc(r.Exprs, o.Exprs, exprEqual) && r.Extra.equal(&o.Extra)
}

func exprEqual(a, b Expr) bool {
	switch x := a.(type) {
	case *Rule:
		y, ok := b.(*Rule)
		return ok && ptrEqual(x, y, (*Rule).equal)
	case *Expression:
		y, ok := b.(*Expression)
		return ok && ptrEqual(x, y, func(x, y *Expression) bool {
			return x.ID == y.ID && x.IDRef == y.IDRef && x.Attribute == y.Attribute &&
				x.Operation == y.Operation && x.Value == y.Value && x.Type == y.Type &&
				x.ValueSource == y.ValueSource && x.Extra.equal(&y.Extra)
		})
	case *DateExpression:
		y, ok := b.(*DateExpression)
		return ok && ptrEqual(x, y, func(x, y *DateExpression) bool {
			return x.ID == y.ID && x.Operation == y.Operation && x.Start == y.Start && x.End == y.End &&
				ptrEqual(x.Spec, y.Spec, (*DateSpec).equal) &&
				ptrEqual(x.Duration, y.Duration, (*DateSpec).equal) && x.Extra.equal(&y.Extra)
		})
	case *RscExpression:
		y, ok := b.(*RscExpression)
		return ok && ptrEqual(x, y, func(x, y *RscExpression) bool {
			return x.ID == y.ID && x.Class == y.Class && x.Provider == y.Provider && x.Type == y.Type &&
				x.Extra.equal(&y.Extra)
		})
	case *OpExpression:
		y, ok := b.(*OpExpression)
		return ok && ptrEqual(x, y, func(x, y *OpExpression) bool {
			return x.ID == y.ID && x.Name == y.Name && x.Interval == y.Interval && x.Extra.equal(&y.Extra)
		})
	}
	return a == nil && b == nil
}

func (s *DateSpec) equal(o *DateSpec) bool {
	return s.ID == o.ID && attrsEqual(s.Attrs, o.Attrs) && s.Extra.equal(&o.Extra)
}

func (st *Status) equal(o *Status) bool {
	return st.TicketsID == o.TicketsID &&
		listEqual(st.Tickets, o.Tickets, func(x, y *TicketState) bool {
			return x.ID == y.ID && x.Granted == y.Granted && x.LastGranted == y.LastGranted &&
				x.Standby == y.Standby && x.Extra.equal(&y.Extra)
		}) &&
		listEqual(st.Nodes, o.Nodes, (*NodeState).equal) && st.Extra.equal(&o.Extra)
}

func (ns *NodeState) equal(o *NodeState) bool {
	return ns.ID == o.ID && ns.Uname == o.Uname && ns.InCCM == o.InCCM && ns.Crmd == o.Crmd &&
		ns.Join == o.Join && ns.Expected == o.Expected && ns.CRMDebugOrigin == o.CRMDebugOrigin &&
		ns.RemoteNode == o.RemoteNode && ns.NodeFenced == o.NodeFenced && ns.HA == o.HA &&
		ns.Shutdown == o.Shutdown && ns.ClearShutdown == o.ClearShutdown &&
		ns.NodeInMaintenance == o.NodeInMaintenance &&
		ptrEqual(ns.Transient, o.Transient, func(x, y *Transient) bool {
			return x.ID == y.ID && listEqual(x.Sets, y.Sets, (*NVSet).equal) && x.Extra.equal(&y.Extra)
		}) &&
		ptrEqual(ns.LRM, o.LRM, func(x, y *LRM) bool {
			return x.ID == y.ID && x.ResourcesID == y.ResourcesID &&
				listEqual(x.Resources, y.Resources, (*LRMResource).equal) && x.Extra.equal(&y.Extra)
		}) && ns.Extra.equal(&o.Extra)
}

func (r *LRMResource) equal(o *LRMResource) bool {
	return r.ID == o.ID && r.Class == o.Class && r.Provider == o.Provider && r.Type == o.Type &&
		r.Container == o.Container && r.ShutdownLock == o.ShutdownLock &&
		listEqual(r.Ops, o.Ops, (*LRMOp).equal) && r.Extra.equal(&o.Extra)
}

func (op *LRMOp) equal(o *LRMOp) bool {
	return op.ID == o.ID &&
		op.OperationKey == o.OperationKey &&
		op.Operation == o.Operation &&
		op.CRMDebugOrigin == o.CRMDebugOrigin &&
		op.CRMFeatureSet == o.CRMFeatureSet &&
		op.TransitionKey == o.TransitionKey &&
		op.TransitionMagic == o.TransitionMagic &&
		op.ExitReason == o.ExitReason &&
		op.OnNode == o.OnNode &&
		op.CallID == o.CallID &&
		op.RCCode == o.RCCode &&
		op.OpStatus == o.OpStatus &&
		op.Interval == o.Interval &&
		op.LastRCChange == o.LastRCChange &&
		op.LastRun == o.LastRun &&
		op.ExecTime == o.ExecTime &&
		op.QueueTime == o.QueueTime &&
		op.OpDigest == o.OpDigest &&
		op.OpForceRestart == o.OpForceRestart &&
		op.OpRestartDigest == o.OpRestartDigest &&
		op.OpSecureParams == o.OpSecureParams &&
		op.OpSecureDigest == o.OpSecureDigest &&
		op.MigrateSource == o.MigrateSource &&
		op.MigrateTarget == o.MigrateTarget &&
		op.Extra.equal(&o.Extra)
}
