package shell

import (
	"errors"
	"fmt"
	"slices"
	"sort"

	"gocrm/cib"
	"gocrm/shell/cibfile"
)

var cibCommands = []*Command{
	{Name: "new", Level: "cib", Usage: "<shadow> [empty] [force]", Short: "create a shadow CIB",
		MinArgs: 1, MaxArgs: 3, Run: runCibNew, Complete: completeChoices(1, "empty", "force"),
		Help: "Copy the CIB (or, with empty, an empty CIB) into the new shadow CIB and\n" +
			"use it. force replaces an existing shadow of that name."},
	{Name: "use", Level: "cib", Usage: "[<shadow>|live]", Short: "change the CIB in use",
		MaxArgs: 1, Run: runCibUse, Complete: completeShadows("live"),
		Help: "Work on the named shadow CIB, or on the real one with live (or no name).\n" +
			"Uncommitted configuration changes are dropped, after asking."},
	{Name: "list", Level: "cib", Short: "list the shadow CIBs", Run: runCibList},
	{Name: "delete", Level: "cib", Usage: "<shadow>", Short: "delete a shadow CIB",
		MinArgs: 1, MaxArgs: 1, Run: runCibDelete, Complete: completeShadows()},
	{Name: "reset", Level: "cib", Usage: "<shadow>", Short: "copy the live CIB into a shadow CIB",
		MinArgs: 1, MaxArgs: 1, Run: runCibReset, Complete: completeShadows()},
	{Name: "diff", Level: "cib", Usage: "[<shadow>]", Short: "diff the live CIB and a shadow CIB",
		MaxArgs: 1, Run: runCibDiff, Complete: completeShadows()},
	{Name: "commit", Level: "cib", Usage: "[<shadow>] [force]", Short: "commit a shadow CIB to the live CIB",
		MaxArgs: 2, Run: runCibCommit, Complete: completeShadows("force"),
		Help: "Apply the changes made in the shadow CIB (the one in use when no name is\n" +
			"given) to the live CIB. Changes made to the live CIB since the shadow was\n" +
			"created are kept: when both changed the same thing the commit is refused,\n" +
			"unless force, which replaces the live configuration with the shadow's."},
}

func completeShadows(extra ...string) func(*CompleteCtx) []Candidate {
	return func(x *CompleteCtx) []Candidate {
		if len(x.Args) > 0 {
			if slices.Contains(extra, "force") {
				return words("force")
			}
			return nil
		}
		return append(words(x.Snap.Shadows...), words(extra...)...)
	}
}

// completeChoices offers fixed words from argument position from on.
func completeChoices(from int, choices ...string) func(*CompleteCtx) []Candidate {
	return func(x *CompleteCtx) []Candidate {
		if len(x.Args) < from {
			return nil
		}
		return words(choices...)
	}
}

func runCibNew(s *Session, c *Call) error {
	name := c.Args[0]
	empty, force := false, false
	for i, a := range c.Args[1:] {
		switch a {
		case "empty":
			empty = true
		case "force", "--force":
			force = true
		case "withstatus":
			// The whole CIB, status included, is always copied.
		default:
			return c.ArgError(i+1, "unexpected %q: want empty or force", a)
		}
	}
	if err := cibfile.ValidName(name); err != nil {
		return c.ArgError(0, "%v", err)
	}
	d, err := s.shadowDir()
	if err != nil {
		return err
	}
	var base *cib.CIB
	if empty {
		base = cib.Empty()
	} else {
		live, err := s.liveBackend()
		if err != nil {
			return err
		}
		if base, err = live.Load(); err != nil && !errors.Is(err, ErrNewCIB) {
			return err
		}
	}
	data, err := encodeCIB(base)
	if err != nil {
		return err
	}
	if err := d.Create(name, data, force || s.opts.force); err != nil {
		return c.ArgError(0, "%v", err)
	}
	s.infof("%s shadow CIB created (%s)", name, d.Path(name))
	return s.useCIB(name)
}

// useCIB switches to the named shadow ("" for live), dropping the
// working copy (after asking when it has changes).
func (s *Session) useCIB(name string) error {
	if s.work != nil && s.work.changed() {
		if !s.ask("There are uncommitted configuration changes, which switching the CIB drops. Do you want to proceed?") {
			return fmt.Errorf("not switching CIB: commit or drop (refresh) the pending changes first")
		}
	}
	s.shadow, s.backend, s.work = name, nil, nil
	if _, err := s.openBackend(); err != nil {
		s.shadow, s.backend = "", nil
		return err
	}
	return nil
}

func runCibUse(s *Session, c *Call) error {
	name := ""
	if len(c.Args) > 0 && c.Args[0] != "live" {
		name = c.Args[0]
		if err := cibfile.ValidName(name); err != nil {
			return c.ArgError(0, "%v", err)
		}
	}
	return s.useCIB(name)
}

func runCibList(s *Session, c *Call) error {
	d, err := s.shadowDir()
	if err != nil {
		return err
	}
	names, err := d.List()
	if err != nil {
		return err
	}
	sort.Strings(names)
	s.printf("%s", columns(names, 80))
	return nil
}

func runCibDelete(s *Session, c *Call) error {
	name := c.Args[0]
	if name == s.shadow {
		return c.ArgError(0, "%s shadow CIB is in use; cib use live first", name)
	}
	d, err := s.shadowDir()
	if err != nil {
		return err
	}
	if err := d.Delete(name); err != nil {
		return c.ArgError(0, "%v", err)
	}
	s.infof("%s shadow CIB deleted", name)
	return nil
}

func runCibReset(s *Session, c *Call) error {
	name := c.Args[0]
	d, err := s.shadowDir()
	if err != nil {
		return err
	}
	if !d.Exists(name) {
		return c.ArgError(0, "%w: %s", cibfile.ErrNoShadow, name)
	}
	live, err := s.liveBackend()
	if err != nil {
		return err
	}
	cur, err := live.Load()
	if err != nil && !errors.Is(err, ErrNewCIB) {
		return err
	}
	data, err := encodeCIB(cur)
	if err != nil {
		return err
	}
	if err := d.Create(name, data, true); err != nil {
		return err
	}
	if name == s.shadow {
		s.work = nil
	}
	s.infof("copied the live CIB to %s", name)
	return nil
}

// shadowArg returns the shadow named by the first argument, or the one in
// use.
func (s *Session) shadowArg(c *Call) (string, error) {
	if len(c.Args) > 0 && c.Args[0] != "force" {
		return c.Args[0], nil
	}
	if s.shadow == "" {
		return "", fmt.Errorf("no shadow CIB in use: name one")
	}
	return s.shadow, nil
}

func (s *Session) loadShadow(name string) (*cib.CIB, cibfile.Shadows, error) {
	d, err := s.shadowDir()
	if err != nil {
		return nil, d, err
	}
	if !d.Exists(name) {
		return nil, d, fmt.Errorf("%w: %s", cibfile.ErrNoShadow, name)
	}
	b := &fileBackend{store: d.Store(name), what: "shadow CIB " + name}
	c, err := b.Load()
	return c, d, err
}

func runCibDiff(s *Session, c *Call) error {
	name, err := s.shadowArg(c)
	if err != nil {
		return err
	}
	sh, _, err := s.loadShadow(name)
	if err != nil {
		return err
	}
	live, err := s.liveBackend()
	if err != nil {
		return err
	}
	cur, err := live.Load()
	if err != nil && !errors.Is(err, ErrNewCIB) {
		return err
	}
	return s.page(unifiedDiff("live", "shadow:"+name, showCIB(cur), showCIB(sh)))
}

func runCibCommit(s *Session, c *Call) error {
	name, err := s.shadowArg(c)
	if err != nil {
		return err
	}
	force := c.Args != nil && c.Args[len(c.Args)-1] == "force"
	sh, d, err := s.loadShadow(name)
	if err != nil {
		return err
	}
	var base *cib.CIB
	if data, ok := d.Base(name); ok {
		if base, err = decodeCIB(data); err != nil {
			return fmt.Errorf("base of shadow CIB %s: %w", name, err)
		}
	}
	live, err := s.liveBackend()
	if err != nil {
		return err
	}
	var committed *cib.CIB
	err = live.Update(func(cur *cib.CIB) (*cib.CIB, error) {
		next, err := s.mergeCommit(base, sh, cur, force, "shadow CIB "+name)
		committed = next
		return next, err
	})
	if err != nil {
		return err
	}
	if data, err := encodeCIB(committed); err == nil {
		d.SetBase(name, data)
	}
	if s.shadow == "" && s.work != nil && !s.work.changed() {
		s.work = nil // reload what was committed
	}
	s.infof("committed the %s shadow CIB to %s", name, live.Describe())
	return nil
}
