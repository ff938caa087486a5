package cib

// Status is the <status> section: what the cluster knows about its nodes
// and the operations it ran on them.
type Status struct {
	Nodes     []*NodeState
	Tickets   []*TicketState // status/tickets/ticket_state
	TicketsID string         // unusual, but kept
	Extra     Extra
}

// NodeState is one <node_state>: membership and controller state of a node,
// its transient attributes and its resource operation history.
type NodeState struct {
	ID                string
	Uname             string
	InCCM             string // "true"/"false" or, since 2.1.7, a timestamp
	Crmd              string // online, offline or a timestamp
	Join              string // down, pending, member, banned
	Expected          string
	CRMDebugOrigin    string
	RemoteNode        string
	NodeFenced        string
	HA                string // legacy
	Shutdown          string // legacy; now a transient attribute
	ClearShutdown     string
	NodeInMaintenance string
	Transient         *Transient // nil when absent
	LRM               *LRM       // nil when absent
	Extra             Extra
}

// Transient is <transient_attributes>: node attributes that live only as
// long as the node is in the cluster (fail-counts, promotion scores,
// shutdown requests, ...).
type Transient struct {
	ID    string
	Sets  []*NVSet // instance_attributes
	Extra Extra
}

// LRM is the <lrm> element with its <lrm_resources> list.
type LRM struct {
	ID          string
	ResourcesID string // id of <lrm_resources>, rarely set
	Resources   []*LRMResource
	Extra       Extra
}

// LRMResource is the operation history of one resource on one node
// (<lrm_resource>).
type LRMResource struct {
	ID           string
	Class        string
	Provider     string
	Type         string
	Container    string
	ShutdownLock string
	Ops          []*LRMOp
	Extra        Extra
}

// LRMOp is one recorded operation (<lrm_rsc_op>). Values are kept as
// written; the scheduler parses the numbers it needs.
type LRMOp struct {
	ID              string
	OperationKey    string
	Operation       string
	CRMDebugOrigin  string
	CRMFeatureSet   string
	TransitionKey   string
	TransitionMagic string
	ExitReason      string
	OnNode          string
	CallID          string
	RCCode          string
	OpStatus        string
	Interval        string
	LastRCChange    string
	LastRun         string
	ExecTime        string
	QueueTime       string
	OpDigest        string
	OpForceRestart  string
	OpRestartDigest string
	OpSecureParams  string
	OpSecureDigest  string
	MigrateSource   string
	MigrateTarget   string
	Extra           Extra
}

// TicketState is one <ticket_state> in status.
type TicketState struct {
	ID          string
	Granted     string
	LastGranted string
	Standby     string
	Extra       Extra
}
