package shell

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"gocrm/shell/agents"
)

// Session is one run of the shell: its level stack, its input, the CIB it
// works on and what went wrong so far.
type Session struct {
	env  Env
	opts options
	tab  *table
	ui   *ui

	stack []string // level names; stack[0] is "root"

	in          LineReader
	inFile      string // file name for positions; "" at the prompt
	interactive bool   // an interactive session at a terminal
	canAsk      bool   // a one-shot command run from a terminal may ask too
	lineNo      int

	errs       int   // errors reported
	fatal      error // an internal error: the working copy is not trusted
	exitHint   int   // 3 when verify found warnings only
	quitting   bool
	quitFailed bool // leaving a level failed on the way out
	eofs       int  // end-of-input seen in a row while a level kept the session
	cur        Pos  // position of the command running

	backend Backend
	work    *workspace // configure's working copy; nil until loaded
	lib     *agents.Lib
	shadow  string // shadow CIB in use; "" for the cluster's (or file's) CIB
}

func newSession(env Env, opts options) (*Session, error) {
	tab, err := defaultTable()
	if err != nil {
		return nil, err
	}
	s := &Session{env: env, opts: opts, tab: tab, stack: []string{"root"}}
	s.ui = &ui{
		out:       env.Stdout,
		err:       env.Stderr,
		outColour: useColour(opts.display, env.StdoutTTY, env.Getenv),
	}
	s.ui.outPal = newPalette(s.ui.outColour)
	s.ui.errPal = newPalette(useColour(opts.display, env.StderrTTY, env.Getenv))
	s.shadow = opts.shadow
	if s.shadow == "" {
		s.shadow = env.Getenv("CIB_shadow")
	}
	return s, nil
}

func (s *Session) level() string { return s.stack[len(s.stack)-1] }

// out is where results go.
func (s *Session) out() io.Writer { return s.ui.out }

func (s *Session) printf(format string, args ...any) { fmt.Fprintf(s.ui.out, format, args...) }

// errorAt reports an error and counts it.
func (s *Session) errorAt(pos Pos, format string, args ...any) {
	s.errs++
	s.ui.message(sevError, pos, fmt.Sprintf(format, args...))
}

func (s *Session) warnf(format string, args ...any) {
	s.ui.message(sevWarning, s.cur, fmt.Sprintf(format, args...))
}

func (s *Session) infof(format string, args ...any) {
	s.ui.message(sevInfo, Pos{}, fmt.Sprintf(format, args...))
}

// errorList is several errors from one command, each reported on its own.
type errorList []error

func (l errorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// errSilent fails a command whose errors were already reported.
var errSilent = errors.New("failed")

// report reports err (from a command at pos) and counts it.
func (s *Session) report(pos Pos, err error) {
	var list errorList
	if errors.As(err, &list) {
		for _, e := range list {
			s.report(pos, e)
		}
		return
	}
	if errors.Is(err, errSilent) {
		s.errs++
		return
	}
	var pe *PosError
	if errors.As(err, &pe) {
		s.errorAt(pe.Pos, "%s", pe.Err)
		return
	}
	s.errorAt(pos, "%s", err)
}

// prompt is "crm(live/host)configure# ", with the shadow's name instead of
// live when one is in use.
func (s *Session) prompt() string {
	label := "live"
	if s.shadow != "" {
		label = s.shadow
	}
	host, _, _ := strings.Cut(s.env.Hostname, ".")
	p := fmt.Sprintf("crm(%s/%s)%s# ", label, host, strings.Join(s.stack[1:], " "))
	return s.ui.errPal.prompt.Sprint(p)
}

// ask asks a yes/no question. -F answers yes; without a person at a
// terminal the answer is no.
func (s *Session) ask(question string) bool {
	if s.opts.force {
		s.infof("%s [yes: forced with -F]", question)
		return true
	}
	if !(s.interactive || s.canAsk) || s.opts.no {
		return false
	}
	prompt := strings.TrimSuffix(question, "?") + " (y/n)? "
	for {
		ans, err := s.in.ReadLine(prompt)
		if err != nil {
			return false
		}
		switch strings.ToLower(strings.TrimSpace(ans)) {
		case "y", "yes":
			return true
		case "n", "no":
			return false
		}
	}
}
