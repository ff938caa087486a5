package shell

import (
	"io"
	"strings"
)

// page shows text: through $PAGER (less by default) when a person is
// reading at a terminal and the text is taller than it, else on stdout.
func (s *Session) page(text string) error {
	if !(s.interactive || s.canAsk) || !s.env.StdoutTTY || s.env.Spawn == nil || s.env.TermHeight == nil {
		_, err := io.WriteString(s.ui.out, text)
		return err
	}
	h := s.env.TermHeight()
	if h <= 0 || strings.Count(text, "\n") < h-1 {
		_, err := io.WriteString(s.ui.out, text)
		return err
	}
	pager := s.env.Getenv("PAGER")
	if pager == "" {
		pager = "less -R"
	}
	if err := s.env.Spawn(shellArgv(pager), strings.NewReader(text)); err != nil {
		s.warnf("pager %q failed (%v); printing instead", pager, err)
		_, err = io.WriteString(s.ui.out, text)
		return err
	}
	return nil
}

// shellArgv runs a user-given command line ($EDITOR, $PAGER, a filter)
// through sh, so it may hold options ("emacs -nw"), followed by args.
func shellArgv(cmdline string, args ...string) []string {
	return append([]string{"/bin/sh", "-c", cmdline + ` "$@"`, "sh"}, args...)
}
