package agents

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// Cmd is one process to run: Path with Args, an environment added to the
// runner's own, and optional standard input.
type Cmd struct {
	Path  string
	Args  []string
	Env   []string
	Stdin []byte
}

func (c Cmd) String() string { return strings.Join(append([]string{c.Path}, c.Args...), " ") }

// Runner runs a process to completion and returns its standard output. It
// must stop the process when ctx is done.
type Runner interface {
	Run(ctx context.Context, c Cmd) ([]byte, error)
}

// ExecRunner runs processes with os/exec.
type ExecRunner struct {
	// Env is the base environment (usually os.Environ()); Cmd.Env is
	// appended to it.
	Env []string
}

// Run runs c; a non-zero exit status is an error that carries the first
// line of the process's standard error.
func (r ExecRunner) Run(ctx context.Context, c Cmd) ([]byte, error) {
	cmd := exec.CommandContext(ctx, c.Path, c.Args...)
	cmd.Env = append(append([]string(nil), r.Env...), c.Env...)
	if c.Stdin != nil {
		cmd.Stdin = bytes.NewReader(c.Stdin)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if ctx.Err() != nil {
		return out, fmt.Errorf("%s: %w", c, ctx.Err())
	}
	if err != nil {
		var ee *exec.ExitError
		if msg, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n"); errors.As(err, &ee) && msg != "" {
			return out, fmt.Errorf("%s: %w: %s", c, err, msg)
		}
		return out, fmt.Errorf("%s: %w", c, err)
	}
	return out, nil
}
