package shell

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
)

// Version is printed by crm --version.
const Version = "gocrm crm 0.1 (crmsh 4.4 compatible)"

// Exit statuses.
const (
	ExitOK       = 0
	ExitError    = 1 // bad input, a refused commit, a failed command
	ExitUsage    = 2 // bad command-line usage
	ExitWarnings = 3 // verify found warnings and no errors
)

type options struct {
	file    string // -f FILE ("-" is stdin)
	shadow  string // -c NAME
	display string // -D plain|color|color-always
	force   bool   // -F: answer yes, force past warnings
	no      bool   // -n: answer no
	help    bool
	version bool
}

const usageText = `usage: crm [-h|--help] [OPTIONS] [LEVEL] [COMMAND ARGS...]
   or: crm help [LEVEL] [COMMAND]

Without arguments crm starts an interactive session (or reads commands from
standard input when it is not a terminal). With arguments it runs one
command; with a level name only it starts at that level.

Options:
  -f, --file FILE        read commands from FILE ("-" for standard input)
  -c, --cib NAME         work on the shadow CIB NAME (as "cib use NAME")
  -D, --display MODE     output: plain, color or color-always
  -F, --force            answer yes to questions; commit past warnings
  -n, --no               answer no to questions
  -h, --help             show this help
      --version          show the version

Environment:
  CIB_file=PATH          work on a CIB kept in PATH instead of the cluster
  CIB_shadow=NAME        work on the shadow CIB NAME
  CIB_shadow_dir=DIR     where shadow CIBs live (default: beside CIB_file)
  VISUAL, EDITOR, PAGER  programs for edit and long output
  NO_COLOR               turn colour off
`

// usageError is a bad command line: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func parseOptions(args []string) (options, []string, error) {
	var o options
	for len(args) > 0 {
		a := args[0]
		if a == "--" {
			return o, args[1:], nil
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			break
		}
		name, val, hasVal := strings.Cut(a, "=")
		takeVal := func() (string, error) {
			if hasVal {
				return val, nil
			}
			if len(args) < 2 {
				return "", &usageError{fmt.Sprintf("option %s needs a value", name)}
			}
			args = args[1:]
			return args[0], nil
		}
		var err error
		switch name {
		case "-f", "--file":
			o.file, err = takeVal()
		case "-c", "--cib":
			o.shadow, err = takeVal()
		case "-D", "--display":
			o.display, err = takeVal()
			if err == nil && o.display != "plain" && o.display != "color" && o.display != "color-always" {
				err = &usageError{fmt.Sprintf("-D %s: want plain, color or color-always", o.display)}
			}
		case "-F", "--force":
			o.force = true
		case "-n", "--no":
			o.no = true
		case "-h", "--help":
			o.help = true
		case "--version":
			o.version = true
		default:
			return o, nil, &usageError{fmt.Sprintf("unknown option %s", a)}
		}
		if err != nil {
			return o, nil, err
		}
		args = args[1:]
	}
	return o, args, nil
}

// Main runs the crm shell in env and returns the exit status. It never
// panics: an internal error is reported as such with status 1.
func Main(env Env) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(env.Stderr, "ERROR: internal error: %v (this is a bug; please report it)\n", r)
			if debugEnabled(env) {
				fmt.Fprintf(env.Stderr, "%s\n", debug.Stack())
			}
			code = ExitError
		}
	}()
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	opts, args, err := parseOptions(env.Args)
	if err != nil {
		fmt.Fprintf(env.Stderr, "crm: %v\n%s", err, usageText)
		return ExitUsage
	}
	switch {
	case opts.help:
		io.WriteString(env.Stdout, usageText)
		return ExitOK
	case opts.version:
		fmt.Fprintln(env.Stdout, Version)
		return ExitOK
	}
	if len(args) > 0 && args[0] == completeCommand {
		return runComplete(env, args[1:])
	}
	s, err := newSession(env, opts)
	if err != nil {
		fmt.Fprintf(env.Stderr, "ERROR: internal error: %v\n", err)
		return ExitError
	}
	return s.main(args)
}

// debugEnabled reports whether CRM_DEBUG asks for stack traces of
// internal errors; it cannot panic itself.
func debugEnabled(env Env) (on bool) {
	defer func() {
		if recover() != nil {
			on = false
		}
	}()
	return env.Getenv != nil && env.Getenv("CRM_DEBUG") != ""
}

func (s *Session) main(args []string) int {
	switch {
	case s.opts.file != "":
		if len(args) > 0 {
			fmt.Fprintf(s.ui.err, "crm: -f takes no command arguments (got %q)\n", strings.Join(args, " "))
			return ExitUsage
		}
		if s.opts.file == "-" {
			return s.batch(s.env.Stdin, "<stdin>")
		}
		f, err := os.Open(s.opts.file)
		if err != nil {
			s.errorAt(Pos{}, "%v", err)
			return ExitError
		}
		defer f.Close()
		return s.batch(f, s.opts.file)
	case len(args) > 0:
		return s.oneShot(args)
	}
	return s.session(s.env.Stdin)
}

// oneShot runs the command given on the command line. A bare level name
// ("crm configure") starts a session at that level instead.
func (s *Session) oneShot(args []string) int {
	cmd, err := s.tab.lookup("root", args[0])
	if err == nil && cmd.Enter != "" && len(args) == 1 {
		s.stack = append(s.stack, cmd.Enter)
		return s.session(s.env.Stdin)
	}
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = quoteWord(a)
	}
	s.in = &scriptReader{}
	if s.env.StdinTTY && s.env.Terminal != nil {
		// Questions (edit again?) can be answered at the terminal; the
		// line editor starts only if one is asked.
		s.in, s.canAsk = &lazyTerminal{open: s.env.Terminal}, true
		defer s.in.Close()
	}
	s.execLine(strings.Join(quoted, " "), Pos{})
	s.quit()
	return s.exitCode()
}

// batch runs commands from r, reporting errors as name:line:col.
func (s *Session) batch(r io.Reader, name string) int {
	s.in, s.inFile = newPlainReader(r), name
	s.loop()
	return s.exitCode()
}

func (s *Session) exitCode() int {
	if s.errs > 0 || s.fatal != nil {
		return ExitError
	}
	return s.exitHint
}
