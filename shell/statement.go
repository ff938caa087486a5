package shell

import (
	"errors"
	"slices"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"gocrm/grammar"
)

// builder returns the grammar builder that applies statements to the
// working copy, made on first use and again after the copy was changed
// by other means (see touch).
func (w *workspace) builder(s *Session) *grammar.Builder {
	if w.b == nil {
		w.b = grammar.NewBuilder(w.work, s.applyOptions(grammar.ModeCreate))
	}
	return w.b
}

// touch says the working copy was changed in place outside the builder.
func (w *workspace) touch() { w.b = nil }

func (s *Session) applyOptions(mode grammar.Mode) grammar.ApplyOptions {
	return grammar.ApplyOptions{Mode: mode, Provider: s.ocfProvider}
}

// ocfProvider picks the provider of an OCF agent named without one, as
// crmsh does: heartbeat when it has the agent (or nobody has), else
// pacemaker, else the first provider that has it.
func (s *Session) ocfProvider(typ string) string {
	ps := s.agentLib().Providers(typ)
	switch {
	case len(ps) == 0 || slices.Contains(ps, "heartbeat"):
		return "heartbeat"
	case slices.Contains(ps, "pacemaker"):
		return "pacemaker"
	}
	return ps[0]
}

// runStatement applies one configure statement to the working copy.
func runStatement(s *Session, c *Call) error {
	w, err := s.workspace()
	if err != nil {
		return err
	}
	st, err := grammar.ParseStatement(s.inFile, c.Raw)
	if err != nil {
		return s.grammarError(c, err)
	}
	if st == nil {
		return nil
	}
	if err := w.builder(s).Apply(st); err != nil {
		return s.grammarError(c, err)
	}
	return nil
}

// statementIncomplete reports whether text ends inside a statement, so
// the prompt should read another line.
func statementIncomplete(text string) bool {
	_, err := grammar.ParseStatement("", text)
	var ge *grammar.Error
	return errors.As(err, &ge) && ge.Incomplete
}

// grammarError turns grammar errors, positioned within the statement
// text, into errors positioned in the input.
func (s *Session) grammarError(c *Call, err error) error {
	var list grammar.ErrorList
	if errors.As(err, &list) {
		out := make(errorList, len(list))
		for i, e := range list {
			out[i] = s.grammarError(c, e)
		}
		return out
	}
	var ge *grammar.Error
	if !errors.As(err, &ge) {
		return err
	}
	return &PosError{Pos: stmtPos(c, ge.Pos.Line, ge.Pos.Column), Err: errors.New(ge.Msg)}
}

// stmtPos maps a line and column within a statement's text (as parsed:
// the keyword canonicalised) to the input.
func stmtPos(c *Call, line, col int) Pos {
	p := c.Pos
	if line <= 1 {
		shift := 0
		if col > len(c.Cmd.Name) {
			shift = len([]rune(c.Name)) - len(c.Cmd.Name)
		}
		p.Col += col - 1 + shift
		return p
	}
	p.Line += line - 1
	p.Col = col
	return p
}

// statementObject returns the kind and id of the object a statement
// defines ("" for monitor, which adds to a primitive). Nodes are named by
// their uname, as listObjects names them.
func statementObject(st *grammar.Statement) (kind, id string) {
	tok := func(t lexer.Token) string {
		v := t.Value
		if t.Type == grammar.TokIDSpec {
			_, v, _ = strings.Cut(v, "=")
		}
		return strings.TrimSuffix(v, ":")
	}
	switch {
	case st.Node != nil:
		return "node", tok(st.Node.Uname)
	case st.Primitive != nil:
		return st.Primitive.Keyword, tok(st.Primitive.ID)
	case st.Group != nil:
		return "group", tok(st.Group.ID)
	case st.Clone != nil:
		if st.Clone.Keyword == "clone" {
			return "clone", tok(st.Clone.ID)
		}
		return "ms", tok(st.Clone.ID)
	case st.Bundle != nil:
		return "bundle", tok(st.Bundle.ID)
	case st.Location != nil:
		return "location", tok(st.Location.ID)
	case st.Colocation != nil:
		return "colocation", tok(st.Colocation.ID)
	case st.Order != nil:
		return "order", tok(st.Order.ID)
	case st.Ticket != nil:
		return "rsc_ticket", tok(st.Ticket.ID)
	case st.Property != nil:
		kind = st.Property.Keyword
		if id = tok(st.Property.ID); id == "" {
			id = map[string]string{"property": "cib-bootstrap-options", "rsc_defaults": "rsc-options", "op_defaults": "op-options"}[kind]
		}
		return kind, id
	case st.Fencing != nil:
		return "fencing_topology", fencingTopologyID
	case st.Tag != nil:
		return "tag", tok(st.Tag.ID)
	case st.Role != nil:
		return "role", tok(st.Role.ID)
	case st.ACLTarget != nil:
		return st.ACLTarget.Keyword, tok(st.ACLTarget.ID)
	case st.User != nil:
		return "user", tok(st.User.ID)
	case st.Alert != nil:
		return "alert", tok(st.Alert.ID)
	}
	return "", ""
}
