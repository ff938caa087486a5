package cib

import "gocrm/cib/xmltree"

func (d *decoder) status(tok xmltree.Token, st *Status) error {
	for _, a := range tok.Attrs {
		extraAttr(&st.Extra, a)
	}
	d.statusParallel(tok, st)
	seenTickets := false
	return d.children(&st.Extra, func(t xmltree.Token) (bool, error) {
		switch t.Name {
		case "node_state":
			ns, err := d.nodeState(t)
			st.Nodes = append(st.Nodes, ns)
			return true, err
		case "tickets":
			if seenTickets {
				return false, nil
			}
			seenTickets = true
			return true, d.tickets(t, st)
		}
		return false, nil
	})
}

// tickets decodes <tickets>, which the model holds only as its id and a
// list of ticket_state elements: one with other content, or an empty one
// without an id, is kept raw in the status' Extra.
func (d *decoder) tickets(tok xmltree.Token, st *Status) error {
	n, err := d.lookahead(tok)
	if err != nil {
		return err
	}
	id, rest := idAndAttrs(n.Attrs)
	if len(rest) > 0 || !allElements(n, "ticket_state") || (id == "" && !hasElements(n)) {
		st.Extra.Nodes = append(st.Extra.Nodes, n)
		return nil
	}
	st.TicketsID = id
	sub := newTreeDecoder(n)
	if _, err := sub.sc.Next(); err != nil { // <tickets>
		return err
	}
	return sub.children(&st.Extra, func(t xmltree.Token) (bool, error) {
		ts := &TicketState{}
		for _, a := range t.Attrs {
			switch {
			case a.Value == "":
				extraAttr(&ts.Extra, a)
			case a.Name == "id":
				ts.ID = a.Value
			case a.Name == "granted":
				ts.Granted = a.Value
			case a.Name == "last-granted":
				ts.LastGranted = a.Value
			case a.Name == "standby":
				ts.Standby = a.Value
			default:
				extraAttr(&ts.Extra, a)
			}
		}
		st.Tickets = append(st.Tickets, ts)
		return true, sub.leaf(t, &ts.Extra)
	})
}

func (d *decoder) nodeState(tok xmltree.Token) (*NodeState, error) {
	ns := &NodeState{}
	for _, a := range tok.Attrs {
		if a.Value == "" {
			extraAttr(&ns.Extra, a)
			continue
		}
		switch a.Name {
		case "id":
			ns.ID = a.Value
		case "uname":
			ns.Uname = a.Value
		case "in_ccm":
			ns.InCCM = a.Value
		case "crmd":
			ns.Crmd = a.Value
		case "crm-debug-origin":
			ns.CRMDebugOrigin = a.Value
		case "join":
			ns.Join = a.Value
		case "expected":
			ns.Expected = a.Value
		case "remote_node":
			ns.RemoteNode = a.Value
		case "node_fenced":
			ns.NodeFenced = a.Value
		case "ha":
			ns.HA = a.Value
		case "shutdown":
			ns.Shutdown = a.Value
		case "clear_shutdown":
			ns.ClearShutdown = a.Value
		case "node_in_maintenance":
			ns.NodeInMaintenance = a.Value
		default:
			extraAttr(&ns.Extra, a)
		}
	}
	if tok.SelfClosing {
		return ns, d.leaf(tok, &ns.Extra)
	}
	return ns, d.children(&ns.Extra, func(t xmltree.Token) (bool, error) {
		switch t.Name {
		case "transient_attributes":
			if ns.Transient != nil {
				return false, nil
			}
			tr := &Transient{}
			ns.Transient = tr
			idOnly(t, &tr.ID, &tr.Extra)
			return true, d.children(&tr.Extra, func(c xmltree.Token) (bool, error) {
				if c.Name != "instance_attributes" {
					return false, nil
				}
				return d.nvsetInto(&tr.Sets, c)
			})
		case "lrm":
			if ns.LRM != nil {
				return false, nil
			}
			lrm := &LRM{}
			ns.LRM = lrm
			return true, d.lrm(t, lrm)
		}
		return false, nil
	})
}

func (d *decoder) lrm(tok xmltree.Token, lrm *LRM) error {
	idOnly(tok, &lrm.ID, &lrm.Extra)
	seen := false
	return d.children(&lrm.Extra, func(t xmltree.Token) (bool, error) {
		if t.Name != "lrm_resources" || seen {
			return false, nil
		}
		seen = true
		if len(t.Attrs) > 1 || (len(t.Attrs) == 1 && (t.Attrs[0].Name != "id" || t.Attrs[0].Value == "")) {
			return false, nil // attributes the model cannot hold: keep raw
		}
		if len(t.Attrs) == 1 {
			lrm.ResourcesID = t.Attrs[0].Value
		}
		return true, d.lrmResources(t, lrm)
	})
}

// lrmResources decodes the operation history of a node, the bulk of a big
// CIB. Should <lrm_resources> hold anything but lrm_resource elements, the
// whole element is kept raw in the LRM's Extra instead.
func (d *decoder) lrmResources(tok xmltree.Token, lrm *LRM) error {
	for {
		t, err := d.sc.Next()
		if err != nil {
			return err
		}
		switch {
		case t.Kind == xmltree.EndElement:
			return nil
		case t.Kind == xmltree.StartElement && t.Name == "lrm_resource":
			r, err := d.lrmResource(t)
			if err != nil {
				return err
			}
			lrm.Resources = append(lrm.Resources, r)
		default:
			return d.rawLRMResources(t, lrm)
		}
	}
}

// rawLRMResources turns the lrm_resources decoded so far back into nodes,
// adds t and the rest of the element, and keeps it all raw.
func (d *decoder) rawLRMResources(t xmltree.Token, lrm *LRM) error {
	n := elem("lrm_resources")
	if lrm.ResourcesID != "" {
		n.Attrs = []xmltree.Attr{{Name: "id", Value: lrm.ResourcesID}}
	}
	for _, r := range lrm.Resources {
		n.Children = append(n.Children, EncodeLRMResource(r))
	}
	lrm.Resources, lrm.ResourcesID = nil, ""
	x := &Extra{Nodes: n.Children}
	for t.Kind != xmltree.EndElement {
		if t.Kind == xmltree.StartElement {
			if err := d.raw(x, t); err != nil {
				return err
			}
		} else {
			d.misc(x, t)
		}
		var err error
		if t, err = d.sc.Next(); err != nil {
			return err
		}
	}
	n.Children = x.Nodes
	lrm.Extra.Nodes = append(lrm.Extra.Nodes, n)
	return nil
}

func (d *decoder) lrmResource(tok xmltree.Token) (*LRMResource, error) {
	r := d.slab.resource()
	for _, a := range tok.Attrs {
		if a.Value == "" {
			extraAttr(&r.Extra, a)
			continue
		}
		switch a.Name {
		case "id":
			r.ID = a.Value
		case "class":
			r.Class = a.Value
		case "provider":
			r.Provider = a.Value
		case "type":
			r.Type = a.Value
		case "container":
			r.Container = a.Value
		case "shutdown-lock":
			r.ShutdownLock = a.Value
		default:
			extraAttr(&r.Extra, a)
		}
	}
	if tok.SelfClosing {
		return r, d.leaf(tok, &r.Extra)
	}
	ops := d.slab.opStack[:0]
	for {
		t, err := d.sc.Next()
		if err != nil {
			return nil, err
		}
		switch {
		case t.Kind == xmltree.EndElement:
			r.Ops = d.slab.opPtrs(ops)
			d.slab.opStack = ops[:0]
			return r, nil
		case t.Kind == xmltree.StartElement && t.Name == "lrm_rsc_op":
			op, err := d.lrmOp(t)
			if err != nil {
				return nil, err
			}
			ops = append(ops, op)
		case t.Kind == xmltree.StartElement:
			if err := d.raw(&r.Extra, t); err != nil {
				return nil, err
			}
		default:
			d.misc(&r.Extra, t)
		}
	}
}

func (d *decoder) lrmOp(tok xmltree.Token) (*LRMOp, error) {
	op := d.slab.op()
	for _, a := range tok.Attrs {
		if a.Value == "" {
			d.slab.extraAttr(&op.Extra, a)
			continue
		}
		switch a.Name {
		case "id":
			op.ID = a.Value
		case "operation_key":
			op.OperationKey = a.Value
		case "operation":
			op.Operation = a.Value
		case "crm-debug-origin":
			op.CRMDebugOrigin = a.Value
		case "crm_feature_set":
			op.CRMFeatureSet = a.Value
		case "transition-key":
			op.TransitionKey = a.Value
		case "transition-magic":
			op.TransitionMagic = a.Value
		case "exit-reason":
			op.ExitReason = a.Value
		case "on_node":
			op.OnNode = a.Value
		case "call-id":
			op.CallID = a.Value
		case "rc-code":
			op.RCCode = a.Value
		case "op-status":
			op.OpStatus = a.Value
		case "interval":
			op.Interval = a.Value
		case "last-rc-change":
			op.LastRCChange = a.Value
		case "last-run":
			op.LastRun = a.Value
		case "exec-time":
			op.ExecTime = a.Value
		case "queue-time":
			op.QueueTime = a.Value
		case "op-digest":
			op.OpDigest = a.Value
		case "op-force-restart":
			op.OpForceRestart = a.Value
		case "op-restart-digest":
			op.OpRestartDigest = a.Value
		case "op-secure-params":
			op.OpSecureParams = a.Value
		case "op-secure-digest":
			op.OpSecureDigest = a.Value
		case "migrate_source":
			op.MigrateSource = a.Value
		case "migrate_target":
			op.MigrateTarget = a.Value
		default:
			d.slab.extraAttr(&op.Extra, a)
		}
	}
	return op, d.leaf(tok, &op.Extra)
}
