package cibfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"syscall"

	"gocrm/cib"
)

// DefaultKeep is how many previous versions a Store keeps when Keep is 0.
const DefaultKeep = 5

// ErrNotExist is returned (wrapped) when the CIB file does not exist.
var ErrNotExist = fs.ErrNotExist

// Store is a CIB kept in one file.
type Store struct {
	Path string
	// Keep is how many previous versions to keep as Path.1 (the newest)
	// to Path.Keep; 0 means DefaultKeep and a negative value keeps none.
	Keep int
}

// Snapshot is the content of the file at one moment.
type Snapshot struct {
	Data []byte
}

// Read returns the current content of the file.
func (s *Store) Read() (Snapshot, error) {
	data, err := cib.ReadFile(s.Path)
	if err != nil {
		return Snapshot{}, fmt.Errorf("read CIB: %w", err)
	}
	return Snapshot{Data: data}, nil
}

// Update runs one read-modify-write cycle under the store's lock: it reads
// the current content, passes it to fn and, unless fn returns an error or
// nil data, replaces the file with what fn returned. A missing file is passed
// to fn as an empty Snapshot with ok false.
func (s *Store) Update(fn func(cur Snapshot, ok bool) ([]byte, error)) error {
	unlock, err := s.lock()
	if err != nil {
		return err
	}
	defer unlock()
	cur, err := s.Read()
	ok := true
	if errors.Is(err, fs.ErrNotExist) {
		cur, ok, err = Snapshot{}, false, nil
	}
	if err != nil {
		return err
	}
	data, err := fn(cur, ok)
	if err != nil || data == nil {
		return err
	}
	if ok {
		if err := s.rotate(); err != nil {
			return err
		}
	}
	return WriteFile(s.Path, data, 0o600)
}

// LockPath is the file whose flock serialises writers.
func (s *Store) LockPath() string { return s.Path + ".lock" }

func (s *Store) lock() (unlock func(), err error) {
	f, err := os.OpenFile(s.LockPath(), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock CIB: %w", err)
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("lock CIB: flock %s: %w", s.LockPath(), err)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

func (s *Store) keep() int {
	if s.Keep == 0 {
		return DefaultKeep
	}
	return max(s.Keep, 0)
}

// VersionPath returns the path of the n-th previous version (1 is newest).
func (s *Store) VersionPath(n int) string { return s.Path + "." + strconv.Itoa(n) }

// Versions returns the paths of the previous versions that exist, newest
// first.
func (s *Store) Versions() []string {
	var out []string
	for n := 1; n <= s.keep(); n++ {
		p := s.VersionPath(n)
		if _, err := os.Stat(p); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// rotate shifts Path.k to Path.k+1 and makes Path.1 a copy of Path. The
// current file is never touched, so a crash leaves it intact.
func (s *Store) rotate() error {
	n := s.keep()
	if n == 0 {
		return nil
	}
	for k := n - 1; k >= 1; k-- {
		err := os.Rename(s.VersionPath(k), s.VersionPath(k+1))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("keep previous CIB versions: %w", err)
		}
	}
	first := s.VersionPath(1)
	if err := os.Remove(first); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("keep previous CIB versions: %w", err)
	}
	if err := os.Link(s.Path, first); err == nil {
		return nil
	}
	data, err := cib.ReadFile(s.Path)
	if err != nil {
		return fmt.Errorf("keep previous CIB versions: %w", err)
	}
	return WriteFile(first, data, 0o600)
}

// WriteFile replaces path with data all or nothing: it writes a temporary
// file in the same directory, fsyncs it, renames it over path and fsyncs the
// directory. An existing file's permissions are kept; perm is used for a new
// one.
func WriteFile(path string, data []byte, perm fs.FileMode) (err error) {
	if st, err := os.Stat(path); err == nil {
		perm = st.Mode().Perm()
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Chmod(perm); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: fsync: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("fsync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return fmt.Errorf("fsync %s: %w", dir, err)
	}
	return nil
}
