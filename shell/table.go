package shell

// The command table: every level and every command of the shell as data.
// Help, prefix matching and completion are generated from these records.

var levels = []*Level{
	{Name: "root", Short: "the top level",
		Help: "The top level of the crm shell. Enter a level by its name, or run one of\n" +
			"its commands directly: \"configure show\" runs show at the configure level."},
	{Name: "configure", Short: "CIB configuration", Leave: leaveConfigure,
		Help: "Edit the cluster configuration in crm syntax. Changes collect in a working\n" +
			"copy of the CIB and reach the CIB only with commit (or on leaving the level,\n" +
			"where an interactive session asks first and a batch commits when nothing\n" +
			"failed). \"show changed\" lists what is pending."},
	{Name: "cib", Short: "shadow CIBs",
		Help: "Manage shadow CIBs: copies of the CIB, kept beside it in files named\n" +
			"shadow.NAME, to prepare changes and commit them in one step."},
	{Name: "ra", Short: "resource agents information center",
		Help: "List the installed resource and fence agents and show their meta-data:\n" +
			"parameters, defaults and advised operation timeouts."},
}

// commonCommands are available at every level.
var commonCommands = []*Command{
	{Name: "help", Level: "*", Aliases: []string{"?", "-h", "--help"}, Usage: "[<level>|<command>] [<command>]",
		Short: "show help", MaxArgs: 2, Run: runHelp, Complete: completeHelp,
		Help: "Without an argument, list the commands of the current level. With a command\n" +
			"or level name, show its usage and description."},
	{Name: "cd", Level: "*", Usage: "[<level>|..]", Short: "navigate the level structure",
		MaxArgs: 1, Run: runCd, Complete: completeCd,
		Help: "Enter a level (\"cd configure\", \"cd configure/ra\") or go back one with\n" +
			"\"cd ..\". Without an argument, go back one level."},
	{Name: "up", Level: "*", Aliases: []string{"end", "back", ".."}, Short: "go back to the previous level",
		Run: runUp},
	{Name: "ls", Level: "*", Short: "list levels and commands", Run: runLs},
	{Name: "quit", Level: "*", Aliases: []string{"exit", "bye"}, Short: "exit the shell",
		Run: runQuit,
		Help: "Leave the shell. With uncommitted configuration changes an interactive\n" +
			"session asks whether to commit them first."},
}

var rootCommands = []*Command{
	{Name: "configure", Level: "root", Enter: "configure", Short: "CIB configuration"},
	{Name: "cib", Level: "root", Enter: "cib", Short: "manage shadow CIBs"},
	{Name: "ra", Level: "root", Enter: "ra", Short: "resource agents information center"},
	{Name: "completion", Level: "root", Usage: "bash|zsh", Short: "print a shell completion script",
		MinArgs: 1, MaxArgs: 1, Run: runCompletion, Complete: completeChoices(0, "bash", "zsh"),
		Help: "Print a script that makes your shell complete crm command lines: commands,\n" +
			"object ids, properties, agents and their parameters. For bash:\n" +
			"    source <(crm completion bash)\n" +
			"(or put it in ~/.bashrc); for zsh: source <(crm completion zsh)."},
	{Name: "verify", Level: "root", Short: "verify the CIB", Run: runVerify,
		Help: "Check the CIB as the configure level's verify does. Exit status: 0 clean,\n" +
			"1 errors, 3 warnings only."},
}

// defaultTable builds the shell's table from the per-level record lists.
func defaultTable() (*table, error) {
	var all []*Command
	for _, part := range [][]*Command{commonCommands, rootCommands, configureCommands(), simulateCommands(), cibCommands, raCommands} {
		all = append(all, part...)
	}
	return newTable(levels, all)
}
