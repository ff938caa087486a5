package shell

import (
	"slices"
	"sort"
	"strings"
	"sync"

	"gocrm/cib"
	"gocrm/shell/agents"
)

// Candidate is one completion: the whole word, and whether the word is a
// prefix to go on typing (ocf:, ip=) rather than a finished word that
// takes a blank after it.
type Candidate struct {
	Text    string
	NoSpace bool
}

// Snapshot is what completion looks at: the level, the objects of the
// working CIB, the shadow CIBs and the installed agents. Completion only
// reads it.
type Snapshot struct {
	Level   string
	Objects []ObjectRef
	Shadows []string
	Agents  AgentCatalog // nil: no agent names or meta-data
}

// ObjectRef is one configuration object: its id (a node's name for
// nodes) and crm kind (primitive, group, clone, ms, location, node, ...).
type ObjectRef struct {
	ID, Kind string
}

// AgentCatalog lists agents and their meta-data for completion.
type AgentCatalog interface {
	Classes() []agents.Class
	List(class, provider string) ([]string, error)
	// Meta returns the meta-data of an agent named as in crm syntax, or
	// nil when it is not available.
	Meta(name string) *cib.AgentMetadata
}

// CompleteCtx is handed to a command's completer.
type CompleteCtx struct {
	Snap  *Snapshot
	Level string // the level the command is at
	Cmd   *Command
	Args  []string // the complete words after the command
	Word  string   // the word being completed (may be empty)

	tab *table
}

var (
	completionTable     *table
	completionTableOnce sync.Once
)

func cmdTable() *table {
	completionTableOnce.Do(func() {
		t, err := defaultTable()
		if err != nil {
			panic(err) // the table is static: TestTable catches this
		}
		completionTable = t
	})
	return completionTable
}

// Complete returns the candidates for the word at cursor (a byte offset)
// in line at the snapshot's level. It is a pure function of its inputs
// (agent listings aside, which the catalog provides).
func Complete(line string, cursor int, snap *Snapshot) []Candidate {
	cands, _ := complete(cmdTable(), line, cursor, snap)
	return cands
}

// complete also returns the byte offset where the word being completed
// starts in line.
func complete(t *table, line string, cursor int, snap *Snapshot) ([]Candidate, int) {
	if cursor > len(line) || cursor < 0 {
		cursor = len(line)
	}
	line = line[:cursor]
	ws, _ := splitWords(line)
	words := make([]string, len(ws))
	for i, w := range ws {
		words[i] = w.text
	}
	start := len(line)
	if len(words) == 0 || endsInBlank(line) {
		words = append(words, "")
	} else {
		start = ws[len(ws)-1].off
	}
	cur := words[len(words)-1]
	level := snap.Level
	if level == "" {
		level = "root"
	}
	for i := 0; i < len(words); i++ {
		if i == len(words)-1 {
			return filter(commandCandidates(t, level), cur), start
		}
		cmd, err := t.lookup(level, words[i])
		if err != nil {
			return nil, start
		}
		if cmd.Enter != "" {
			level = cmd.Enter
			continue
		}
		if cmd.Complete == nil {
			return nil, start
		}
		x := &CompleteCtx{tab: t, Snap: snap, Level: level, Cmd: cmd, Args: words[i+1 : len(words)-1], Word: cur}
		return filter(cmd.Complete(x), cur), start
	}
	return nil, start
}

func endsInBlank(line string) bool {
	if line == "" {
		return false
	}
	if _, err := splitWords(line); err != nil {
		return false // inside a quote
	}
	c := line[len(line)-1]
	return (c == ' ' || c == '\t' || c == '\n') && !strings.HasSuffix(line, "\\ ")
}

func commandCandidates(t *table, level string) []Candidate {
	var out []Candidate
	for _, c := range t.commands(level) {
		if !c.Hidden {
			out = append(out, Candidate{Text: c.Name})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Text < out[j].Text })
	return out
}

// filter keeps the candidates that extend word, without duplicates.
func filter(cands []Candidate, word string) []Candidate {
	var out []Candidate
	seen := map[string]bool{}
	for _, c := range cands {
		if strings.HasPrefix(c.Text, word) && !seen[c.Text] {
			seen[c.Text] = true
			out = append(out, c)
		}
	}
	return out
}

// words turns names into finished-word candidates.
func words(names ...string) []Candidate {
	out := make([]Candidate, len(names))
	for i, n := range names {
		out[i] = Candidate{Text: n}
	}
	return out
}

// ids returns the ids of the snapshot's objects of the given kinds (all
// kinds when none are given).
func (snap *Snapshot) ids(kinds ...string) []Candidate {
	var out []Candidate
	for _, o := range snap.Objects {
		if len(kinds) == 0 || slices.Contains(kinds, o.Kind) {
			out = append(out, Candidate{Text: o.ID})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Text < out[j].Text })
	return out
}

// completeHelp completes command and level names for help.
func completeHelp(x *CompleteCtx) []Candidate {
	t := x.tab
	lvl := x.Level
	if len(x.Args) == 1 {
		c, err := t.lookup(lvl, x.Args[0])
		if err != nil || c.Enter == "" {
			return nil
		}
		lvl = c.Enter
	} else if len(x.Args) > 1 {
		return nil
	}
	return commandCandidates(t, lvl)
}

// completeCd completes the levels reachable from the current one.
func completeCd(x *CompleteCtx) []Candidate {
	if len(x.Args) > 0 {
		return nil
	}
	out := []Candidate{{Text: ".."}}
	for _, c := range x.tab.commands(x.Level) {
		if c.Enter != "" {
			out = append(out, Candidate{Text: c.Name})
		}
	}
	return out
}
