package shell

// This is the only file that knows about the line-editing library.

import (
	"errors"
	"io"
	"strings"

	"github.com/chzyer/readline"
)

// NewTerminal opens the interactive line editor on the process's terminal:
// history in cfg.HistoryFile, tab completion through cfg.Complete.
func NewTerminal(cfg TermConfig) (LineReader, error) {
	rc := &readline.Config{
		HistoryFile:            cfg.HistoryFile,
		HistoryLimit:           1000,
		DisableAutoSaveHistory: true,
		InterruptPrompt:        "^C",
		EOFPrompt:              "",
		Stdout:                 cfg.Stdout,
		Stderr:                 cfg.Stderr,
	}
	if cfg.Complete != nil {
		rc.AutoComplete = completer{cfg.Complete}
	}
	rl, err := readline.NewEx(rc)
	if err != nil {
		return nil, err
	}
	return &terminal{rl: rl}, nil
}

// IsTerminal reports whether the file descriptor is a terminal.
func IsTerminal(fd int) bool { return readline.IsTerminal(fd) }

// TerminalHeight returns the height of the terminal on fd, 0 if unknown.
func TerminalHeight(fd int) int {
	_, h, err := readline.GetSize(fd)
	if err != nil {
		return 0
	}
	return h
}

type terminal struct {
	rl *readline.Instance
}

func (t *terminal) ReadLine(prompt string) (string, error) {
	t.rl.SetPrompt(prompt)
	line, err := t.rl.Readline()
	switch {
	case errors.Is(err, readline.ErrInterrupt):
		return "", ErrInterrupt
	case err != nil:
		return "", err
	}
	return line, nil
}

// AddHistory records a whole statement in the history, its continuation
// lines joined into one.
func (t *terminal) AddHistory(text string) {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if i < len(lines)-1 {
			lines[i] = strings.TrimRight(strings.TrimSuffix(strings.TrimRight(l, " \t"), "\\"), " \t")
		}
		lines[i] = strings.TrimLeft(lines[i], " \t")
	}
	if text := strings.Join(lines, " "); strings.TrimSpace(text) != "" {
		t.rl.SaveHistory(text)
	}
}

func (t *terminal) Close() error { return t.rl.Close() }

// completer adapts Complete to readline: it returns the candidates'
// remainders after the word typed so far.
type completer struct {
	f func(line string, cursor int) ([]Candidate, int)
}

func (c completer) Do(line []rune, pos int) ([][]rune, int) {
	text := string(line[:pos])
	cands, start := c.f(text, len(text))
	typed := text[start:]
	var out [][]rune
	for _, cand := range cands {
		rest, ok := strings.CutPrefix(cand.Text, typed)
		if !ok {
			continue
		}
		if len(cands) == 1 && !cand.NoSpace {
			rest += " "
		}
		out = append(out, []rune(rest))
	}
	return out, len([]rune(typed))
}

var _ io.Closer = (*terminal)(nil)
