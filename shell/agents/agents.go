package agents

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
)

// Agent names one agent: Class is ocf, stonith, lsb, systemd or service;
// Provider is set for ocf only.
type Agent struct {
	Class, Provider, Type string
}

// String formats a as crm writes it: ocf:heartbeat:IPaddr2, stonith:fence_xvm.
func (a Agent) String() string {
	if a.Provider != "" {
		return a.Class + ":" + a.Provider + ":" + a.Type
	}
	return a.Class + ":" + a.Type
}

// ErrUnknownClass is returned (wrapped) for a class the library cannot list.
var ErrUnknownClass = errors.New("unknown agent class")

// ErrNotFound is returned (wrapped) for an agent that is not installed.
var ErrNotFound = errors.New("agent not found")

// Known classes, in the order the ra level lists them.
var classOrder = []string{"lsb", "ocf", "service", "stonith", "systemd"}

// IsClass reports whether s names an agent class the cluster knows.
func IsClass(s string) bool {
	for _, c := range classOrder {
		if c == s {
			return true
		}
	}
	return false
}

// Dirs are where agents are installed.
type Dirs struct {
	OCFRoot   string // OCF_ROOT: agents in OCFRoot/resource.d/PROVIDER
	FenceDir  string // fence_* agents
	InitDir   string // LSB init scripts
	Systemctl string // path of systemctl; "" when systemd is absent
}

// DefaultDirs returns the standard locations, with OCF_ROOT taken from
// getenv when set; systemctl is looked for in the usual places.
func DefaultDirs(getenv func(string) string) Dirs {
	d := Dirs{OCFRoot: "/usr/lib/ocf", FenceDir: "/usr/sbin", InitDir: "/etc/init.d"}
	if v := getenv("OCF_ROOT"); v != "" {
		d.OCFRoot = v
	}
	for _, p := range []string{"/usr/bin/systemctl", "/bin/systemctl"} {
		if st, err := os.Stat(p); err == nil && st.Mode()&0o111 != 0 {
			d.Systemctl = p
			break
		}
	}
	return d
}

// DefaultTimeout bounds every agent run (meta-data, listing units).
const DefaultTimeout = 10 * time.Second

// Lib lists agents and fetches their meta-data. Meta-data is cached for the
// life of the Lib. A Lib is not safe for concurrent use.
type Lib struct {
	Dirs    Dirs
	Runner  Runner
	Timeout time.Duration // 0 means DefaultTimeout
	// CacheDir, when set, keeps OCF and fence agents' meta-data across
	// runs, keyed by the agent's path, size and modification time, since
	// running an agent (a Python fence agent especially) costs far more
	// than reading a file.
	CacheDir string

	meta    map[Agent][]byte
	systemd []string
}

// New returns a Lib over dirs that runs agents with r.
func New(dirs Dirs, r Runner) *Lib { return &Lib{Dirs: dirs, Runner: r} }

func (l *Lib) run(c Cmd) ([]byte, error) {
	t := l.Timeout
	if t == 0 {
		t = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(context.Background(), t)
	defer cancel()
	return l.Runner.Run(ctx, c)
}

// Class is one agent class and, for ocf, its providers.
type Class struct {
	Name      string
	Providers []string
}

// Classes returns the classes that have agents installed here.
func (l *Lib) Classes() []Class {
	var out []Class
	for _, c := range classOrder {
		switch c {
		case "ocf":
			if ps := l.OCFProviders(); len(ps) > 0 {
				out = append(out, Class{Name: c, Providers: ps})
			}
		case "lsb":
			if isDir(l.Dirs.InitDir) {
				out = append(out, Class{Name: c})
			}
		case "service":
			if isDir(l.Dirs.InitDir) || l.Dirs.Systemctl != "" {
				out = append(out, Class{Name: c})
			}
		case "stonith":
			if len(l.fenceAgents()) > 0 {
				out = append(out, Class{Name: c})
			}
		case "systemd":
			if l.Dirs.Systemctl != "" {
				out = append(out, Class{Name: c})
			}
		}
	}
	return out
}

// OCFProviders returns the OCF providers, sorted.
func (l *Lib) OCFProviders() []string {
	ents, _ := os.ReadDir(filepath.Join(l.Dirs.OCFRoot, "resource.d"))
	var out []string
	for _, e := range ents {
		if !strings.HasPrefix(e.Name(), ".") && isDir(filepath.Join(l.Dirs.OCFRoot, "resource.d", e.Name())) {
			out = append(out, e.Name())
		}
	}
	return out
}

// Providers returns the OCF providers that have an agent named typ.
func (l *Lib) Providers(typ string) []string {
	var out []string
	for _, p := range l.OCFProviders() {
		if isExec(l.ocfPath(p, typ)) {
			out = append(out, p)
		}
	}
	return out
}

func (l *Lib) ocfPath(provider, typ string) string {
	return filepath.Join(l.Dirs.OCFRoot, "resource.d", provider, typ)
}

// List returns the agents of a class (and, for ocf, of one provider or of
// all when provider is ""), sorted. Names are types, as crm ra list prints
// them.
func (l *Lib) List(class, provider string) ([]string, error) {
	switch class {
	case "ocf":
		providers := l.OCFProviders()
		if provider != "" {
			if !slices.Contains(providers, provider) {
				return nil, fmt.Errorf("%w: no OCF provider %q in %s", ErrNotFound, provider, filepath.Join(l.Dirs.OCFRoot, "resource.d"))
			}
			providers = []string{provider}
		}
		var out []string
		for _, p := range providers {
			out = append(out, execsIn(filepath.Join(l.Dirs.OCFRoot, "resource.d", p), "")...)
		}
		return uniqSorted(out), nil
	case "stonith":
		return l.fenceAgents(), nil
	case "lsb":
		return execsIn(l.Dirs.InitDir, ""), nil
	case "systemd":
		return l.systemdUnits()
	case "service":
		units, err := l.systemdUnits()
		if err != nil {
			return nil, err
		}
		return uniqSorted(append(execsIn(l.Dirs.InitDir, ""), units...)), nil
	}
	return nil, fmt.Errorf("%w %q: known classes are %s", ErrUnknownClass, class, strings.Join(classOrder, ", "))
}

func (l *Lib) fenceAgents() []string { return execsIn(l.Dirs.FenceDir, "fence_") }

func (l *Lib) systemdUnits() ([]string, error) {
	if l.Dirs.Systemctl == "" {
		return nil, nil
	}
	if l.systemd != nil {
		return l.systemd, nil
	}
	out, err := l.run(Cmd{Path: l.Dirs.Systemctl, Args: []string{"list-unit-files", "--type=service", "--no-legend", "--no-pager"}})
	if err != nil {
		return nil, fmt.Errorf("list systemd units: %w", err)
	}
	units := []string{}
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		name, ok := strings.CutSuffix(f[0], ".service")
		if ok && !strings.HasSuffix(name, "@") {
			units = append(units, name)
		}
	}
	l.systemd = uniqSorted(units)
	return l.systemd, nil
}

// Resolve completes a partial agent name as crm accepts it: class:provider:type
// for ocf, class:type for the others, or a bare type, which means the first
// OCF provider (heartbeat preferred) that has it, else a fence agent of that
// name. It reports ErrNotFound when no installed agent matches.
func (l *Lib) Resolve(name string) (Agent, error) {
	parts := strings.Split(name, ":")
	switch len(parts) {
	case 3:
		a := Agent{Class: parts[0], Provider: parts[1], Type: parts[2]}
		if a.Class != "ocf" {
			return a, fmt.Errorf("agent %q: only ocf agents have a provider", name)
		}
		if !isExec(l.ocfPath(a.Provider, a.Type)) {
			return a, fmt.Errorf("%w: %s (no executable %s)", ErrNotFound, name, l.ocfPath(a.Provider, a.Type))
		}
		return a, nil
	case 2:
		if parts[0] == "ocf" {
			return l.Resolve(parts[1])
		}
		if !IsClass(parts[0]) {
			return Agent{}, fmt.Errorf("%w %q in %q", ErrUnknownClass, parts[0], name)
		}
		a := Agent{Class: parts[0], Type: parts[1]}
		list, err := l.List(a.Class, "")
		if err != nil {
			return a, err
		}
		if !slices.Contains(list, a.Type) {
			return a, fmt.Errorf("%w: %s", ErrNotFound, name)
		}
		return a, nil
	case 1:
		ps := l.Providers(name)
		if slices.Contains(ps, "heartbeat") {
			return Agent{Class: "ocf", Provider: "heartbeat", Type: name}, nil
		}
		if len(ps) > 0 {
			return Agent{Class: "ocf", Provider: ps[0], Type: name}, nil
		}
		if strings.HasPrefix(name, "fence_") && isExec(filepath.Join(l.Dirs.FenceDir, name)) {
			return Agent{Class: "stonith", Type: name}, nil
		}
		return Agent{}, fmt.Errorf("%w: %s (try ra list ocf, or class:provider:type)", ErrNotFound, name)
	}
	return Agent{}, fmt.Errorf("agent %q: want class:provider:type", name)
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

func isExec(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0
}

// execsIn lists the executable regular files in dir whose names start with
// prefix, skipping hidden files.
func execsIn(dir, prefix string) []string {
	ents, _ := os.ReadDir(dir)
	var out []string
	for _, e := range ents {
		n := e.Name()
		if strings.HasPrefix(n, ".") || !strings.HasPrefix(n, prefix) {
			continue
		}
		if isExec(filepath.Join(dir, n)) {
			out = append(out, n)
		}
	}
	return out
}

func uniqSorted(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}
