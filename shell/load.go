package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"gocrm/cib"
	"gocrm/grammar"
	"gocrm/shell/agents"
)

// runLoad imports a configuration from a file, all or nothing.
func runLoad(s *Session, c *Call) error {
	w, err := s.workspace()
	if err != nil {
		return err
	}
	args, off := c.Args, 0
	xml := false
	if args[0] == "xml" {
		xml, args, off = true, args[1:], 1
	}
	if len(args) != 2 {
		return fmt.Errorf("usage: %s", usageLine(c.Cmd))
	}
	method, file := args[0], args[1]
	if method != "replace" && method != "update" && method != "push" {
		return c.ArgError(off, "unknown method %q: want replace, update or push", method)
	}
	var data []byte
	if file == "-" {
		data, err = io.ReadAll(s.env.Stdin)
	} else {
		data, err = os.ReadFile(file)
	}
	if err != nil {
		return c.ArgError(off+1, "%v", err)
	}
	if method == "replace" && s.interactive && w.changed() &&
		!s.ask("This operation will erase all changes. Do you want to proceed?") {
		return nil
	}
	name := file
	if file == "-" {
		name = "<stdin>"
	}
	var next *cib.CIB
	if xml {
		next, err = loadXML(w.work, data, method, name)
	} else {
		next, err = s.loadText(w.work, string(data), method, name)
	}
	if err != nil {
		return err
	}
	if gone := removedRunning(w.work, next); len(gone) > 0 {
		return fmt.Errorf("load %s would remove the running resources %s; stop them first (nothing was changed)", method, strings.Join(gone, ", "))
	}
	w.set(next)
	return nil
}

// loadText applies a crm script to a copy of cur: replace starts from an
// empty configuration (nodes kept, as crmsh's erase keeps them), update
// replaces the objects the script defines, push does too and then removes
// every other object but the nodes.
func (s *Session) loadText(cur *cib.CIB, text, method, name string) (*cib.CIB, error) {
	script, err := grammar.ParseString(name, text)
	if err != nil {
		return nil, grammarFileError(err)
	}
	next := cur.Clone()
	if method == "replace" {
		erase(next, false)
	}
	if err := grammar.Apply(next, script.Statements, s.applyOptions(grammar.ModeUpdate)); err != nil {
		return nil, grammarFileError(err)
	}
	if method == "push" {
		defined := map[string]bool{}
		for _, st := range script.Statements {
			_, id := statementObject(st)
			defined[id] = true
		}
		for _, o := range listObjects(next) {
			if o.Kind != "node" && !defined[o.ID] {
				removeObject(next, o.ID)
			}
		}
	}
	return next, nil
}

// grammarFileError turns grammar errors into positioned errors.
func grammarFileError(err error) error {
	var list grammar.ErrorList
	if errors.As(err, &list) {
		out := make(errorList, len(list))
		for i, e := range list {
			out[i] = grammarFileError(e)
		}
		return out
	}
	var ge *grammar.Error
	if errors.As(err, &ge) {
		return &PosError{Pos: Pos{File: ge.Pos.Filename, Line: ge.Pos.Line, Col: ge.Pos.Column}, Err: errors.New(ge.Msg)}
	}
	return err
}

// loadXML imports the configuration of a CIB XML document: replace and
// push take it whole; update replaces the objects it has, by id, and
// adds the others.
func loadXML(cur *cib.CIB, data []byte, method, name string) (*cib.CIB, error) {
	in, err := decodeFile(name, data)
	if err != nil {
		return nil, err
	}
	next := cur.Clone()
	if method != "update" {
		next.Config = in.Config
		return next, nil
	}
	cf, src := &next.Config, &in.Config
	for _, r := range src.Resources {
		cf.Resources = replaceOrAppend(cf.Resources, r, func(x cib.Resource) string { return x.ResourceID() })
	}
	for _, k := range src.Constraints {
		cf.Constraints = replaceOrAppend(cf.Constraints, k, func(x cib.Constraint) string { return x.ConstraintID() })
	}
	for _, n := range src.Nodes {
		cf.Nodes = replaceOrAppend(cf.Nodes, n, func(x *cib.Node) string { return x.ID })
	}
	setID := func(x *cib.NVSet) string { return x.ID }
	for _, s := range src.CRMConfig {
		cf.CRMConfig = replaceOrAppend(cf.CRMConfig, s, setID)
	}
	for _, s := range src.RscDefaults {
		cf.RscDefaults = replaceOrAppend(cf.RscDefaults, s, setID)
	}
	for _, s := range src.OpDefaults {
		cf.OpDefaults = replaceOrAppend(cf.OpDefaults, s, setID)
	}
	for _, t := range src.Tags {
		cf.Tags = replaceOrAppend(cf.Tags, t, func(x *cib.Tag) string { return x.ID })
	}
	for _, a := range src.Alerts {
		cf.Alerts = replaceOrAppend(cf.Alerts, a, func(x *cib.Alert) string { return x.ID })
	}
	if len(src.FencingTopology) > 0 {
		cf.FencingTopology = src.FencingTopology
	}
	if src.ACLs != nil {
		cf.ACLs = src.ACLs
	}
	return next, nil
}

func replaceOrAppend[T any](list []T, x T, id func(T) string) []T {
	for i, y := range list {
		if id(y) == id(x) {
			list[i] = x
			return list
		}
	}
	return append(list, x)
}

// runFilter pipes the selected objects' crm text through a program and
// replaces them with its output.
func runFilter(s *Session, c *Call) error {
	w, err := s.workspace()
	if err != nil {
		return err
	}
	prog, args, off := c.Args[0], c.Args[1:], 1
	if len(args) > 0 && args[0] == "xml" {
		return c.ArgError(1, "filter xml is not supported: filter the crm text")
	}
	sel, err := parseSelection(c, args, off, w.work)
	if err != nil {
		return err
	}
	text := showSelection(w.work, sel)
	r := s.env.Runner
	if r == nil {
		r = agents.ExecRunner{}
	}
	ctx, cancel := context.WithTimeout(context.Background(), agents.DefaultTimeout*6)
	defer cancel()
	out, err := r.Run(ctx, agents.Cmd{Path: "/bin/sh", Args: []string{"-c", prog}, Stdin: []byte(text)})
	if err != nil {
		return c.ArgError(0, "filter: %v; nothing was changed", err)
	}
	next, probs := s.applyEdit(w.work, sel, string(out))
	if len(probs) > 0 {
		var errs errorList
		for _, p := range probs {
			errs = append(errs, &PosError{Pos: Pos{File: "<filter output>", Line: p.line, Col: p.col}, Err: errors.New(p.msg)})
		}
		return append(errs, errors.New("filter output rejected; nothing was changed"))
	}
	w.set(next)
	return nil
}
