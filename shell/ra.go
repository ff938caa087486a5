package shell

import (
	"fmt"
	"path/filepath"
	"strings"

	"gocrm/cib"
	"gocrm/shell/agents"
)

var raCommands = []*Command{
	{Name: "classes", Level: "ra", Short: "list the agent classes and OCF providers",
		Run: runRAClasses},
	{Name: "list", Level: "ra", Usage: "<class> [<provider>]", Short: "list the agents of a class",
		MinArgs: 1, MaxArgs: 2, Run: runRAList, Complete: completeRAList,
		Help: "List the agents of a class (ocf, lsb, service, stonith, systemd); for ocf,\n" +
			"optionally of one provider only."},
	{Name: "info", Level: "ra", Aliases: []string{"meta"}, Usage: "<agent>",
		Short: "show an agent's meta-data", MinArgs: 1, MaxArgs: 1, Run: runRAInfo,
		Complete: func(x *CompleteCtx) []Candidate {
			if len(x.Args) > 0 {
				return nil
			}
			return completeAgent(x.Snap.Agents, x.Word)
		},
		Help: "Show an agent's parameters (required ones marked *, defaults in []) and its\n" +
			"advised operation timeouts. The agent is class:provider:type (ocf),\n" +
			"class:type (stonith:fence_xvm, lsb:x, systemd:x) or a bare OCF type."},
	{Name: "providers", Level: "ra", Usage: "<type>", Short: "list the OCF providers of an agent type",
		MinArgs: 1, MaxArgs: 1, Run: runRAProviders},
}

// agentLib returns the session's agent library, made on first use.
func (s *Session) agentLib() *agents.Lib {
	if s.lib == nil {
		r := s.env.Runner
		if r == nil {
			r = agents.ExecRunner{}
		}
		dirs := agents.DefaultDirs(s.env.Getenv)
		if s.env.AgentDirs != nil {
			dirs = *s.env.AgentDirs
		}
		s.lib = agents.New(dirs, r)
		if c := cacheDir(s.env); c != "" {
			s.lib.CacheDir = filepath.Join(c, "metadata")
		}
	}
	return s.lib
}

func runRAClasses(s *Session, c *Call) error {
	for _, cl := range s.agentLib().Classes() {
		if len(cl.Providers) > 0 {
			s.printf("%s / %s\n", cl.Name, strings.Join(cl.Providers, " "))
		} else {
			s.printf("%s\n", cl.Name)
		}
	}
	return nil
}

func runRAList(s *Session, c *Call) error {
	provider := ""
	if len(c.Args) > 1 {
		if c.Args[0] != "ocf" {
			return c.ArgError(1, "only the ocf class has providers")
		}
		provider = c.Args[1]
	}
	list, err := s.agentLib().List(c.Args[0], provider)
	if err != nil {
		return c.ArgError(0, "%v", err)
	}
	s.printf("%s", columns(list, 80))
	return nil
}

func runRAProviders(s *Session, c *Call) error {
	ps := s.agentLib().Providers(c.Args[0])
	if len(ps) == 0 {
		return c.ArgError(0, "no OCF agent named %s", c.Args[0])
	}
	s.printf("%s\n", strings.Join(ps, " "))
	return nil
}

func completeRAList(x *CompleteCtx) []Candidate {
	if x.Snap.Agents == nil {
		return nil
	}
	switch len(x.Args) {
	case 0:
		var out []Candidate
		for _, c := range x.Snap.Agents.Classes() {
			out = append(out, Candidate{Text: c.Name})
		}
		return out
	case 1:
		if x.Args[0] == "ocf" {
			for _, c := range x.Snap.Agents.Classes() {
				if c.Name == "ocf" {
					return words(c.Providers...)
				}
			}
		}
	}
	return nil
}

// agentMeta resolves an agent name and parses its meta-data.
func (s *Session) agentMeta(name string) (agents.Agent, *cib.AgentMetadata, error) {
	lib := s.agentLib()
	a, err := lib.Resolve(name)
	if err != nil {
		return a, nil, err
	}
	data, err := lib.MetaData(a)
	if err != nil {
		return a, nil, err
	}
	m, err := cib.ParseMetadataBytes(data)
	if err != nil {
		return a, nil, fmt.Errorf("%s: %w", a, err)
	}
	return a, m, nil
}

func runRAInfo(s *Session, c *Call) error {
	a, m, err := s.agentMeta(c.Args[0])
	if err != nil {
		return c.ArgError(0, "%v", err)
	}
	return s.page(formatAgentInfo(a, m))
}

// formatAgentInfo lays meta-data out for people, as crm ra info does.
func formatAgentInfo(a agents.Agent, m *cib.AgentMetadata) string {
	var b strings.Builder
	title := m.ShortDesc
	if title == "" {
		title = a.Type
	}
	fmt.Fprintf(&b, "%s (%s)\n\n", title, a)
	if m.LongDesc != "" && m.LongDesc != m.ShortDesc {
		b.WriteString(wrap(m.LongDesc, "", 80))
		b.WriteString("\n")
	}
	if len(m.Params) > 0 {
		b.WriteString("Parameters (*: required, []: default):\n\n")
		for _, p := range m.Params {
			name := p.Name
			if p.Required {
				name += "*"
			}
			typ := p.Type
			if typ == "" {
				typ = "string"
			}
			if p.HasDefault && p.Default != "" {
				typ += ", [" + p.Default + "]"
			}
			fmt.Fprintf(&b, "%s (%s): %s\n", name, typ, p.ShortDesc)
			if p.LongDesc != "" && p.LongDesc != p.ShortDesc {
				b.WriteString(wrap(p.LongDesc, "    ", 80))
			}
			if len(p.Choices) > 0 {
				fmt.Fprintf(&b, "    Allowed values: %s\n", strings.Join(p.Choices, ", "))
			}
			if p.Deprecated {
				msg := "    Deprecated"
				if len(p.ReplacedWith) > 0 {
					msg += ": use " + strings.Join(p.ReplacedWith, ", ")
				}
				b.WriteString(msg + "\n")
			}
			b.WriteString("\n")
		}
	}
	if len(m.Actions) > 0 {
		b.WriteString("Operations' defaults (advisory minimum):\n\n")
		w := 0
		for _, act := range m.Actions {
			w = max(w, len(act.Name)+len(act.Role)+1)
		}
		for _, act := range m.Actions {
			name := act.Name
			if act.Role != "" {
				name += "_" + act.Role
			}
			line := fmt.Sprintf("    %-*s", w+1, name)
			var attrs []string
			if act.Timeout > 0 {
				attrs = append(attrs, "timeout="+cib.FormatDuration(act.Timeout))
			}
			if act.Interval > 0 {
				attrs = append(attrs, "interval="+cib.FormatDuration(act.Interval))
			}
			if act.Depth != "" {
				attrs = append(attrs, "depth="+act.Depth)
			}
			b.WriteString(strings.TrimRight(line+strings.Join(attrs, " "), " ") + "\n")
		}
	}
	return b.String()
}

// wrap re-flows paragraphs of text to width, each line prefixed by indent.
// Blank lines separate paragraphs.
func wrap(text, indent string, width int) string {
	var b strings.Builder
	for i, para := range strings.Split(strings.ReplaceAll(text, "\r", ""), "\n\n") {
		fields := strings.Fields(para)
		if len(fields) == 0 {
			continue
		}
		if i > 0 {
			b.WriteString("\n")
		}
		line := indent
		for _, f := range fields {
			if len(line) > len(indent) && len(line)+1+len(f) > width {
				b.WriteString(line + "\n")
				line = indent
			}
			if len(line) > len(indent) {
				line += " "
			}
			line += f
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}
