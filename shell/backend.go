package shell

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"gocrm/cib"
	"gocrm/shell/cibfile"
)

// Backend is where the shell reads and commits the CIB: a file
// (CIB_file), a shadow CIB (CIB_shadow), or, later, the live cluster
// through the node daemon.
type Backend interface {
	// Describe names the CIB in messages: "CIB file /x/cib.xml".
	Describe() string
	// Load returns the current CIB. A CIB that does not exist yet loads
	// as an empty one with ErrNewCIB, and the first commit creates it.
	Load() (*cib.CIB, error)
	// Update runs fn on the current CIB with writers locked out and
	// stores the CIB fn returns, all or nothing; nil stores nothing.
	Update(fn func(cur *cib.CIB) (*cib.CIB, error)) error
}

// ErrNewCIB comes with an empty CIB from Load when there is no CIB yet.
var ErrNewCIB = errors.New("the CIB does not exist yet: starting from an empty one, which commit creates")

// DefaultSocket is where the node daemon listens unless CRM_SOCKET says
// otherwise.
const DefaultSocket = "/run/gocrm/crmd.sock"

// errNoCluster is the answer without CIB_file while there is no live
// backend.
func errNoCluster(getenv func(string) string) error {
	sock := getenv("CRM_SOCKET")
	if sock == "" {
		sock = DefaultSocket
	}
	return fmt.Errorf("no cluster is reachable: the live CIB is served by the gocrm node daemon "+
		"(CRM_SOCKET=%s), which this shell cannot reach yet.\n"+
		"To work on a CIB kept in a file, set CIB_file, e.g.:\n"+
		"    CIB_file=/path/to/cib.xml crm configure show", sock)
}

// shadowDir is where shadow CIBs live: CIB_shadow_dir, else the directory
// of CIB_file.
func (s *Session) shadowDir() (cibfile.Shadows, error) {
	if d := s.env.Getenv("CIB_shadow_dir"); d != "" {
		return cibfile.Shadows{Dir: d}, nil
	}
	if f := s.env.Getenv("CIB_file"); f != "" {
		return cibfile.Shadows{Dir: filepath.Dir(f)}, nil
	}
	return cibfile.Shadows{}, fmt.Errorf("shadow CIBs live beside the CIB file: set CIB_file (or CIB_shadow_dir); %w",
		errNoCluster(s.env.Getenv))
}

// liveBackend returns the backend of the CIB that is not a shadow.
func (s *Session) liveBackend() (Backend, error) {
	if f := s.env.Getenv("CIB_file"); f != "" {
		return &fileBackend{store: &cibfile.Store{Path: f}, what: "CIB file " + f}, nil
	}
	return nil, errNoCluster(s.env.Getenv)
}

// openBackend returns the backend in use: the shadow when one is in use,
// else the live one. It is opened once.
func (s *Session) openBackend() (Backend, error) {
	if s.backend != nil {
		return s.backend, nil
	}
	if s.shadow == "" {
		b, err := s.liveBackend()
		if err != nil {
			return nil, err
		}
		s.backend = b
		return b, nil
	}
	d, err := s.shadowDir()
	if err != nil {
		return nil, err
	}
	if err := cibfile.ValidName(s.shadow); err != nil {
		return nil, err
	}
	if !d.Exists(s.shadow) {
		return nil, fmt.Errorf("%w: %s (no %s; create it with: cib new %s)", cibfile.ErrNoShadow, s.shadow, d.Path(s.shadow), s.shadow)
	}
	s.backend = &fileBackend{store: d.Store(s.shadow), what: "shadow CIB " + s.shadow}
	return s.backend, nil
}

// fileBackend keeps the CIB in a file through cibfile.
type fileBackend struct {
	store *cibfile.Store
	what  string
}

func (b *fileBackend) Describe() string { return b.what }

func (b *fileBackend) Load() (*cib.CIB, error) {
	snap, err := b.store.Read()
	if errors.Is(err, fs.ErrNotExist) {
		return cib.Empty(), fmt.Errorf("%s: %w", b.what, ErrNewCIB)
	}
	if err != nil {
		return nil, err
	}
	return decodeFile(b.store.Path, snap.Data)
}

func (b *fileBackend) Update(fn func(cur *cib.CIB) (*cib.CIB, error)) error {
	return b.store.Update(func(snap cibfile.Snapshot, ok bool) ([]byte, error) {
		var cur *cib.CIB
		if ok {
			c, err := decodeFile(b.store.Path, snap.Data)
			if err != nil {
				return nil, err
			}
			cur = c
		} else {
			cur = cib.Empty()
		}
		next, err := fn(cur)
		if err != nil || next == nil {
			return nil, err
		}
		return encodeCIB(next)
	})
}
