// Command crmd is the gocrm node daemon. For now it has one subcommand:
//
//	crmd keygen [-k FILE] [-s SIZE]
//
// writes a corosync authkey (corosync-keygen compatible).
package main

import (
	"fmt"
	"io"
	"os"
)

// Exit statuses (DESIGN.md): 0 success, 1 user error, 2 usage error.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// command is one crmd subcommand.
type command struct {
	name  string
	usage string
	help  string
	run   func(args []string, stdout, stderr io.Writer) int
}

var commands = []command{
	{
		name:  "keygen",
		usage: "crmd keygen [-k FILE] [-s SIZE]",
		help:  "write a new corosync authkey (128 to 4096 random bytes, mode 0400)",
		run:   keygen,
	},
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: crmd <command> [arguments]")
	fmt.Fprintln(w, "\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-34s %s\n", c.usage, c.help)
	}
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		usage(stdout)
		return exitOK
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "crmd: unknown command %q\n", args[0])
	usage(stderr)
	return exitUsage
}
