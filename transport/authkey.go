package transport

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
)

// Authkey sizes corosync-keygen accepts, and its default.
const (
	MinKeySize     = 128
	MaxKeySize     = 4096
	DefaultKeySize = 256
)

// ErrAuthKey is wrapped by the errors for unusable authkey files.
var ErrAuthKey = errors.New("unusable authkey")

// ReadAuthKey reads a corosync authkey: 128 to 4096 bytes, in a regular
// file that neither group nor others may read or write.
func ReadAuthKey(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading the authkey: %w (create one with: crmd keygen -k %s)", err, path)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("reading the authkey %s: %w", path, err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w: not a regular file", path, ErrAuthKey)
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("%s: %w: mode %04o lets group or others access it; run chmod 0400 %s", path, ErrAuthKey, perm, path)
	}
	key, err := io.ReadAll(io.LimitReader(f, MaxKeySize+1))
	if err != nil {
		return nil, fmt.Errorf("reading the authkey %s: %w", path, err)
	}
	if len(key) < MinKeySize || len(key) > MaxKeySize {
		return nil, fmt.Errorf("%s: %w: %d bytes; an authkey has %d to %d (corosync-keygen or crmd keygen writes one)",
			path, ErrAuthKey, len(key), MinKeySize, MaxKeySize)
	}
	return key, nil
}

// WriteAuthKey writes a new authkey of size random bytes to path with mode
// 0400, replacing any file there, as corosync-keygen does. rnd nil means
// crypto/rand.
func WriteAuthKey(path string, size int, rnd io.Reader) error {
	if size < MinKeySize || size > MaxKeySize {
		return fmt.Errorf("%w: key size %d out of %d..%d", ErrAuthKey, size, MinKeySize, MaxKeySize)
	}
	if rnd == nil {
		rnd = rand.Reader
	}
	key := make([]byte, size)
	if _, err := io.ReadFull(rnd, key); err != nil {
		return fmt.Errorf("gathering %d random bytes: %w", size, err)
	}
	// Write beside the target and rename, so that a failure leaves any old
	// key in place and no reader sees a half-written key.
	tmp := fmt.Sprintf("%s.tmp%d", path, os.Getpid())
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o400)
	if err != nil {
		return fmt.Errorf("creating %s: %w", path, err)
	}
	_, err = f.Write(key)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
