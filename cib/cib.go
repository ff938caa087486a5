package cib

// CIB is a whole Cluster Information Base: the <cib> element with its
// configuration and status sections.
type CIB struct {
	Version Version
	// Attrs are the other attributes of <cib> in document order:
	// validate-with, crm_feature_set, have-quorum, dc-uuid,
	// cib-last-written, update-origin, update-client, update-user,
	// execution-date, remote-tls-port, ... (see the Attr* constants).
	Attrs  Attrs
	Config Configuration
	Status Status
	Extra  Extra // unknown children of <cib>
}

// Names of <cib> attributes kept in CIB.Attrs.
const (
	AttrValidateWith    = "validate-with"
	AttrFeatureSet      = "crm_feature_set"
	AttrHaveQuorum      = "have-quorum"
	AttrDCUUID          = "dc-uuid"
	AttrLastWritten     = "cib-last-written"
	AttrUpdateOrigin    = "update-origin"
	AttrUpdateClient    = "update-client"
	AttrUpdateUser      = "update-user"
	AttrExecutionDate   = "execution-date"
	AttrNoQuorumPanic   = "no-quorum-panic"
	AttrRemoteTLSPort   = "remote-tls-port"
	AttrRemoteClearPort = "remote-clear-port"
)

// Configuration is the <configuration> section.
type Configuration struct {
	CRMConfig       []*NVSet     // crm_config/cluster_property_set
	Nodes           []*Node      // nodes/node
	Resources       []Resource   // resources/*, in document order
	Constraints     []Constraint // constraints/*, in document order
	RscDefaults     []*NVSet     // rsc_defaults/meta_attributes
	OpDefaults      []*NVSet     // op_defaults/meta_attributes
	FencingTopology []*FencingLevel
	Tags            []*Tag
	ACLs            *ACLs // nil when there is no <acls>
	Alerts          []*Alert

	// SectionExtra keeps unknown attributes and children of the section
	// elements themselves (crm_config, nodes, rsc_defaults, op_defaults,
	// fencing-topology, tags, alerts), keyed by element name. Unknown
	// children of resources and constraints are kept in place as
	// *RawResource and *RawConstraint instead.
	SectionExtra map[string]*Extra
	Extra        Extra // unknown children of <configuration>
}

// Node is a cluster node definition (<node>).
type Node struct {
	ID          string
	Uname       string
	Type        string // member (default), remote, ping
	Description string
	Score       string
	Attributes  []*NVSet // instance_attributes
	Utilization []*NVSet
	Extra       Extra
}

// NVSet is a set of name/value pairs: cluster_property_set,
// instance_attributes, meta_attributes or utilization (which one is given by
// the field that holds it). A set may be a reference to another (IDRef) and
// may be conditional on rules; Score orders sets that apply together.
type NVSet struct {
	ID    string
	IDRef string
	Score string
	Rules []*Rule
	Pairs []*NVPair
	Extra Extra
}

// NVPair is one name/value pair. NoValue marks an nvpair written without a
// value attribute (as opposed to value="").
type NVPair struct {
	ID      string
	IDRef   string
	Name    string
	Value   string
	NoValue bool
	Extra   Extra
}

// Lookup returns the value of the first pair named name in sets, ignoring
// rules, and whether one was found. Rule-aware evaluation lives with the
// scheduler, which knows the node and the time.
func Lookup(sets []*NVSet, name string) (string, bool) {
	for _, s := range sets {
		for _, p := range s.Pairs {
			if p.Name == name {
				return p.Value, true
			}
		}
	}
	return "", false
}

// FencingLevel is one <fencing-level> of the fencing topology.
type FencingLevel struct {
	ID              string
	Target          string
	TargetPattern   string
	TargetAttribute string
	TargetValue     string
	Index           string
	Devices         string // comma-separated stonith resource ids
	Extra           Extra
}

// Tag names a set of objects (<tag> with <obj_ref> children).
type Tag struct {
	ID    string
	Refs  []string
	Extra Extra
}

// ACLs is the <acls> section.
type ACLs struct {
	Targets []*ACLTarget // acl_target
	Groups  []*ACLGroup  // acl_group
	Roles   []*ACLRole   // acl_role
	Extra   Extra        // including legacy acl_user elements
}

// ACLTarget grants roles to a user (<acl_target>).
type ACLTarget struct {
	ID    string
	Name  string
	Roles []string // ids of acl_role, from <role id=.../>
	Extra Extra
}

// ACLGroup grants roles to a group (<acl_group>).
type ACLGroup struct {
	ID    string
	Name  string
	Roles []string
	Extra Extra
}

// ACLRole is a named list of permissions (<acl_role>).
type ACLRole struct {
	ID          string
	Description string
	Perms       []*ACLPermission
	Extra       Extra
}

// ACLPermission is one <acl_permission>: Kind is read, write or deny and
// exactly one of Xpath, Reference or ObjectType (with Attribute) selects.
type ACLPermission struct {
	ID          string
	Kind        string
	Xpath       string
	Reference   string
	ObjectType  string
	Attribute   string
	Description string
	Extra       Extra
}

// Alert is one <alert>: an agent (Path) called with the events selected.
type Alert struct {
	ID          string
	Path        string
	Description string
	Params      []*NVSet // instance_attributes
	Meta        []*NVSet
	Select      *AlertSelect // nil when there is no <select>
	Recipients  []*Recipient
	Extra       Extra
}

// AlertSelect restricts an alert to some kinds of events (<select>).
// With Attributes set, AttributeNames limits attribute events to those
// names; when it is empty every attribute is selected.
type AlertSelect struct {
	Fencing        bool
	Nodes          bool
	Resources      bool
	Attributes     bool
	AttributeNames []AlertAttribute
	Extra          Extra
}

// AlertAttribute is one <attribute> of select_attributes.
type AlertAttribute struct {
	ID   string
	Name string
}

// Recipient is one <recipient> of an alert.
type Recipient struct {
	ID          string
	Value       string
	Description string
	Params      []*NVSet
	Meta        []*NVSet
	Extra       Extra
}
