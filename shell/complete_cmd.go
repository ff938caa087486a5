package shell

import (
	"fmt"
	"strings"

	"gocrm/cib"
	"gocrm/shell/agents"
)

// completeCommand is the hidden command the shell completion scripts call
// back: crm __complete LINE prints one candidate per line for the word at
// the end of LINE (the command line after "crm").
const completeCommand = "__complete"

func runComplete(env Env, args []string) int {
	s, err := newSession(env, options{})
	if err != nil {
		return ExitError
	}
	line := strings.Join(args, " ")
	cands, _ := complete(s.tab, line, len(line), s.snapshot("root"))
	for _, c := range cands {
		if c.NoSpace {
			fmt.Fprintf(env.Stdout, "%s\n", c.Text)
		} else {
			fmt.Fprintf(env.Stdout, "%s \n", c.Text)
		}
	}
	return ExitOK
}

// completeLine is the interactive completer, at the session's level.
func (s *Session) completeLine(line string, cursor int) ([]Candidate, int) {
	return complete(s.tab, line, cursor, s.snapshot(s.level()))
}

// snapshot gathers what completion may use. Loading the CIB for ids is
// quiet: a CIB that cannot be loaded just gives no ids.
func (s *Session) snapshot(level string) *Snapshot {
	snap := &Snapshot{Level: level, Agents: catalog{s}}
	var c *cib.CIB
	if s.work != nil {
		c = s.work.work
	} else if b, err := s.openBackend(); err == nil {
		if loaded, err := b.Load(); err == nil {
			c = loaded
		}
	}
	snap.Objects = listObjects(c)
	if d, err := s.shadowDir(); err == nil {
		snap.Shadows, _ = d.List()
	}
	return snap
}

// catalog lets completion see the session's agents.
type catalog struct{ s *Session }

func (c catalog) Classes() []agents.Class { return c.s.agentLib().Classes() }

func (c catalog) List(class, provider string) ([]string, error) {
	return c.s.agentLib().List(class, provider)
}

func (c catalog) Meta(name string) *cib.AgentMetadata {
	_, m, err := c.s.agentMeta(name)
	if err != nil {
		return nil
	}
	return m
}

// runCompletion prints a completion script for the user's shell.
func runCompletion(s *Session, c *Call) error {
	switch c.Args[0] {
	case "bash":
		s.printf("%s", bashCompletion)
	case "zsh":
		s.printf("%s", zshCompletion)
	default:
		return c.ArgError(0, "no completion for %q: want bash or zsh", c.Args[0])
	}
	return nil
}

// The scripts hand the command line up to the cursor to crm __complete
// and offer what it prints; a candidate printed with a trailing blank is a
// finished word, one without (ocf:, ip=) is a prefix to go on typing.
const bashCompletion = `# bash completion for crm (gocrm). Load it with:
#   source <(crm completion bash)
_crm_complete() {
	local line=${COMP_LINE:0:COMP_POINT}
	line=${line#*crm}
	local cur=${COMP_WORDS[COMP_CWORD]}
	local IFS=$'\n'
	local cands
	cands=($(crm __complete "$line" 2>/dev/null))
	COMPREPLY=()
	# bash splits words at ':' and '='; offer only what follows the last
	# such break in the word being typed.
	local word=${line##*[[:space:]]}
	local cut=${word%"${word##*[:=]}"}
	local c nospace=
	for c in "${cands[@]}"; do
		if [[ $c == *" " ]]; then
			c=${c% }
		else
			nospace=1
		fi
		COMPREPLY+=("${c#"$cut"}")
	done
	if [[ -n $nospace ]]; then
		compopt -o nospace 2>/dev/null
	fi
	return 0
}
complete -F _crm_complete crm
`

const zshCompletion = `#compdef crm
# zsh completion for crm (gocrm). Load it with:
#   source <(crm completion zsh)
_crm_complete() {
	local line=${BUFFER[1,CURSOR]}
	line=${line#*crm}
	local -a finished prefixes
	local c
	for c in ${(f)"$(crm __complete "$line" 2>/dev/null)"}; do
		if [[ $c == *" " ]]; then
			finished+=(${c% })
		else
			prefixes+=($c)
		fi
	done
	(( $#finished )) && compadd -Q -- $finished
	(( $#prefixes )) && compadd -Q -S '' -- $prefixes
}
if (( $+functions[compdef] )); then
	compdef _crm_complete crm
fi
`
