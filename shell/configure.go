package shell

import (
	"errors"
	"fmt"

	"gocrm/cib"
)

// statementKinds are the configure statements the grammar knows, with
// their one-line descriptions and completers.
var statementKinds = []struct {
	name, short, usage string
	aliases            []string
	complete           func(*CompleteCtx) []Candidate
}{
	{"node", "define a cluster node", "[<id>:|$id=<id>] <uname>[:<type>] [description=<text>] [attributes <param>=<value>...] [utilization <param>=<value>...]", nil, nil},
	{"primitive", "define a resource", "<rsc> {[<class>:[<provider>:]]<type>|@<template>} [description=<text>] [params <param>=<value>...] [meta <attr>=<value>...] [utilization <attr>=<value>...] [op <op_type> [<attr>=<value>...]...]", nil, completePrimitive},
	{"monitor", "add a monitor operation to a primitive", "<rsc>[:<role>] <interval>[:<timeout>]", nil, func(x *CompleteCtx) []Candidate {
		if len(x.Args) == 0 {
			return x.Snap.ids("primitive")
		}
		return nil
	}},
	{"group", "define a group", "<name> <rsc> [<rsc>...] [description=<text>] [meta <attr>=<value>...] [params <param>=<value>...]", nil, completeContainer([]string{"primitive"}, -1)},
	{"clone", "define a clone", "<name> <rsc> [description=<text>] [meta <attr>=<value>...] [params <param>=<value>...]", nil, completeContainer([]string{"primitive", "group"}, 1)},
	{"ms", "define a promotable clone (legacy master/slave)", "<name> <rsc> [description=<text>] [meta <attr>=<value>...] [params <param>=<value>...]", []string{"master"}, completeContainer([]string{"primitive", "group"}, 1)},
	{"bundle", "define a container bundle", "<bundle id> <container type> [<container option>...] network [<network option>...] port-mapping [<port-mapping option>...] storage storage-mapping [<storage-mapping option>...] primitive <resource id> [meta <attr>=<value>...]", nil, nil},
	{"rsc_template", "define a resource template", "<name> [<class>:[<provider>:]]<type> [params ...] [meta ...] [utilization ...] [op ...]", nil, completePrimitive},
	{"location", "a location preference", "<id> <rsc> [role=<role>] {<score>: <node> [resource-discovery=<rd>] | rule [id=<id>] [$role=<role>] <score>: <expression>...}", nil, completeLocation},
	{"colocation", "colocate resources", "<id> <score>: <rsc>[:<role>] <with-rsc>[:<role>] [node-attribute=<attr>]", []string{"collocation"}, completeColocation},
	{"order", "order resources", "<id> [{kind|<score>}:] first then [symmetrical=<bool>]", nil, completeOrder},
	{"rsc_ticket", "resources depend on a ticket", "<id> <ticket_id>: <rsc>[:<role>] [<rsc>[:<role>] ...] [loss-policy=<loss_policy_action>]", nil, func(x *CompleteCtx) []Candidate {
		if len(x.Args) >= 2 {
			return x.Snap.ids(resourceKinds...)
		}
		return nil
	}},
	{"property", "set cluster properties", "[<set_id>:] [rule ...] <option>=<value> [<option>=<value> ...]", nil, completeOptions(cib.ClusterOptions)},
	{"rsc_defaults", "set resource defaults", "[<set_id>:] [rule ...] <option>=<value> [<option>=<value> ...]", nil, completeOptions(cib.ResourceMetaOptions)},
	{"op_defaults", "set operation defaults", "[<set_id>:] [rule ...] <option>=<value> [<option>=<value> ...]", nil, completeOptions(cib.OpOptions)},
	{"fencing_topology", "node fencing order", "[<stonith_resources> ...] | [<fencing_order> ...]", nil, func(x *CompleteCtx) []Candidate {
		return append(x.Snap.ids("primitive"), x.Snap.ids("node")...)
	}},
	{"tag", "define a tag", "<tag-name>: <rsc> [<rsc> ...]", nil, completeTag},
	{"role", "define an ACL role", "<role-id> <rule> [<rule> ...]", nil, nil},
	{"acl_target", "define an ACL target", "<tid> [<role> ...]", nil, func(x *CompleteCtx) []Candidate { return x.Snap.ids("role") }},
	{"acl_group", "define an ACL group", "<gid> [<role> ...]", nil, func(x *CompleteCtx) []Candidate { return x.Snap.ids("role") }},
	{"user", "define a user ACL (deprecated: use acl_target)", "<uid> {roles|rules} ...", nil, nil},
	{"alert", "define an alert", "<id> <path> [attributes <nvpair> ...] [meta <nvpair> ...] [select {nodes|fencing|resources|attributes ...}...] [to [{<recipient> [attributes ...] [meta ...]}]...]", nil, nil},
}

// configureCommands returns the configure level's records: the statements
// first, then the commands.
func configureCommands() []*Command {
	var cmds []*Command
	for _, k := range statementKinds {
		cmds = append(cmds, &Command{
			Name: k.name, Level: "configure", Aliases: k.aliases, Usage: k.usage, Short: k.short,
			Statement: true, MaxArgs: -1, Run: runStatement, Complete: k.complete,
		})
	}
	return append(cmds, configureVerbs...)
}

var configureVerbs = []*Command{
	{Name: "show", Level: "configure", Usage: "[xml] [changed|<id>...|type:<type>...]", Short: "display the configuration",
		MaxArgs: -1, Run: runShow, Complete: completeIDs("xml", "changed", "type:"),
		Help: "Show the whole configuration in crm syntax, or the objects named (by id or\n" +
			"by kind with type:KIND). xml shows the CIB XML instead. changed shows the\n" +
			"pending changes as a diff against the CIB as loaded."},
	{Name: "edit", Level: "configure", Usage: "[xml] [<id>...|type:<type>...]", Short: "edit objects with $EDITOR",
		MaxArgs: -1, Run: runEdit, Complete: completeIDs("xml", "type:"),
		Help: "Open the configuration (or the objects named) in $VISUAL or $EDITOR (vi by\n" +
			"default). When the text has an error, the error is shown and you may edit the\n" +
			"same text again, with the error marked, or discard it; nothing is lost until\n" +
			"you choose."},
	{Name: "delete", Level: "configure", Aliases: []string{"rm"}, Usage: "[-f|--force] <id> [<id>...]",
		Short: "delete objects", MinArgs: 1, MaxArgs: -1, Run: runDelete, Complete: completeIDs(),
		Help: "Delete objects. Constraints on them go too, and a group or clone left empty.\n" +
			"A running resource is not deleted unless --force."},
	{Name: "rename", Level: "configure", Usage: "<old_id> <new_id>", Short: "rename an object",
		MinArgs: 2, MaxArgs: 2, Run: runRename, Complete: func(x *CompleteCtx) []Candidate {
			if len(x.Args) == 0 {
				return x.Snap.ids()
			}
			return nil
		},
		Help: "Rename an object and every reference to it (constraints, groups, tags,\n" +
			"fencing topology)."},
	{Name: "erase", Level: "configure", Usage: "[nodes]", Short: "erase the configuration",
		MaxArgs: 1, Run: runErase, Complete: completeChoices(0, "nodes"),
		Help: "Remove every object except the nodes (and them too with nodes). Running\n" +
			"resources stop erase."},
	{Name: "load", Level: "configure", Usage: "[xml] {replace|update|push} <file>", Short: "import the configuration from a file",
		MinArgs: 2, MaxArgs: 3, Run: runLoad, Complete: completeChoices(0, "xml", "replace", "update", "push"),
		Help: "replace: the file's configuration replaces everything. update: its objects\n" +
			"are added, replacing those of the same id. push: like replace, but objects\n" +
			"not in the file are removed only when the file defines them. \"-\" reads\n" +
			"standard input."},
	{Name: "save", Level: "configure", Usage: "[xml] [<id>...] <file>", Short: "save the configuration to a file",
		MinArgs: 1, MaxArgs: -1, Run: runSave, Complete: completeIDs("xml")},
	{Name: "verify", Level: "configure", Short: "verify the configuration", Run: runVerify,
		Help: "Check the working copy: dangling references, bad scores and durations,\n" +
			"unknown options (with did-you-mean), missing agent parameters. Warnings do not\n" +
			"block a commit; errors do. Exit status: 0 clean, 1 errors, 3 warnings only."},
	{Name: "commit", Level: "configure", Usage: "[force] [replace]", Short: "commit the changes to the CIB",
		MaxArgs: 2, Run: runCommit, Complete: completeChoices(0, "force", "replace"),
		Help: "Verify the working copy and store it in the CIB, all or nothing. If the CIB\n" +
			"changed since it was loaded, your changes are applied on top of the new CIB,\n" +
			"and when they conflict the commit is refused with a diff; force overrides\n" +
			"that and verification errors. replace is accepted for crmsh compatibility."},
	{Name: "refresh", Level: "configure", Short: "reload the CIB, dropping pending changes", Run: runRefresh},
	{Name: "filter", Level: "configure", Usage: "<prog> [xml] [<id>...]", Short: "filter objects through a program",
		MinArgs: 1, MaxArgs: -1, Run: runFilter, Complete: func(x *CompleteCtx) []Candidate {
			if len(x.Args) == 0 {
				return nil
			}
			return completeIDs("xml")(x)
		},
		Help: "Pipe the configuration (or the objects named) in crm syntax through a shell\n" +
			"command and replace them with its output, e.g. filter \"sed s/10s/20s/\" p1."},
	{Name: "get_property", Level: "configure", Aliases: []string{"get-property"}, Usage: "[-t|--true] <name>...",
		Short: "print cluster property values", MaxArgs: -1, Run: runGetProperty,
		Complete: func(x *CompleteCtx) []Candidate { return words(cib.ClusterOptions.Names()...) }},
	{Name: "ra", Level: "configure", Enter: "ra", Short: "resource agents information center"},
	{Name: "cib", Level: "configure", Enter: "cib", Short: "manage shadow CIBs"},
}

// leaveConfigure handles pending changes when the configure level is
// left: an interactive session asks whether to commit them (never after an
// internal error); a batch commits them unless something failed.
func leaveConfigure(s *Session) error {
	if s.work == nil || !s.work.changed() {
		return nil
	}
	if s.fatal != nil {
		s.work = nil
		return fmt.Errorf("pending changes dropped: not committing after an internal error")
	}
	if !s.interactive {
		return s.commitOnLeave()
	}
	if !s.ask("There are changes pending. Do you want to commit them?") {
		s.work = nil
		return nil
	}
	if err := s.commitOnLeave(); err != nil {
		s.report(s.cur, err)
		if s.ask("The changes were not committed. Leave anyway, dropping them?") {
			s.work = nil
			return nil
		}
		return errStay
	}
	return nil
}

func (s *Session) commitOnLeave() error {
	err := s.commit(false)
	if errors.Is(err, errNothingToCommit) {
		return nil
	}
	return err
}
