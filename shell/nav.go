package shell

import (
	"fmt"
	"sort"
	"strings"
)

func runUp(s *Session, c *Call) error {
	if len(s.stack) == 1 {
		return fmt.Errorf("already at the top level")
	}
	if !s.leaveLevel() {
		return errSilent
	}
	return nil
}

func runQuit(s *Session, c *Call) error {
	s.quit()
	if s.quitFailed {
		return errSilent
	}
	return nil
}

// runCd enters a level or goes back; a path ("../configure",
// "configure/ra") is walked step by step.
func runCd(s *Session, c *Call) error {
	path := ".."
	if len(c.Args) > 0 {
		path = c.Args[0]
	}
	for _, step := range strings.Split(path, "/") {
		switch step {
		case "", ".":
		case "..":
			if len(s.stack) == 1 {
				return c.ArgError(0, "already at the top level")
			}
			if !s.leaveLevel() {
				return errSilent
			}
		default:
			cmd, err := s.tab.lookup(s.level(), step)
			if err != nil || cmd.Enter == "" {
				return c.ArgError(0, "%s: no such level below %s", step, s.level())
			}
			s.stack = append(s.stack, cmd.Enter)
		}
	}
	return nil
}

// runLs lists the levels and commands reachable from here.
func runLs(s *Session, c *Call) error {
	var names []string
	if len(s.stack) > 1 {
		names = append(names, "..")
	}
	for _, cmd := range s.tab.commands(s.level()) {
		if !cmd.Hidden {
			names = append(names, cmd.Name)
		}
	}
	sort.Strings(names)
	s.printf("%s", columns(names, 80))
	return nil
}

// columns lays words out in rows across width, as crmsh's multicolumn
// does: as many columns of equal width as the longest word (at least 8,
// plus a gap of 2) allows, filled left to right.
func columns(words []string, width int) string {
	if len(words) == 0 {
		return ""
	}
	w := 8
	for _, x := range words {
		w = max(w, len(x))
	}
	ncol := max(1, width/(w+2))
	colw := width / ncol
	var b strings.Builder
	for i := 0; i < len(words); i += ncol {
		line := ""
		for j := i; j < len(words) && j < i+ncol; j++ {
			line += fmt.Sprintf("%-*s", colw, words[j])
		}
		b.WriteString(strings.TrimRight(line, " "))
		b.WriteByte('\n')
	}
	return b.String()
}

// runHelp prints help generated from the table.
func runHelp(s *Session, c *Call) error {
	lvl := s.level()
	args := c.Args
	if len(args) > 0 {
		if cmd, err := s.tab.lookup(lvl, args[0]); err == nil && cmd.Enter != "" {
			lvl, args = cmd.Enter, args[1:]
		}
	}
	var text string
	if len(args) == 0 {
		text = levelHelp(s.tab, lvl)
	} else {
		cmd, err := s.tab.lookup(lvl, args[0])
		if err != nil {
			return c.ArgError(0, "%v", err)
		}
		text = commandHelp(cmd)
	}
	return s.page(text)
}

func levelHelp(t *table, lvl string) string {
	var b strings.Builder
	l := t.levels[lvl]
	if lvl == "root" {
		b.WriteString("crm: the cluster shell\n\n")
	} else {
		fmt.Fprintf(&b, "%s: %s\n\n", lvl, l.Short)
	}
	if l.Help != "" {
		b.WriteString(l.Help + "\n\n")
	}
	var lvls, cmds []*Command
	for _, c := range t.commands(lvl) {
		switch {
		case c.Hidden || c.Level == "*":
		case c.Enter != "":
			lvls = append(lvls, c)
		default:
			cmds = append(cmds, c)
		}
	}
	section := func(title string, cs []*Command) {
		if len(cs) == 0 {
			return
		}
		b.WriteString(title + ":\n")
		for _, c := range cs {
			fmt.Fprintf(&b, "  %-16s %s\n", c.Name, c.Short)
		}
		b.WriteString("\n")
	}
	section("Levels", lvls)
	section("Commands", cmds)
	var common []string
	for _, c := range t.commands(lvl) {
		if c.Level == "*" {
			common = append(common, c.Name)
		}
	}
	fmt.Fprintf(&b, "At every level: %s. A unique prefix of a command works (ve: verify).\n"+
		"Use \"help COMMAND\" for details.\n", strings.Join(common, ", "))
	return b.String()
}

func commandHelp(c *Command) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n\nusage: %s\n", c.Name, c.Short, usageLine(c))
	if len(c.Aliases) > 0 {
		fmt.Fprintf(&b, "aliases: %s\n", strings.Join(c.Aliases, ", "))
	}
	if c.Help != "" {
		b.WriteString("\n" + strings.TrimRight(c.Help, "\n") + "\n")
	}
	return b.String()
}
