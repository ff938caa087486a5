package shell

import (
	"fmt"
	"os"
	"regexp"
	"strings"

	"gocrm/cib"
)

// runShow prints the working copy, or part of it, in crm syntax or XML;
// show changed prints the pending changes as a diff.
func runShow(s *Session, c *Call) error {
	w, err := s.workspace()
	if err != nil {
		return err
	}
	args, off := c.Args, 0
	xml := false
	if len(args) > 0 && args[0] == "xml" {
		xml, args, off = true, args[1:], 1
	}
	if len(args) == 1 && args[0] == "changed" {
		var a, b string
		if xml {
			a, b = string(cib.Marshal(w.loaded)), string(cib.Marshal(w.work))
		} else {
			a, b = showCIB(w.loaded), showCIB(w.work)
		}
		summary := ""
		for _, l := range strings.SplitAfter(changeSummary(w.loaded, w.work), "\n") {
			if l != "" {
				summary += "# " + l
			}
		}
		return s.page(summary + unifiedDiff("loaded", "working copy", a, b))
	}
	sel, err := parseSelection(c, args, off, w.work)
	if err != nil {
		return err
	}
	if xml {
		return s.page(selectionXML(w.work, sel))
	}
	return s.page(s.colourShow(obscure(showSelection(w.work, sel))))
}

// secretParam matches the parameters show masks, as crmsh's default
// obscure_pattern (passw*) does: password=..., passwd_script=...
var secretParam = regexp.MustCompile(`(^|[ \t])(passw[^= \t]*)=("(?:[^"\\]|\\.)*"|[^ \t\n]+)`)

// obscure masks the values of password parameters in crm text. Edit and
// save show the real values.
func obscure(text string) string {
	if !strings.Contains(text, "passw") {
		return text
	}
	return secretParam.ReplaceAllString(text, `$1$2="******"`)
}

// runSave writes the working copy, or part of it, to a file.
func runSave(s *Session, c *Call) error {
	w, err := s.workspace()
	if err != nil {
		return err
	}
	args, off := c.Args, 0
	xml := false
	if len(args) > 0 && args[0] == "xml" {
		xml, args, off = true, args[1:], 1
	}
	if len(args) == 0 {
		return fmt.Errorf("usage: %s", usageLine(c.Cmd))
	}
	file := args[len(args)-1]
	sel, err := parseSelection(c, args[:len(args)-1], off, w.work)
	if err != nil {
		return err
	}
	text := showSelection(w.work, sel)
	if xml {
		text = selectionXML(w.work, sel)
	}
	if file == "-" {
		s.printf("%s", text)
		return nil
	}
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		return c.ArgError(len(c.Args)-1, "%v", err)
	}
	return nil
}

// showSelection prints the selected objects in crm syntax.
func showSelection(c *cib.CIB, sel selection) string {
	return keepSelected(showCIB(subset(c, sel)), sel)
}

// colourShow colours crm text for a terminal: statement keywords and the
// ids after them.
func (s *Session) colourShow(text string) string {
	if !s.ui.outColour {
		return text
	}
	p := s.ui.outPal
	var b strings.Builder
	for _, line := range strings.SplitAfter(text, "\n") {
		kw, off := firstWord(line)
		if off == 0 && kw != "" && isStatementKeyword(kw) {
			rest := line[len(kw):]
			id, idOff := firstWord(rest)
			b.WriteString(p.keyword.Sprint(kw))
			b.WriteString(rest[:idOff])
			b.WriteString(p.id.Sprint(id))
			b.WriteString(rest[idOff+len(id):])
			continue
		}
		b.WriteString(line)
	}
	return b.String()
}

func isStatementKeyword(w string) bool {
	for _, k := range statementKinds {
		if k.name == w {
			return true
		}
	}
	return false
}
