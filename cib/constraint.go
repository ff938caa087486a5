package cib

import "gocrm/cib/xmltree"

// Constraint is one child of <constraints>: *Location, *Colocation, *Order,
// *Ticket or *RawConstraint (an element the model does not know).
type Constraint interface {
	ConstraintID() string
	isConstraint()
}

// Location says where a resource may or may not run (<rsc_location>):
// either Score on Node, or Rules, for Rsc, the resources matching
// RscPattern, or resource Sets.
type Location struct {
	ID                string
	Rsc               string
	RscPattern        string
	Role              string
	Score             string
	Node              string
	ResourceDiscovery string // always, never, exclusive
	Rules             []*Rule
	Sets              []*ResourceSet
	Extra             Extra
}

// Colocation places Rsc relative to WithRsc (<rsc_colocation>), or chains
// resource Sets.
type Colocation struct {
	ID              string
	Score           string
	Rsc             string
	WithRsc         string
	RscRole         string
	WithRscRole     string
	NodeAttribute   string
	RscInstance     string
	WithRscInstance string
	Influence       string
	Sets            []*ResourceSet
	Extra           Extra
}

// Order orders an action of First before an action of Then (<rsc_order>),
// or chains resource Sets.
type Order struct {
	ID            string
	First         string
	Then          string
	FirstAction   string
	ThenAction    string
	Kind          string // Mandatory, Optional, Serialize
	Score         string // deprecated alternative to Kind
	Symmetrical   string
	RequireAll    string
	FirstInstance string
	ThenInstance  string
	Sets          []*ResourceSet
	Extra         Extra
}

// Ticket makes resources depend on a cluster ticket (<rsc_ticket>).
type Ticket struct {
	ID         string
	Ticket     string
	Rsc        string
	RscRole    string
	LossPolicy string // stop, demote, fence, freeze
	Sets       []*ResourceSet
	Extra      Extra
}

// ResourceSet is a <resource_set> of a constraint; Refs are the ids of its
// <resource_ref> children in order.
type ResourceSet struct {
	ID         string
	IDRef      string
	Sequential string
	RequireAll string
	Ordering   string
	Action     string
	Role       string
	Score      string
	Kind       string
	Refs       []string
	Extra      Extra
}

// RawConstraint is a child of <constraints> the model does not know, kept
// in place so it is written back unchanged.
type RawConstraint struct {
	Node *xmltree.Node
}

func (c *Location) ConstraintID() string      { return c.ID }
func (c *Colocation) ConstraintID() string    { return c.ID }
func (c *Order) ConstraintID() string         { return c.ID }
func (c *Ticket) ConstraintID() string        { return c.ID }
func (c *RawConstraint) ConstraintID() string { return c.Node.Get("id") }

func (*Location) isConstraint()      {}
func (*Colocation) isConstraint()    {}
func (*Order) isConstraint()         {}
func (*Ticket) isConstraint()        {}
func (*RawConstraint) isConstraint() {}
