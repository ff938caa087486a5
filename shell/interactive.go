package shell

import (
	"io"
	"os"
	"path/filepath"
)

// session reads commands from the terminal when there is one, else as a
// batch from r.
func (s *Session) session(r io.Reader) int {
	if !s.env.StdinTTY || s.env.Terminal == nil {
		return s.batch(r, "<stdin>")
	}
	lr, err := s.env.Terminal(TermConfig{
		HistoryFile: historyFile(s.env),
		Complete:    s.completeLine,
		Stdout:      s.env.Stdout,
		Stderr:      s.env.Stderr,
	})
	if err != nil {
		s.errorAt(Pos{}, "cannot start the interactive shell: %v", err)
		return ExitError
	}
	defer lr.Close()
	s.in, s.interactive = lr, true
	s.loop()
	if s.fatal != nil || s.quitFailed {
		return ExitError
	}
	return ExitOK
}

// cacheDir is crmsh 4.4's cache directory: ~/.cache/crm, or
// $XDG_CACHE_HOME/crm; "" when there is no home.
func cacheDir(env Env) string {
	dir := env.Getenv("XDG_CACHE_HOME")
	if dir == "" {
		if env.HomeDir == "" {
			return ""
		}
		dir = filepath.Join(env.HomeDir, ".cache")
	}
	return filepath.Join(dir, "crm")
}

// historyFile is where crmsh 4.4 keeps its history: the file history in
// its cache directory. Like crmsh, it moves an old ~/.crm_history there.
func historyFile(env Env) string {
	dir := cacheDir(env)
	if dir == "" || os.MkdirAll(dir, 0o700) != nil {
		return ""
	}
	file := filepath.Join(dir, "history")
	if env.HomeDir != "" {
		old := filepath.Join(env.HomeDir, ".crm_history")
		if _, err := os.Stat(file); os.IsNotExist(err) {
			os.Rename(old, file)
		}
	}
	return file
}

// lazyTerminal opens the line editor on first use.
type lazyTerminal struct {
	open func(TermConfig) (LineReader, error)
	lr   LineReader
}

func (l *lazyTerminal) ReadLine(prompt string) (string, error) {
	if l.lr == nil {
		lr, err := l.open(TermConfig{})
		if err != nil {
			return "", err
		}
		l.lr = lr
	}
	return l.lr.ReadLine(prompt)
}

func (l *lazyTerminal) Close() error {
	if l.lr != nil {
		return l.lr.Close()
	}
	return nil
}
