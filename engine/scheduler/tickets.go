package scheduler

import (
	"strings"

	"gocrm/cib"
)

// Tickets (rsc_ticket): a resource that depends on a ticket may only run
// while the ticket is granted and not in standby. Losing a granted ticket
// applies the constraint's loss-policy to the resource where it is active.

type ticket struct {
	id      string
	granted bool
	standby bool
}

type lossPolicy uint8

const (
	lossStop lossPolicy = iota
	lossDemote
	lossFence
	lossFreeze
)

type rscTicket struct {
	id     string
	rsc    *resource
	ticket *ticket
	role   Role
	loss   lossPolicy
}

// unpackTickets reads the ticket states recorded in the status section.
func (c *cluster) unpackTickets() {
	c.tickets = map[string]*ticket{}
	for _, ts := range c.cib.Status.Tickets {
		if ts.ID == "" {
			continue
		}
		t := c.ticketNamed(ts.ID)
		t.granted = cib.IsTrue(ts.Granted)
		t.standby = cib.IsTrue(ts.Standby)
	}
}

func (c *cluster) ticketNamed(id string) *ticket {
	if c.tickets == nil {
		c.tickets = map[string]*ticket{}
	}
	t := c.tickets[id]
	if t == nil {
		t = &ticket{id: id}
		c.tickets[id] = t
	}
	return t
}

func (c *cluster) unpackTicketConstraint(x *cib.Ticket) {
	if x.ID == "" || x.Ticket == "" {
		return
	}
	t := c.ticketNamed(x.Ticket)
	if len(x.Sets) > 0 {
		for _, s := range x.Sets {
			for _, ref := range s.Refs {
				for _, r := range c.expandRef(ref) {
					c.newTicketConstraint(s.ID, r, t, s.Role, x.LossPolicy)
				}
			}
		}
		return
	}
	refs := c.expandRef(x.Rsc)
	if len(refs) > 1 {
		// a tag or template becomes a set; the role moves with it
		for _, r := range refs {
			c.newTicketConstraint(x.ID, r, t, x.RscRole, x.LossPolicy)
		}
		return
	}
	for _, r := range refs {
		c.newTicketConstraint(x.ID, r, t, x.RscRole, x.LossPolicy)
	}
}

func (c *cluster) newTicketConstraint(id string, r *resource, t *ticket, role, loss string) {
	rt := &rscTicket{id: id, rsc: r, ticket: t}
	if role == "" || strings.EqualFold(role, "started") {
		rt.role = RoleUnknown
	} else {
		rt.role = parseRole(role)
	}
	switch strings.ToLower(loss) {
	case "fence":
		if c.stonithEnabled {
			rt.loss = lossFence
		} else {
			rt.loss = lossStop
		}
	case "freeze":
		rt.loss = lossFreeze
	case "demote":
		rt.loss = lossDemote
	case "stop":
		rt.loss = lossStop
	default:
		if rt.role == RolePromoted {
			rt.loss = lossDemote
		} else {
			rt.loss = lossStop
		}
	}
	r.tickets = append(r.tickets, rt)
	if !t.granted || t.standby {
		c.ticketConstraints(r, rt)
	}
}

// ticketConstraints bans (or freezes, or fences the nodes of) a resource
// whose ticket is not granted or in standby.
func (c *cluster) ticketConstraints(r *resource, rt *rscTicket) {
	t := rt.ticket
	if t.granted && !t.standby {
		return
	}
	if len(r.children) > 0 {
		for _, ch := range r.children {
			c.ticketConstraints(ch, rt)
		}
		return
	}
	c.why("ticket", rt.ticket.id)
	switch {
	case !t.granted && len(r.runningOn) > 0:
		switch rt.loss {
		case lossStop:
			c.resourceLocation(r, nil, negInf)
		case lossDemote:
			if rt.role != RolePromoted {
				c.resourceLocation(r, nil, negInf)
			}
		case lossFence:
			if rt.role != RoleUnknown && rt.role != r.role {
				return
			}
			c.resourceLocation(r, nil, negInf)
			for _, n := range r.runningOn {
				c.fenceNode(n, "deadman ticket was lost")
			}
		case lossFreeze:
			if rt.role != RoleUnknown && rt.role != r.role {
				return
			}
			r.clear(fManaged)
			r.set(fBlock)
		}
	case !t.granted, t.standby:
		if rt.role != RolePromoted || rt.loss == lossStop {
			c.resourceLocation(r, nil, negInf)
		}
	}
	c.whyKind, c.whySource = "", ""
}

// requirePromotionTickets bans a resource whose promoted-role ticket is
// missing or in standby (used for promotion scores).
func (c *cluster) requirePromotionTickets(r *resource) bool {
	for _, rt := range r.tickets {
		if rt.role == RolePromoted && (!rt.ticket.granted || rt.ticket.standby) {
			return true
		}
	}
	return false
}
