package shell

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gocrm/cib"
	"gocrm/grammar"
)

// markPrefix starts the lines the edit flow adds to mark errors; they are
// removed before the text is read back.
const markPrefix = "#!crm: "

// editName names the edited text in error messages.
const editName = "<edit>"

// textProblem is an error in edited text: a line (1-based, 0 when it
// concerns no line) and column, and the message.
type textProblem struct {
	line, col int
	msg       string
}

func runEdit(s *Session, c *Call) error {
	w, err := s.workspace()
	if err != nil {
		return err
	}
	args, off := c.Args, 0
	if len(args) > 0 && args[0] == "xml" {
		return c.ArgError(0, "edit xml is not supported: edit the crm text (edit [<id>...]), or save xml FILE and load xml replace FILE")
	}
	sel, err := parseSelection(c, args, off, w.work)
	if err != nil {
		return err
	}
	original := showSelection(w.work, sel)
	text := original
	prev := ""
	for {
		edited, err := s.runEditor(text)
		if err != nil {
			return err
		}
		edited = stripMarks(edited)
		if edited == stripMarks(original) {
			s.infof("no changes")
			return nil
		}
		next, probs := s.applyEdit(w.work, sel, edited)
		if len(probs) == 0 {
			w.set(next)
			return nil
		}
		for _, p := range probs {
			s.ui.message(sevError, Pos{File: editName, Line: p.line, Col: p.col}, p.msg)
		}
		if edited == prev {
			// Edited again without a change: nobody is fixing it.
			return fmt.Errorf("edit discarded: the text still has %d error(s)", len(probs))
		}
		prev = edited
		if !s.ask("The text has errors. Edit it again (the errors are marked; no discards your edit)?") {
			if s.interactive {
				s.infof("edit discarded; nothing was changed")
				return nil
			}
			return fmt.Errorf("edit discarded: the text has %d error(s); nothing was changed", len(probs))
		}
		text = markErrors(edited, probs)
	}
}

// runEditor opens text in $VISUAL or $EDITOR (vi) and returns what the
// editor saved.
func (s *Session) runEditor(text string) (string, error) {
	if s.env.Spawn == nil {
		return "", errors.New("no editor can be run here")
	}
	editor := s.env.Getenv("VISUAL")
	if editor == "" {
		editor = s.env.Getenv("EDITOR")
	}
	if editor == "" {
		editor = "vi"
	}
	dir, err := os.MkdirTemp("", "crm-edit-")
	if err != nil {
		return "", fmt.Errorf("edit: %w", err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "config.crm")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		return "", fmt.Errorf("edit: %w", err)
	}
	if err := s.env.Spawn(shellArgv(editor, path), nil); err != nil {
		return "", fmt.Errorf("editor %q failed: %w; nothing was changed", editor, err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("edit: %w", err)
	}
	return string(data), nil
}

// stripMarks removes the error marks a previous round added.
func stripMarks(text string) string {
	if !strings.Contains(text, markPrefix) {
		return text
	}
	var b strings.Builder
	for _, l := range strings.SplitAfter(text, "\n") {
		if !strings.HasPrefix(l, markPrefix) {
			b.WriteString(l)
		}
	}
	return b.String()
}

// markErrors puts a mark line above each line with an error; problems
// without a line go to the top.
func markErrors(text string, probs []textProblem) string {
	byLine := map[int][]textProblem{}
	for _, p := range probs {
		byLine[p.line] = append(byLine[p.line], p)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%sLines starting with %q mark errors and are removed when you save.\n", markPrefix, strings.TrimSpace(markPrefix))
	mark := func(ps []textProblem) {
		for _, p := range ps {
			if p.col > 0 {
				fmt.Fprintf(&b, "%sERROR (column %d): %s\n", markPrefix, p.col, oneLine(p.msg))
			} else {
				fmt.Fprintf(&b, "%sERROR: %s\n", markPrefix, oneLine(p.msg))
			}
		}
	}
	mark(byLine[0])
	for i, l := range strings.SplitAfter(text, "\n") {
		mark(byLine[i+1])
		b.WriteString(l)
	}
	return b.String()
}

func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }

// applyEdit replaces the selected objects of cur with what text defines:
// objects in text are created or replaced, selected objects it no longer
// has are removed. It returns the new CIB, or the problems with text.
func (s *Session) applyEdit(cur *cib.CIB, sel selection, text string) (*cib.CIB, []textProblem) {
	script, err := grammar.ParseString(editName, text)
	if err != nil {
		return nil, grammarProblems(err)
	}
	next := cur.Clone()
	defined := map[string]bool{}
	for _, st := range script.Statements {
		if _, id := statementObject(st); id != "" {
			defined[id] = true
		}
	}
	for _, o := range listObjects(subset(cur, sel)) {
		if !defined[o.ID] {
			removeObject(next, o.ID)
		}
	}
	if err := grammar.Apply(next, script.Statements, s.applyOptions(grammar.ModeUpdate)); err != nil {
		return nil, grammarProblems(err)
	}
	var probs []textProblem
	for _, id := range removedRunning(cur, next) {
		probs = append(probs, textProblem{msg: fmt.Sprintf("resource %s is running and cannot be removed here; stop it first", id)})
	}
	for _, p := range s.validate(next) {
		if p.Severity != cib.SeverityError {
			continue
		}
		probs = append(probs, textProblem{line: objectLine(script, p), msg: p.Object + ": " + p.Message})
	}
	sort.SliceStable(probs, func(i, j int) bool { return probs[i].line < probs[j].line })
	if len(probs) > 0 {
		return nil, probs
	}
	return next, nil
}

func grammarProblems(err error) []textProblem {
	var list grammar.ErrorList
	if !errors.As(err, &list) {
		var ge *grammar.Error
		if !errors.As(err, &ge) {
			return []textProblem{{msg: err.Error()}}
		}
		list = grammar.ErrorList{ge}
	}
	out := make([]textProblem, len(list))
	for i, e := range list {
		out[i] = textProblem{line: e.Pos.Line, col: e.Pos.Column, msg: e.Msg}
	}
	return out
}

// objectLine finds the line of the statement defining the object a
// problem is about, 0 when no statement of the text defines it.
func objectLine(script *grammar.Script, p cib.Problem) int {
	id := p.Object[strings.LastIndexByte(p.Object, ' ')+1:]
	for _, st := range script.Statements {
		if _, sid := statementObject(st); sid == id {
			return st.Pos.Line
		}
	}
	return 0
}
