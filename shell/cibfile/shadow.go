package cibfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Shadows is a directory of shadow CIBs, each in a file named shadow.NAME.
type Shadows struct {
	Dir string
}

// ErrShadowExists is returned (wrapped) by Create when the shadow exists
// and force is not set.
var ErrShadowExists = errors.New("shadow CIB already exists")

// ErrNoShadow is returned (wrapped) when a named shadow does not exist.
var ErrNoShadow = errors.New("no such shadow CIB")

// ValidName checks that name can name a shadow CIB: not empty, not "live"
// (which names the cluster's CIB), and free of the characters crmsh and
// the shell treat specially.
func ValidName(name string) error {
	switch {
	case name == "":
		return errors.New("a shadow CIB needs a name")
	case name == "live":
		return fmt.Errorf("shadow name %q is reserved for the cluster's CIB", name)
	case strings.HasPrefix(name, "."):
		return fmt.Errorf("shadow name %q: must not start with a dot", name)
	case strings.HasSuffix(name, ".lock"):
		return fmt.Errorf("shadow name %q: must not end in .lock", name)
	case strings.ContainsAny(name, "'`/#*?$[];\\\"\t\n "):
		return fmt.Errorf("shadow name %q: must not contain spaces, quotes, / or shell wildcards", name)
	}
	return nil
}

// Path returns the file of the named shadow.
func (d Shadows) Path(name string) string { return filepath.Join(d.Dir, "shadow."+name) }

// BasePath returns the file that keeps the CIB the named shadow was copied
// from.
func (d Shadows) BasePath(name string) string {
	return filepath.Join(d.Dir, ".shadow."+name+".base")
}

// Store returns the store of the named shadow. Shadows keep no previous
// versions.
func (d Shadows) Store(name string) *Store { return &Store{Path: d.Path(name), Keep: -1} }

// Exists reports whether the named shadow exists.
func (d Shadows) Exists(name string) bool {
	_, err := os.Stat(d.Path(name))
	return err == nil
}

// List returns the names of the shadows in the directory, sorted.
func (d Shadows) List() ([]string, error) {
	ents, err := os.ReadDir(d.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list shadow CIBs: %w", err)
	}
	var names []string
	for _, e := range ents {
		name, ok := strings.CutPrefix(e.Name(), "shadow.")
		if !ok || e.IsDir() || ValidName(name) != nil {
			continue
		}
		names = append(names, name)
	}
	sort.Strings(names)
	return names, nil
}

// Create writes a new shadow holding data and remembers data as its base.
// It refuses to replace an existing shadow unless force is set.
func (d Shadows) Create(name string, data []byte, force bool) error {
	if err := ValidName(name); err != nil {
		return err
	}
	if !force && d.Exists(name) {
		return fmt.Errorf("%w: %s (%s); use force to replace it", ErrShadowExists, name, d.Path(name))
	}
	if err := os.MkdirAll(d.Dir, 0o750); err != nil {
		return fmt.Errorf("create shadow CIB %s: %w", name, err)
	}
	if err := WriteFile(d.BasePath(name), data, 0o600); err != nil {
		return fmt.Errorf("create shadow CIB %s: %w", name, err)
	}
	if err := WriteFile(d.Path(name), data, 0o600); err != nil {
		return fmt.Errorf("create shadow CIB %s: %w", name, err)
	}
	return nil
}

// Base returns the CIB the named shadow was copied from, and false when it
// was not recorded (a shadow made by another tool).
func (d Shadows) Base(name string) ([]byte, bool) {
	data, err := os.ReadFile(d.BasePath(name))
	return data, err == nil
}

// SetBase records data as the base of the named shadow (after its changes
// were committed, the committed CIB is the new base).
func (d Shadows) SetBase(name string, data []byte) error {
	return WriteFile(d.BasePath(name), data, 0o600)
}

// Delete removes the named shadow and its base.
func (d Shadows) Delete(name string) error {
	if err := ValidName(name); err != nil {
		return err
	}
	err := os.Remove(d.Path(name))
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w: %s", ErrNoShadow, name)
	}
	if err != nil {
		return fmt.Errorf("delete shadow CIB %s: %w", name, err)
	}
	os.Remove(d.BasePath(name))
	os.Remove(d.Path(name) + ".lock")
	return nil
}
