package transport

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestAuthKeyRoundTrip(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "authkey")
	if err := WriteAuthKey(p, DefaultKeySize, nil); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(p)
	if err != nil || st.Mode().Perm() != 0o400 || st.Size() != DefaultKeySize {
		t.Fatalf("stat = %v %v", st, err)
	}
	k1, err := ReadAuthKey(p)
	if err != nil || len(k1) != DefaultKeySize {
		t.Fatalf("ReadAuthKey = %d bytes, %v", len(k1), err)
	}
	// A second key replaces the first.
	if err := WriteAuthKey(p, 4096, bytes.NewReader(bytes.Repeat([]byte{7}, 4096))); err != nil {
		t.Fatal(err)
	}
	k2, _ := ReadAuthKey(p)
	if len(k2) != 4096 || k2[0] != 7 {
		t.Errorf("second key: %d bytes", len(k2))
	}
}

func TestAuthKeyRefused(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, size int, mode os.FileMode) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, make([]byte, size), mode); err != nil {
			t.Fatal(err)
		}
		os.Chmod(p, mode)
		return p
	}
	for _, tc := range []struct {
		name, path, want string
	}{
		{"group readable", write("g", 256, 0o440), "mode 0440"},
		{"other readable", write("o", 256, 0o604), "mode 0604"},
		{"too short", write("s", 127, 0o400), "127 bytes"},
		{"too long", write("l", 4097, 0o600), "4097 bytes"},
		{"directory", dir, "not a regular file"},
	} {
		_, err := ReadAuthKey(tc.path)
		if !errors.Is(err, ErrAuthKey) || !bytes.Contains([]byte(err.Error()), []byte(tc.want)) {
			t.Errorf("%s: ReadAuthKey = %v, want %q", tc.name, err, tc.want)
		}
	}
	if _, err := ReadAuthKey(filepath.Join(dir, "missing")); err == nil {
		t.Error("missing file read")
	}
	for _, size := range []int{127, 4097} {
		if err := WriteAuthKey(filepath.Join(dir, "k"), size, nil); !errors.Is(err, ErrAuthKey) {
			t.Errorf("WriteAuthKey size %d = %v", size, err)
		}
	}
}

// TestAuthKeyFromCorosyncKeygen reads a key written by the real
// corosync-keygen, when it is installed.
func TestAuthKeyFromCorosyncKeygen(t *testing.T) {
	keygen, err := exec.LookPath("corosync-keygen")
	if err != nil {
		t.Skip("corosync-keygen not installed:", err)
	}
	p := filepath.Join(t.TempDir(), "authkey")
	if out, err := exec.Command(keygen, "-k", p).CombinedOutput(); err != nil {
		t.Skipf("corosync-keygen failed (%v): %s", err, out)
	}
	key, err := ReadAuthKey(p)
	if err != nil || len(key) != DefaultKeySize {
		t.Fatalf("reading corosync-keygen's key: %d bytes, %v", len(key), err)
	}
}
