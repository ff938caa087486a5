package shell

import (
	"fmt"
	"sort"
	"strings"
)

// Command is one verb of the shell. The whole shell is the table of these
// records (see table.go): dispatch, prefix matching, help and completion
// are all generated from it.
type Command struct {
	Name    string
	Level   string   // the level it belongs to; "*" for every level
	Aliases []string // other names (not listed in help summaries)
	Usage   string   // the arguments, e.g. "[xml] [changed|<id>...]"
	Short   string   // one line for level summaries
	Help    string   // longer text; may be empty
	// MinArgs and MaxArgs bound the number of arguments; MaxArgs < 0
	// means no limit.
	MinArgs, MaxArgs int
	// Enter names the level this command enters. With arguments
	// ("configure show") the arguments run as one command at that level
	// and the session comes back, as crmsh does.
	Enter string
	// Statement marks configure statements: Run receives the raw text of
	// the whole statement (continuation lines included), which the grammar
	// parses, rather than shell-split arguments.
	Statement bool
	Hidden    bool // left out of help and completion
	// Run does the work. A returned error is reported with the command's
	// position and makes the command fail.
	Run func(s *Session, c *Call) error
	// Complete returns candidates for the argument being typed; nil means
	// no completion beyond the generic one.
	Complete func(x *CompleteCtx) []Candidate
}

// Call is one invocation of a command.
type Call struct {
	Cmd  *Command
	Name string   // the name as the user typed it
	Args []string // shell-split arguments (not for statements)
	// ArgPos are the positions of Args, for error messages.
	ArgPos []Pos
	Raw    string // the whole statement text, keyword canonicalised
	Pos    Pos    // position of the command word
}

// ArgError returns an error positioned at argument i.
func (c *Call) ArgError(i int, format string, args ...any) error {
	p := c.Pos
	if i >= 0 && i < len(c.ArgPos) {
		p = c.ArgPos[i]
	}
	return &PosError{Pos: p, Err: fmt.Errorf(format, args...)}
}

// Level is one level of the shell (root, configure, cib, ra).
type Level struct {
	Name  string
	Short string
	Help  string
	// Leave runs when the session leaves the level (up, cd .., quit, or
	// the end of a one-shot command): configure commits or asks about
	// pending changes there.
	Leave func(s *Session) error
}

// table is the resolved command table: per level, the commands in table
// order and a name/alias index.
type table struct {
	levels map[string]*Level
	byLvl  map[string][]*Command
	names  map[string]map[string]*Command
}

func newTable(levels []*Level, cmds []*Command) (*table, error) {
	t := &table{
		levels: map[string]*Level{},
		byLvl:  map[string][]*Command{},
		names:  map[string]map[string]*Command{},
	}
	for _, l := range levels {
		t.levels[l.Name] = l
		t.names[l.Name] = map[string]*Command{}
	}
	add := func(lvl string, c *Command) error {
		t.byLvl[lvl] = append(t.byLvl[lvl], c)
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			if old, dup := t.names[lvl][n]; dup {
				return fmt.Errorf("command table: %s: %q names both %s and %s", lvl, n, old.Name, c.Name)
			}
			t.names[lvl][n] = c
		}
		return nil
	}
	for _, c := range cmds {
		if c.Enter != "" && t.levels[c.Enter] == nil {
			return nil, fmt.Errorf("command table: %s enters unknown level %q", c.Name, c.Enter)
		}
		if c.Level == "*" {
			for _, l := range levels {
				if err := add(l.Name, c); err != nil {
					return nil, err
				}
			}
			continue
		}
		if t.levels[c.Level] == nil {
			return nil, fmt.Errorf("command table: %s is in unknown level %q", c.Name, c.Level)
		}
		if err := add(c.Level, c); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// commands returns the commands of a level in table order.
func (t *table) commands(level string) []*Command { return t.byLvl[level] }

// lookupError is returned by lookup for an unknown or ambiguous name.
type lookupError struct {
	name    string
	level   string
	matches []string // ambiguous prefix matches
	close   []string // close matches of an unknown name
}

func (e *lookupError) Error() string {
	if len(e.matches) > 0 {
		return fmt.Sprintf("%q is ambiguous at the %s level: it could be %s", e.name, e.level, strings.Join(e.matches, ", "))
	}
	msg := fmt.Sprintf("unknown command %q at the %s level", e.name, e.level)
	if len(e.close) > 0 {
		msg += "; did you mean " + orList(e.close) + "?"
	} else {
		msg += " (try help)"
	}
	return msg
}

func orList(words []string) string {
	switch len(words) {
	case 1:
		return words[0]
	case 2:
		return words[0] + " or " + words[1]
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// lookup resolves name at level: an exact name or alias, else a unique
// prefix of the visible names and aliases. Hidden commands match exactly
// only.
func (t *table) lookup(level, name string) (*Command, error) {
	names := t.names[level]
	if c, ok := names[name]; ok {
		return c, nil
	}
	var matches []*Command
	var matchNames []string
	for n, c := range names {
		if c.Hidden || !strings.HasPrefix(n, name) || name == "" {
			continue
		}
		dup := false
		for _, m := range matches {
			dup = dup || m == c
		}
		if !dup {
			matches = append(matches, c)
			matchNames = append(matchNames, c.Name)
		}
	}
	if len(matches) == 1 {
		return matches[0], nil
	}
	if len(matches) > 1 {
		sort.Strings(matchNames)
		return nil, &lookupError{name: name, level: level, matches: matchNames}
	}
	var visible []string
	for n, c := range names {
		if !c.Hidden && n[0] >= 'a' && n[0] <= 'z' {
			visible = append(visible, n)
		}
	}
	return nil, &lookupError{name: name, level: level, close: closeMatches(name, visible, 4)}
}
