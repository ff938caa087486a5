// Package shell is the crm shell: crmsh's command language over a CIB kept
// in a file (CIB_file), a shadow CIB (CIB_shadow), or, later, the live
// cluster.
//
// The shell is a table of commands (table.go and the per-level lists) run
// by one dispatcher over a LineReader: the interactive terminal
// (terminal.go, the only file that knows the line-editing library), a
// batch from a pipe or a file, or a one-shot command line. Levels
// (configure, cib, ra) are entered and left with their names, cd, up and
// quit; a unique prefix of a command works and an unknown one gets the
// close matches. Help and completion are generated from the table;
// Complete is a pure function of the line, the cursor and a Snapshot.
//
// The configure level edits a working copy of the CIB: statements in crm
// syntax (package grammar) change it, show prints it, and commit
// validates it and stores it all or nothing through a Backend. A commit
// over a CIB that changed since it was loaded applies only this session's
// changes to the new CIB, and is refused with a diff when they conflict,
// so it never reverts a change it did not make.
//
// Errors in a batch are reported as file:line:col, and any error means
// nothing is committed and the exit status is 1. Warnings never block.
// Main never lets a panic reach the user: it is reported as an internal
// error with exit status 1, and nothing is committed after it.
package shell
