package cib

// The option tables follow Pacemaker 2.1 (the meta-data printed by
// pacemaker-schedulerd, -controld, -based and -fenced, and Pacemaker
// Explained); the descriptions are our own.

// ClusterOptions are the cluster properties of crm_config.
var ClusterOptions = newTable("cluster property", []Option{
	// Scheduler.
	{Name: "no-quorum-policy", Type: TypeSelect, Default: "stop", Values: []string{"stop", "freeze", "ignore", "demote", "suicide"}, Desc: "what a partition without quorum does with its resources"},
	{Name: "symmetric-cluster", Type: TypeBoolean, Default: "true", Desc: "whether resources may run on any node unless a constraint says otherwise"},
	{Name: "maintenance-mode", Type: TypeBoolean, Default: "false", Desc: "stop monitoring, starting and stopping every resource"},
	{Name: "start-failure-is-fatal", Type: TypeBoolean, Default: "true", Desc: "whether a failed start bans the resource from that node at once"},
	{Name: "enable-startup-probes", Type: TypeBoolean, Default: "true", Desc: "probe for active resources when a node joins"},
	{Name: "shutdown-lock", Type: TypeBoolean, Default: "false", Desc: "keep a cleanly stopped node's resources locked to it until it returns"},
	{Name: "shutdown-lock-limit", Type: TypeDuration, Default: "0", Desc: "how long a shutdown lock may last (0: no limit)"},
	{Name: "stonith-enabled", Type: TypeBoolean, Default: "true", Advanced: true, Desc: "whether failed nodes may be fenced; without it recovery is not safe"},
	{Name: "stonith-action", Type: TypeSelect, Default: "reboot", Values: []string{"reboot", "off", "poweroff"}, Desc: "what to ask a fence device to do to a node (poweroff is an old name for off)"},
	{Name: "stonith-timeout", Type: TypeDuration, Default: "60s", Desc: "how long to wait for a fencing action when the device sets no timeout"},
	{Name: "have-watchdog", Type: TypeBoolean, Default: "false", ReadOnly: true, Desc: "set by the cluster when watchdog (SBD) self-fencing is available"},
	{Name: "concurrent-fencing", Type: TypeBoolean, Default: "false", Desc: "allow several fencing actions at the same time"},
	{Name: "startup-fencing", Type: TypeBoolean, Default: "true", Advanced: true, Desc: "fence nodes never seen since the cluster started"},
	{Name: "priority-fencing-delay", Type: TypeDuration, Default: "0", Desc: "extra fencing delay for the node running the most important resources"},
	{Name: "cluster-delay", Type: TypeDuration, Default: "60s", Advanced: true, Desc: "allowance for network round trips when timing actions"},
	{Name: "batch-limit", Type: TypeInteger, Default: "0", Desc: "actions executed in parallel across the cluster (0: derived from load)"},
	{Name: "migration-limit", Type: TypeInteger, Default: "-1", Desc: "live migrations allowed in parallel per node (-1: no limit)"},
	{Name: "stop-all-resources", Type: TypeBoolean, Default: "false", Desc: "stop every resource"},
	{Name: "stop-orphan-resources", Type: TypeBoolean, Default: "true", Desc: "stop resources that are running but no longer configured"},
	{Name: "stop-orphan-actions", Type: TypeBoolean, Default: "true", Desc: "cancel recurring operations that are no longer configured"},
	{Name: "remove-after-stop", Type: TypeBoolean, Default: "false", Deprecated: "nothing; it is unsafe", Desc: "forget resources in the executor once stopped"},
	{Name: "pe-error-series-max", Type: TypeInteger, Default: "-1", Desc: "scheduler inputs kept that produced errors (-1: all)"},
	{Name: "pe-warn-series-max", Type: TypeInteger, Default: "5000", Desc: "scheduler inputs kept that produced warnings (-1: all)"},
	{Name: "pe-input-series-max", Type: TypeInteger, Default: "4000", Desc: "scheduler inputs kept without errors or warnings (-1: all)"},
	{Name: "node-health-strategy", Type: TypeSelect, Default: "none", Values: []string{"none", "migrate-on-red", "only-green", "progressive", "custom"}, Desc: "how #health node attributes affect placement"},
	{Name: "node-health-base", Type: TypeInteger, Default: "0", Desc: "starting health score of a node (progressive and custom strategies)"},
	{Name: "node-health-green", Type: TypeInteger, Default: "0", Desc: "score of a green health attribute"},
	{Name: "node-health-yellow", Type: TypeInteger, Default: "0", Desc: "score of a yellow health attribute"},
	{Name: "node-health-red", Type: TypeInteger, Default: "-INFINITY", Desc: "score of a red health attribute"},
	{Name: "placement-strategy", Type: TypeSelect, Default: "default", Values: []string{"default", "utilization", "minimal", "balanced"}, Desc: "how utilization is taken into account when placing resources"},
	// Controller.
	{Name: "dc-version", Type: TypeString, Default: "none", ReadOnly: true, Desc: "Pacemaker version of the designated controller"},
	{Name: "cluster-infrastructure", Type: TypeString, Default: "corosync", ReadOnly: true, Desc: "the messaging layer the cluster runs on"},
	{Name: "cluster-name", Type: TypeString, Desc: "a name for the cluster, for humans and for rules (#cluster-name)"},
	{Name: "dc-deadtime", Type: TypeDuration, Default: "20s", Desc: "how long to wait for other nodes before electing a controller at start-up"},
	{Name: "cluster-recheck-interval", Type: TypeDuration, Default: "15min", Desc: "re-run the scheduler after this much quiet time (0: never)"},
	{Name: "load-threshold", Type: TypePercentage, Default: "80%", Desc: "system load at which the cluster slows down recovery"},
	{Name: "node-action-limit", Type: TypeInteger, Default: "0", Desc: "actions executed in parallel on one node (0: twice the cores)"},
	{Name: "fence-reaction", Type: TypeSelect, Default: "stop", Values: []string{"stop", "panic"}, Desc: "what a node does when told it was fenced"},
	{Name: "election-timeout", Type: TypeDuration, Default: "2min", Advanced: true, Desc: "how long a controller election may take"},
	{Name: "shutdown-escalation", Type: TypeDuration, Default: "20min", Advanced: true, Desc: "how long to wait for a clean shutdown before giving up"},
	{Name: "join-integration-timeout", Type: TypeDuration, Default: "3min", Advanced: true, Desc: "how long the integration phase of a join may take"},
	{Name: "join-finalization-timeout", Type: TypeDuration, Default: "30min", Advanced: true, Desc: "how long the finalization phase of a join may take"},
	{Name: "transition-delay", Type: TypeDuration, Default: "0s", Advanced: true, Desc: "wait this long before acting on a new transition"},
	{Name: "stonith-watchdog-timeout", Type: TypeTimeout, Default: "0", Desc: "after this long a lost node is assumed to have self-fenced via its watchdog (negative: twice SBD_WATCHDOG_TIMEOUT)"},
	{Name: "stonith-max-attempts", Type: TypeNonNegInt, Default: "10", Desc: "failed fencing attempts before the cluster stops retrying a target"},
	// CIB manager.
	{Name: "enable-acl", Type: TypeBoolean, Default: "false", Desc: "enforce the access control lists"},
	{Name: "cluster-ipc-limit", Type: TypeNonNegInt, Default: "500", Desc: "IPC messages queued for a daemon before it is disconnected"},
	// Maintained by tools.
	{Name: "last-lrm-refresh", Type: TypeString, ReadOnly: true, Desc: "time of the last resource refresh (set by crm_resource)"},
	// Deprecated spellings of resource and operation defaults.
	{Name: "default-resource-stickiness", Type: TypeScore, Default: "0", Deprecated: "resource-stickiness in rsc_defaults", Desc: "default stickiness of resources"},
	{Name: "is-managed-default", Type: TypeBoolean, Default: "true", Deprecated: "is-managed in rsc_defaults", Desc: "whether resources are managed by default"},
	{Name: "default-action-timeout", Type: TypeDuration, Default: "20s", Deprecated: "timeout in op_defaults", Desc: "default operation timeout"},
})

var roleValues = []string{"Stopped", "Started", "Unpromoted", "Promoted", "Slave", "Master"}

// ResourceMetaOptions are the meta attributes of primitives, groups, clones
// and bundles (and of rsc_defaults).
var ResourceMetaOptions = newTable("resource meta attribute", []Option{
	{Name: "priority", Type: TypeScore, Default: "0", Desc: "when not everything can run, keep higher-priority resources"},
	{Name: "critical", Type: TypeBoolean, Default: "true", Desc: "whether colocations with this resource may stop others (influence default)"},
	{Name: "target-role", Type: TypeSelect, Default: "Started", Values: roleValues, Desc: "the state the cluster keeps the resource in"},
	{Name: "is-managed", Type: TypeBoolean, Default: "true", Desc: "whether the cluster may start and stop the resource"},
	{Name: "maintenance", Type: TypeBoolean, Default: "false", Desc: "leave the resource alone and do not monitor it"},
	{Name: "resource-stickiness", Type: TypeScore, Default: "0", Desc: "preference for staying where it runs (clones default to 1)"},
	{Name: "requires", Type: TypeSelect, Values: []string{"nothing", "quorum", "fencing", "unfencing"}, Desc: "what must hold before it may start (default: fencing, or quorum without stonith)"},
	{Name: "migration-threshold", Type: TypeScore, Default: "INFINITY", Desc: "failures on a node before it is banned there (0: never)"},
	{Name: "failure-timeout", Type: TypeDuration, Default: "0", Desc: "forget failures older than this (0: never)"},
	{Name: "multiple-active", Type: TypeSelect, Default: "stop_start", Values: []string{"block", "stop_only", "stop_start", "stop_unexpected"}, Desc: "what to do when found active on several nodes"},
	{Name: "allow-migrate", Type: TypeBoolean, Default: "false", Desc: "move by live migration instead of stop and start"},
	{Name: "allow-unhealthy-nodes", Type: TypeBoolean, Default: "false", Desc: "ignore node health when placing this resource"},
	{Name: "container-attribute-target", Type: TypeSelect, Values: []string{"host"}, Desc: "for bundle resources: read node attributes of the container's host"},
	{Name: "remote-node", Type: TypeString, Desc: "make this resource a guest node with this name"},
	{Name: "remote-port", Type: TypePort, Default: "3121", Desc: "port of a guest node's remote executor"},
	{Name: "remote-addr", Type: TypeString, Desc: "address of a guest node (default: its name)"},
	{Name: "remote-connect-timeout", Type: TypeDuration, Default: "60s", Desc: "how long to wait for a guest node to connect"},
	{Name: "remote-allow-migrate", Type: TypeBoolean, Default: "true", Desc: "let a guest node's connection migrate"},
	{Name: "provides", Type: TypeSelect, Values: []string{"unfencing"}, Desc: "the device provides unfencing (stonith resources)"},
	{Name: "description", Type: TypeString, Desc: "free text"},
	{Name: "container", Type: TypeString, Deprecated: "bundles", Desc: "the resource that contains this one"},
	{Name: "restart-type", Type: TypeString, Deprecated: "ordering constraints", Desc: "old dependency restart behaviour"},
	{Name: "interval-origin", Type: TypeString, Deprecated: "interval-origin on the op", Desc: "time recurring operations are anchored to"},
	{Name: "trace_ra", Type: TypeBoolean, Desc: "trace the resource agent's shell execution (crm resource trace)"},
	{Name: "trace_dir", Type: TypeString, Desc: "where agent traces are written"},
	// Clones.
	{Name: "globally-unique", Type: TypeBoolean, Default: "false", Desc: "whether clone instances differ from one another"},
	{Name: "clone-max", Type: TypeNonNegInt, Desc: "instances to run (default: number of nodes)"},
	{Name: "clone-node-max", Type: TypeNonNegInt, Default: "1", Desc: "instances per node"},
	{Name: "clone-min", Type: TypeNonNegInt, Default: "0", Desc: "instances that must run before dependents may start"},
	{Name: "notify", Type: TypeBoolean, Default: "false", Desc: "tell every instance before and after actions of the others"},
	{Name: "ordered", Type: TypeBoolean, Default: "false", Desc: "start instances one after another"},
	{Name: "interleave", Type: TypeBoolean, Default: "false", Desc: "order against the local instance of another clone only"},
	{Name: "promotable", Type: TypeBoolean, Default: "false", Desc: "whether instances can be promoted"},
	{Name: "promoted-max", Type: TypeNonNegInt, Default: "1", Desc: "instances that may be promoted"},
	{Name: "promoted-node-max", Type: TypeNonNegInt, Default: "1", Desc: "promoted instances per node"},
	{Name: "master-max", Type: TypeNonNegInt, Default: "1", Deprecated: "promoted-max", Desc: "instances that may be promoted"},
	{Name: "master-node-max", Type: TypeNonNegInt, Default: "1", Deprecated: "promoted-node-max", Desc: "promoted instances per node"},
	{Name: "clone-state", Type: TypeString, ReadOnly: true, Desc: "used internally"},
	// Groups (deprecated).
	{Name: "collocated", Type: TypeBoolean, Default: "true", Deprecated: "separate colocation constraints", Desc: "whether group members run together"},
})

// OpOptions are the attributes of an op element, which are also the meta
// attributes op_defaults may set.
var OpOptions = newTable("operation attribute", []Option{
	{Name: "interval", Type: TypeDuration, Default: "0", Desc: "how often a recurring operation runs (0: not recurring)"},
	{Name: "timeout", Type: TypeDuration, Default: "20s", Desc: "how long before the operation is declared failed"},
	{Name: "on-fail", Type: TypeSelect, Values: []string{"ignore", "block", "stop", "restart", "standby", "fence", "restart-container", "demote"}, Desc: "what to do when the operation fails (default: fence for stop with stonith, else restart)"},
	{Name: "enabled", Type: TypeBoolean, Default: "true", Desc: "false disables a recurring operation"},
	{Name: "record-pending", Type: TypeBoolean, Default: "true", Desc: "record the operation in the status before it completes"},
	{Name: "role", Type: TypeSelect, Values: roleValues, Desc: "run this monitor only when the resource is in this role"},
	{Name: "start-delay", Type: TypeDuration, Default: "0", Deprecated: "a longer timeout", Desc: "wait this long before the first run"},
	{Name: "interval-origin", Type: TypeString, Desc: "ISO 8601 time recurring runs are anchored to"},
	{Name: "requires", Type: TypeSelect, Values: []string{"nothing", "quorum", "fencing", "unfencing"}, Deprecated: "requires as a resource meta attribute", Desc: "what must hold before it may run"},
	{Name: "description", Type: TypeString, Desc: "free text"},
	{Name: "name", Type: TypeString, Desc: "the action"},
	{Name: "id", Type: TypeString, Desc: "the op's id"},
	{Name: "OCF_CHECK_LEVEL", Type: TypeNonNegInt, Default: "0", Desc: "depth of an OCF monitor (an op instance attribute)"},
})

// AlertMetaOptions are the meta attributes of alerts and recipients.
var AlertMetaOptions = newTable("alert meta attribute", []Option{
	{Name: "timeout", Type: TypeDuration, Default: "30s", Desc: "how long the alert agent may run"},
	{Name: "timestamp-format", Type: TypeString, Default: "%H:%M:%S.%06N", Desc: "strftime-like format of CRM_alert_timestamp"},
	{Name: "enabled", Type: TypeBoolean, Default: "true", Desc: "false disables the alert or recipient"},
})

// FencingParamOptions are the instance attributes Pacemaker's fencer adds
// to every stonith resource.
var FencingParamOptions = newTable("fencing parameter", fencingParams())

func fencingParams() []Option {
	opts := []Option{
		{Name: "pcmk_host_argument", Type: TypeString, Default: "port", Advanced: true, Desc: "agent parameter that carries the target (none: do not send one)"},
		{Name: "pcmk_host_map", Type: TypeString, Desc: "node-to-port map, e.g. node1:1;node2:2,3"},
		{Name: "pcmk_host_list", Type: TypeString, Desc: "nodes this device can fence"},
		{Name: "pcmk_host_check", Type: TypeSelect, Default: "dynamic-list", Values: []string{"dynamic-list", "static-list", "status", "none"}, Desc: "how to find out which nodes the device can fence"},
		{Name: "pcmk_delay_max", Type: TypeDuration, Default: "0s", Desc: "random delay up to this long before fencing"},
		{Name: "pcmk_delay_base", Type: TypeString, Default: "0s", Desc: "fixed delay before fencing, or a node:delay map"},
		{Name: "pcmk_action_limit", Type: TypeInteger, Default: "1", Desc: "actions the device may run in parallel (-1: no limit)"},
	}
	for _, a := range []string{"reboot", "off", "on", "list", "monitor", "status"} {
		opts = append(opts,
			Option{Name: "pcmk_" + a + "_action", Type: TypeString, Default: a, Advanced: true, Desc: "agent action to run instead of " + a},
			Option{Name: "pcmk_" + a + "_timeout", Type: TypeDuration, Default: "60s", Advanced: true, Desc: "timeout of " + a + " instead of stonith-timeout"},
			Option{Name: "pcmk_" + a + "_retries", Type: TypeNonNegInt, Default: "2", Advanced: true, Desc: "retries of " + a + " within its timeout"},
		)
	}
	return opts
}

// AgentClasses are the resource agent classes (standards) Pacemaker 2.1
// accepts; only ocf takes a provider.
var AgentClasses = []string{"ocf", "lsb", "service", "systemd", "upstart", "nagios", "stonith", "heartbeat"}

// KnownActions are the operation names Pacemaker and the OCF standard
// define.
var KnownActions = []string{"start", "stop", "monitor", "status", "promote", "demote", "notify",
	"migrate_to", "migrate_from", "reload", "reload-agent", "meta-data", "validate-all"}
