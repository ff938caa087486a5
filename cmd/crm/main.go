// Command crm is the cluster shell: crmsh's crm, on a file-backed CIB
// (CIB_file) or a shadow CIB. See package shell.
package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"syscall"

	"gocrm/shell"
	"gocrm/shell/agents"
)

func main() { os.Exit(run()) }

func run() (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(os.Stderr, "ERROR: internal error: %v (this is a bug; please report it)\n", r)
			code = shell.ExitError
		}
	}()
	host, _ := os.Hostname()
	home, _ := os.UserHomeDir()
	return shell.Main(shell.Env{
		Args:       os.Args[1:],
		Stdin:      os.Stdin,
		Stdout:     os.Stdout,
		Stderr:     os.Stderr,
		Getenv:     os.Getenv,
		StdinTTY:   shell.IsTerminal(syscall.Stdin),
		StdoutTTY:  shell.IsTerminal(syscall.Stdout),
		StderrTTY:  shell.IsTerminal(syscall.Stderr),
		Hostname:   host,
		HomeDir:    home,
		Terminal:   shell.NewTerminal,
		Runner:     agents.ExecRunner{Env: os.Environ()},
		Spawn:      spawn,
		TermHeight: func() int { return shell.TerminalHeight(syscall.Stdout) },
	})
}

// spawn runs an interactive program on the terminal.
func spawn(argv []string, stdin io.Reader) error {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if stdin != nil {
		cmd.Stdin = stdin
	}
	return cmd.Run()
}
