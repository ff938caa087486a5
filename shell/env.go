package shell

import (
	"errors"
	"io"

	"gocrm/shell/agents"
)

// Env is everything the shell takes from the world. cmd/crm fills it from
// the process; tests fill it with buffers and fakes.
type Env struct {
	Args   []string // command-line arguments, without the program name
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string

	// Whether each standard stream is a terminal.
	StdinTTY, StdoutTTY, StderrTTY bool

	Hostname string // for the prompt; the part before the first dot is used
	HomeDir  string // for the history file; "" disables it

	// Terminal opens the line editor for an interactive session; nil means
	// interactive editing is not available and stdin is read as a batch.
	Terminal func(TermConfig) (LineReader, error)

	// Runner runs agents and filter programs, with a timeout.
	Runner agents.Runner
	// AgentDirs says where agents are installed; nil means the standard
	// places (OCF_ROOT, /usr/sbin, /etc/init.d, systemctl).
	AgentDirs *agents.Dirs

	// Spawn runs an interactive program ($EDITOR, $PAGER) attached to the
	// terminal, with stdin as its standard input when not nil, and waits
	// for it.
	Spawn func(argv []string, stdin io.Reader) error

	// TermHeight returns the terminal's height in lines, 0 if unknown.
	TermHeight func() int
}

// LineReader reads input lines, showing a prompt when it is a terminal.
// ReadLine returns io.EOF at the end of input and ErrInterrupt when the
// user pressed Ctrl-C.
type LineReader interface {
	ReadLine(prompt string) (string, error)
	Close() error
}

// ErrInterrupt is returned by a LineReader when the user interrupts the line.
var ErrInterrupt = errors.New("interrupted")

// TermConfig configures the interactive line editor.
type TermConfig struct {
	HistoryFile string
	// Complete returns the candidates for the word at cursor (a byte
	// offset in line) and the offset where that word starts.
	Complete func(line string, cursor int) (cands []Candidate, start int)
	Stdout   io.Writer
	Stderr   io.Writer
}
