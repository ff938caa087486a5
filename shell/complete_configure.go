package shell

import (
	"slices"
	"sort"
	"strings"

	"gocrm/cib"
)

// Object kinds that are resources, for completing references.
var resourceKinds = []string{"primitive", "group", "clone", "ms", "bundle"}

// completeAgent completes agent names: classes, then providers, then
// types, each part ending in ':' until the name is whole.
func completeAgent(cat AgentCatalog, word string) []Candidate {
	if cat == nil {
		return nil
	}
	parts := strings.Split(word, ":")
	var out []Candidate
	switch len(parts) {
	case 1:
		for _, c := range cat.Classes() {
			out = append(out, Candidate{Text: c.Name + ":", NoSpace: true})
		}
	case 2:
		class := parts[0]
		if class == "ocf" {
			for _, c := range cat.Classes() {
				if c.Name == "ocf" {
					for _, p := range c.Providers {
						out = append(out, Candidate{Text: "ocf:" + p + ":", NoSpace: true})
					}
				}
			}
			break
		}
		list, _ := cat.List(class, "")
		for _, t := range list {
			out = append(out, Candidate{Text: class + ":" + t})
		}
	case 3:
		if parts[0] != "ocf" {
			return nil
		}
		list, _ := cat.List("ocf", parts[1])
		for _, t := range list {
			out = append(out, Candidate{Text: "ocf:" + parts[1] + ":" + t})
		}
	}
	return out
}

// Blocks of a resource statement.
var resourceBlocks = []string{"params", "meta", "utilization", "op"}

// blockState finds the block the cursor is in: the last block keyword
// before it, and for op the operation's name (empty while it is being
// typed).
func blockState(args []string, keywords []string) (block, opName string, used map[string]bool) {
	used = map[string]bool{}
	for _, w := range args {
		if slices.Contains(keywords, w) {
			block, opName = w, ""
			if w != "op" {
				used = map[string]bool{}
			}
			continue
		}
		if block == "op" && opName == "" {
			opName = w
			used = map[string]bool{}
			continue
		}
		if name, _, ok := strings.Cut(w, "="); ok {
			used[name] = true
		}
	}
	return block, opName, used
}

// completeBlocks completes inside the params/meta/utilization/op blocks
// of a resource whose agent is agent ("" when unknown).
func completeBlocks(x *CompleteCtx, agent string, args []string, keywords []string) []Candidate {
	var meta *cib.AgentMetadata
	if agent != "" && x.Snap.Agents != nil {
		meta = x.Snap.Agents.Meta(agent)
	}
	block, opName, used := blockState(args, keywords)
	if block == "op" && opName == "" {
		return opNames(meta)
	}
	if name, _, ok := strings.Cut(x.Word, "="); ok {
		return prefixed(name+"=", blockValues(block, opName, name, meta))
	}
	out := words(keywords...)
	var names []string
	switch block {
	case "params":
		if meta != nil {
			names = meta.ParamNames()
		}
	case "meta":
		names = cib.ResourceMetaOptions.Names()
	case "op":
		names = []string{"interval", "timeout", "role", "on-fail", "enabled", "record-pending", "start-delay", "interval-origin", "description"}
	}
	for _, n := range names {
		if !used[n] {
			out = append(out, Candidate{Text: n + "=", NoSpace: true})
		}
	}
	return out
}

// opNames are the operations an agent advises, or the usual ones.
func opNames(meta *cib.AgentMetadata) []Candidate {
	names := []string{"start", "stop", "monitor", "promote", "demote", "migrate_to", "migrate_from", "notify", "reload"}
	if meta != nil && len(meta.Actions) > 0 {
		names = nil
		for _, a := range meta.Actions {
			if a.Name != "meta-data" && a.Name != "validate-all" && !slices.Contains(names, a.Name) {
				names = append(names, a.Name)
			}
		}
	}
	return words(names...)
}

// blockValues are advised values for name in a block: an agent's
// defaults and choices, an option's allowed values, and for op timeout
// and interval the agent's advice.
func blockValues(block, opName, name string, meta *cib.AgentMetadata) []string {
	switch block {
	case "params":
		if meta == nil {
			return nil
		}
		p, ok := meta.Param(name)
		if !ok {
			return nil
		}
		vals := append([]string(nil), p.Choices...)
		if p.Type == "boolean" {
			vals = append(vals, "true", "false")
		}
		if p.HasDefault && p.Default != "" {
			// The default first.
			vals = append([]string{p.Default}, vals...)
		}
		return uniq(vals)
	case "meta":
		return optionValues(cib.ResourceMetaOptions, name)
	case "op":
		var vals []string
		if meta != nil {
			for _, a := range meta.Actions {
				if a.Name != opName {
					continue
				}
				switch {
				case name == "timeout" && a.Timeout > 0:
					vals = append(vals, cib.FormatDuration(a.Timeout))
				case name == "interval" && a.Interval > 0:
					vals = append(vals, cib.FormatDuration(a.Interval))
				case name == "role" && a.Role != "":
					vals = append(vals, a.Role)
				}
			}
		}
		return uniq(append(vals, optionValues(cib.OpOptions, name)...))
	}
	return nil
}

func optionValues(t *cib.OptionTable, name string) []string {
	o, ok := t.Lookup(name)
	if !ok {
		return nil
	}
	switch o.Type {
	case cib.TypeSelect:
		return o.Values
	case cib.TypeBoolean:
		return []string{"true", "false"}
	}
	if o.Default != "" {
		return []string{o.Default}
	}
	return nil
}

func prefixed(prefix string, vals []string) []Candidate {
	out := make([]Candidate, len(vals))
	for i, v := range vals {
		out[i] = Candidate{Text: prefix + v}
	}
	return out
}

func uniq(s []string) []string {
	var out []string
	for _, x := range s {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// completeOptions completes name=value lists from an option table
// (property, rsc_defaults, op_defaults).
func completeOptions(t *cib.OptionTable) func(*CompleteCtx) []Candidate {
	return func(x *CompleteCtx) []Candidate {
		if name, _, ok := strings.Cut(x.Word, "="); ok {
			return prefixed(name+"=", optionValues(t, name))
		}
		used := map[string]bool{}
		for _, a := range x.Args {
			if n, _, ok := strings.Cut(a, "="); ok {
				used[n] = true
			}
		}
		var out []Candidate
		for _, n := range t.Names() {
			if o, _ := t.Lookup(n); !used[n] && !o.ReadOnly && o.Deprecated == "" {
				out = append(out, Candidate{Text: n + "=", NoSpace: true})
			}
		}
		return out
	}
}

func completePrimitive(x *CompleteCtx) []Candidate {
	switch len(x.Args) {
	case 0:
		return nil // a new id
	case 1:
		out := completeAgent(x.Snap.Agents, x.Word)
		for _, t := range x.Snap.ids("rsc_template") {
			out = append(out, Candidate{Text: "@" + t.Text})
		}
		return out
	}
	agent := x.Args[1]
	if strings.HasPrefix(agent, "@") {
		agent = ""
	}
	return completeBlocks(x, agent, x.Args[2:], resourceBlocks)
}

// completeContainer completes group, clone and ms: members, then blocks.
func completeContainer(memberKinds []string, maxMembers int) func(*CompleteCtx) []Candidate {
	return func(x *CompleteCtx) []Candidate {
		if len(x.Args) == 0 {
			return nil
		}
		rest := x.Args[1:]
		members := 0
		for _, a := range rest {
			if slices.Contains(resourceBlocks, a) {
				return completeBlocks(x, "", rest, []string{"params", "meta"})
			}
			members++
		}
		out := words("params", "meta")
		if maxMembers < 0 || members < maxMembers {
			out = append(x.Snap.ids(memberKinds...), out...)
		}
		return out
	}
}

func completeLocation(x *CompleteCtx) []Candidate {
	switch len(x.Args) {
	case 0:
		return nil
	case 1:
		return x.Snap.ids(resourceKinds...)
	case 2:
		return append(words("rule"), Candidate{Text: "inf:", NoSpace: true}, Candidate{Text: "-inf:", NoSpace: true})
	case 3:
		if x.Args[2] != "rule" {
			return x.Snap.ids("node")
		}
	}
	return nil
}

func completeColocation(x *CompleteCtx) []Candidate {
	switch len(x.Args) {
	case 0:
		return nil
	case 1:
		return []Candidate{{Text: "inf:", NoSpace: true}, {Text: "-inf:", NoSpace: true}}
	}
	return x.Snap.ids(resourceKinds...)
}

func completeOrder(x *CompleteCtx) []Candidate {
	switch len(x.Args) {
	case 0:
		return nil
	case 1:
		var out []Candidate
		for _, k := range []string{"Mandatory:", "Optional:", "Serialize:", "inf:", "0:"} {
			out = append(out, Candidate{Text: k, NoSpace: true})
		}
		return out
	}
	return x.Snap.ids(resourceKinds...)
}

// completeTag completes a tag's members.
func completeTag(x *CompleteCtx) []Candidate {
	if len(x.Args) == 0 {
		return nil
	}
	return x.Snap.ids(resourceKinds...)
}

// completeIDs completes object ids, plus fixed words, for every argument.
func completeIDs(fixed ...string) func(*CompleteCtx) []Candidate {
	return func(x *CompleteCtx) []Candidate {
		var out []Candidate
		for _, f := range fixed {
			out = append(out, Candidate{Text: f, NoSpace: strings.HasSuffix(f, ":")})
		}
		for _, k := range objectKinds {
			if strings.HasPrefix(x.Word, "type:") {
				out = append(out, Candidate{Text: "type:" + k})
			}
		}
		return append(out, x.Snap.ids()...)
	}
}

// objectKinds are the crm kinds, for "show type:KIND".
var objectKinds = func() []string {
	k := []string{"node", "primitive", "group", "clone", "ms", "bundle", "rsc_template",
		"location", "colocation", "order", "rsc_ticket", "property", "rsc_defaults",
		"op_defaults", "fencing_topology", "tag", "acl_target", "acl_group", "role", "alert"}
	sort.Strings(k)
	return k
}()
