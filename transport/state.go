package transport

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// stateFile keeps what must survive a restart: the highest ring sequence
// number accepted (so that ring ids only grow) and the last incarnation
// (so that the next one is higher even if the clock went back).
type stateFile struct {
	path string // "" keeps the state in memory
	seq  uint64
	inc  uint64
}

func openState(dir string, id uint32) (*stateFile, error) {
	s := &stateFile{}
	if dir == "" {
		return s, nil
	}
	s.path = filepath.Join(dir, fmt.Sprintf("ringid_%d", id))
	data, err := os.ReadFile(s.path)
	switch {
	case os.IsNotExist(err):
		return s, nil
	case err != nil:
		return nil, fmt.Errorf("reading the transport state: %w", err)
	}
	if _, err := fmt.Sscanf(strings.TrimSpace(string(data)), "%d %d", &s.seq, &s.inc); err != nil {
		return nil, fmt.Errorf("%s: unreadable transport state (%v); remove the file to start afresh", s.path, err)
	}
	return s, nil
}

// nextIncarnation returns an incarnation above the last one.
func (s *stateFile) nextIncarnation(now uint64) uint64 {
	s.inc = max(now, s.inc+1)
	return s.inc
}

// save writes the state durably: temporary file, fsync, rename.
func (s *stateFile) save() error {
	if s.path == "" {
		return nil
	}
	tmp := s.path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, "%d %d\n", s.seq, s.inc)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, s.path)
	}
	return err
}
