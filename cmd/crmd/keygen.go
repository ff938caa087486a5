package main

import (
	"flag"
	"fmt"
	"io"

	"gocrm/transport"
)

// keygen writes an authkey the way corosync-keygen does: the same default
// path and size, the same size range, mode 0400, replacing an old key.
func keygen(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("keygen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("k", transport.DefaultKeyFile, "write the key to `FILE`")
	size := fs.Int("s", transport.DefaultKeySize, fmt.Sprintf("key `SIZE` in bytes, %d to %d", transport.MinKeySize, transport.MaxKeySize))
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: crmd keygen [-k FILE] [-s SIZE]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "crmd keygen: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitUsage
	}
	if *size < transport.MinKeySize || *size > transport.MaxKeySize {
		fmt.Fprintf(stderr, "crmd keygen: key size %d is not supported (supported %d to %d)\n", *size, transport.MinKeySize, transport.MaxKeySize)
		return exitUsage
	}
	fmt.Fprintf(stdout, "Gathering %d bits for key from the system random source.\n", *size*8)
	if err := transport.WriteAuthKey(*path, *size, nil); err != nil {
		fmt.Fprintf(stderr, "crmd keygen: %v\n", err)
		return exitError
	}
	fmt.Fprintf(stdout, "Writing corosync key to %s.\n", *path)
	return exitOK
}
