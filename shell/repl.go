package shell

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// The read-eval loop: statements are read (joined over continuation
// lines), dispatched to the command table at the current level, and run
// with panics turned into reported internal errors.

const contPrompt = "   > "

// loop reads and runs statements until the input ends or quit.
func (s *Session) loop() {
	for !s.quitting {
		text, pos, err := s.readStatement()
		if errors.Is(err, ErrInterrupt) {
			if s.interactive {
				fmt.Fprintln(s.ui.err, "Ctrl-C, leaving")
			}
			s.quit()
			continue
		}
		if err != nil && text == "" {
			if !errors.Is(err, io.EOF) {
				s.report(pos, fmt.Errorf("read input: %w", err))
			}
			s.quit()
			if !s.quitting {
				s.eofs++
				if s.eofs > 1 {
					// The input keeps ending: nobody is there to decide.
					s.warnf("input ended: uncommitted changes dropped")
					s.work = nil
					s.quit()
				}
			}
			continue
		}
		s.eofs = 0
		s.execLine(text, pos)
	}
}

// readStatement reads one statement: a line, joined with the following
// lines while it ends in a backslash, has an open quote, or is a configure
// statement the grammar finds incomplete.
func (s *Session) readStatement() (string, Pos, error) {
	line, err := s.in.ReadLine(s.prompt())
	if err != nil {
		return "", Pos{File: s.inFile, Line: s.lineNo + 1, Col: 1}, err
	}
	s.lineNo++
	pos := Pos{File: s.inFile, Line: s.lineNo, Col: 1}
	if s.interactive {
		pos.Line = 1
	}
	text := line
	for s.needsMore(text) {
		// A line the grammar found unfinished continues like one
		// ending in a backslash.
		sep := "\n"
		if !trailingBackslash(text) {
			sep = " \\\n"
		}
		more, err := s.in.ReadLine(contPrompt)
		if errors.Is(err, ErrInterrupt) {
			// Ctrl-C on a continuation line drops the statement.
			return "", pos, nil
		}
		if err != nil {
			return text, pos, err
		}
		s.lineNo++
		text += sep + more
	}
	if h, ok := s.in.(interface{ AddHistory(string) }); ok && s.interactive {
		h.AddHistory(text)
	}
	return text, pos, nil
}

// needsMore reports whether text continues on the next line.
func (s *Session) needsMore(text string) bool {
	if trailingBackslash(text) {
		return true
	}
	name, _ := firstWord(text)
	if name == "" || strings.HasPrefix(strings.TrimSpace(text), "#") {
		return false
	}
	// At the prompt a statement the grammar finds unfinished continues
	// (an open set bracket, a missing part); a batch needs backslashes.
	if !s.interactive {
		return false
	}
	if c, err := s.tab.lookup(s.level(), name); err == nil && c.Statement {
		return statementIncomplete(text)
	}
	return false
}

func trailingBackslash(text string) bool {
	t := strings.TrimRight(text, " \t")
	n := 0
	for n < len(t) && t[len(t)-1-n] == '\\' {
		n++
	}
	return n%2 == 1
}

// execLine runs one statement at the current level; it reports whether
// the statement succeeded.
func (s *Session) execLine(text string, pos Pos) bool {
	trimmed := strings.TrimSpace(text)
	if trimmed == "" || strings.HasPrefix(trimmed, "#") {
		return true
	}
	name, off := firstWord(text)
	pos = pos.advance(text, off)
	cmd, err := s.tab.lookup(s.level(), name)
	if err != nil {
		s.report(pos, err)
		return false
	}
	return s.execCmd(cmd, name, text[off+len(name):], pos)
}

func (s *Session) execCmd(cmd *Command, name, rest string, pos Pos) bool {
	restPos := pos
	restPos.Col += len([]rune(name))
	if cmd.Enter != "" {
		if cmd.Enter == "configure" && s.work != nil && !s.work.changed() {
			s.work = nil // reload: the CIB may have changed meanwhile
		}
		if strings.TrimSpace(rest) == "" {
			s.stack = append(s.stack, cmd.Enter)
			return true
		}
		depth := len(s.stack)
		s.stack = append(s.stack, cmd.Enter)
		ok := s.execLine(rest, restPos)
		// Come back, leaving whatever levels the command entered.
		for len(s.stack) > depth && !s.quitting {
			if !s.leaveLevel() {
				ok = false
			}
		}
		return ok
	}
	call := &Call{Cmd: cmd, Name: name, Pos: pos}
	if cmd.Statement {
		call.Raw = cmd.Name + rest
	} else {
		words, err := splitWords(rest)
		if err != nil {
			s.report(pos, err)
			return false
		}
		for _, w := range words {
			call.Args = append(call.Args, w.text)
			call.ArgPos = append(call.ArgPos, restPos.advance(rest, w.off))
		}
		if len(call.Args) < cmd.MinArgs || (cmd.MaxArgs >= 0 && len(call.Args) > cmd.MaxArgs) {
			s.report(pos, fmt.Errorf("usage: %s", usageLine(cmd)))
			return false
		}
	}
	return s.run(call)
}

// run runs a call, turning a panic into a reported internal error that
// marks the session fatal: nothing is committed after it.
func (s *Session) run(c *Call) (ok bool) {
	s.cur = c.Pos
	defer func() {
		if r := recover(); r != nil {
			s.fatal = fmt.Errorf("internal error in %s: %v", c.Cmd.Name, r)
			s.report(c.Pos, fmt.Errorf("%w (this is a bug; please report it with the input that caused it)", s.fatal))
			if debugEnabled(s.env) {
				fmt.Fprintf(s.ui.err, "%s\n", debug.Stack())
			}
			ok = false
		}
	}()
	if err := c.Cmd.Run(s, c); err != nil {
		s.report(c.Pos, err)
		return false
	}
	return true
}

func usageLine(c *Command) string {
	if c.Usage == "" {
		return c.Name
	}
	return c.Name + " " + c.Usage
}

// errStay is returned by a Leave hook that keeps the session in its
// level (the user chose not to lose uncommitted changes).
var errStay = errors.New("staying in the level")

// leaveLevel leaves the current level, running its Leave hook. It returns
// false when the level was not left (errStay) or the hook failed (the
// level is left then; the failure is reported). The root is never left.
func (s *Session) leaveLevel() bool {
	if len(s.stack) == 1 {
		return true
	}
	ok := true
	if l := s.tab.levels[s.level()]; l.Leave != nil && !s.levelBelow(l.Name) {
		err := l.Leave(s)
		if errors.Is(err, errStay) {
			return false
		}
		if err != nil {
			s.report(Pos{File: s.inFile}, err)
			ok = false
		}
	}
	s.stack = s.stack[:len(s.stack)-1]
	return ok
}

// levelBelow reports whether the level also appears lower in the stack
// (configure → ra → configure): then leaving the top copy is not leaving.
func (s *Session) levelBelow(name string) bool {
	for _, l := range s.stack[:len(s.stack)-1] {
		if l == name {
			return true
		}
	}
	return false
}

// quit leaves every level and stops the loop, unless a level keeps the
// session (uncommitted changes the user did not want to lose).
func (s *Session) quit() {
	for len(s.stack) > 1 {
		depth := len(s.stack)
		if !s.leaveLevel() {
			if len(s.stack) == depth {
				return // stayed
			}
			s.quitFailed = true
		}
	}
	s.quitting = true
}
