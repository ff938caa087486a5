package cibfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

func TestUpdateWritesAndKeepsVersions(t *testing.T) {
	dir := t.TempDir()
	s := &Store{Path: filepath.Join(dir, "cib.xml"), Keep: 2}
	for i := range 4 {
		err := s.Update(func(cur Snapshot, ok bool) ([]byte, error) {
			if ok != (i > 0) {
				t.Fatalf("update %d: ok=%v", i, ok)
			}
			if i > 0 && string(cur.Data) != fmt.Sprint(i-1) {
				t.Fatalf("update %d: read %q", i, cur.Data)
			}
			return []byte(fmt.Sprint(i)), nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for path, want := range map[string]string{s.Path: "3", s.VersionPath(1): "2", s.VersionPath(2): "1"} {
		got, err := os.ReadFile(path)
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", path, got, err, want)
		}
	}
	if _, err := os.Stat(s.VersionPath(3)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s exists beyond Keep=2", s.VersionPath(3))
	}
	if got := s.Versions(); len(got) != 2 {
		t.Errorf("Versions() = %v", got)
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if e.Name()[0] == '.' {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestUpdateAbortsOnErrorOrNil(t *testing.T) {
	s := &Store{Path: filepath.Join(t.TempDir(), "cib.xml")}
	if err := os.WriteFile(s.Path, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	if err := s.Update(func(Snapshot, bool) ([]byte, error) { return []byte("x"), boom }); !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if err := s.Update(func(Snapshot, bool) ([]byte, error) { return nil, nil }); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(s.Path)
	if string(got) != "old" || len(s.Versions()) != 0 {
		t.Fatalf("file = %q, versions %v", got, s.Versions())
	}
	if err := s.Update(func(Snapshot, bool) ([]byte, error) { return []byte("new"), nil }); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(s.Path)
	if st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want the old file's 0640", st.Mode().Perm())
	}
}

// TestUpdateSerialises runs concurrent increments through separate Stores
// on the same path (as separate processes would): none may be lost.
func TestUpdateSerialises(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cib.xml")
	if err := os.WriteFile(path, []byte("0"), 0o600); err != nil {
		t.Fatal(err)
	}
	const n = 20
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			s := &Store{Path: path, Keep: -1}
			err := s.Update(func(cur Snapshot, _ bool) ([]byte, error) {
				var v int
				fmt.Sscan(string(cur.Data), &v)
				return []byte(fmt.Sprint(v + 1)), nil
			})
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	got, _ := os.ReadFile(path)
	if string(got) != fmt.Sprint(n) {
		t.Fatalf("after %d increments: %s", n, got)
	}
}

func TestWriteFileErrorLeavesOld(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cib.xml")
	os.WriteFile(path, []byte("old"), 0o600)
	if os.Geteuid() == 0 {
		t.Skip("running as root: a read-only directory does not stop writes")
	}
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	if err := WriteFile(path, []byte("new"), 0o600); err == nil {
		t.Fatal("write into a read-only directory succeeded")
	}
	got, _ := os.ReadFile(path)
	if string(got) != "old" {
		t.Fatalf("file = %q", got)
	}
}

func TestShadows(t *testing.T) {
	d := Shadows{Dir: filepath.Join(t.TempDir(), "shadows")}
	if names, err := d.List(); err != nil || len(names) != 0 {
		t.Fatalf("List on a missing dir = %v, %v", names, err)
	}
	if err := d.Create("test", []byte("a"), false); err != nil {
		t.Fatal(err)
	}
	if err := d.Create("test", []byte("b"), false); !errors.Is(err, ErrShadowExists) {
		t.Fatalf("second Create: %v", err)
	}
	if err := d.Create("other", []byte("b"), false); err != nil {
		t.Fatal(err)
	}
	// A store update creates a lock file beside the shadow; List skips it.
	if err := d.Store("test").Update(func(Snapshot, bool) ([]byte, error) { return []byte("c"), nil }); err != nil {
		t.Fatal(err)
	}
	names, err := d.List()
	if err != nil || fmt.Sprint(names) != "[other test]" {
		t.Fatalf("List = %v, %v", names, err)
	}
	if base, ok := d.Base("test"); !ok || string(base) != "a" {
		t.Fatalf("Base = %q, %v", base, ok)
	}
	if err := d.Delete("test"); err != nil {
		t.Fatal(err)
	}
	if err := d.Delete("test"); !errors.Is(err, ErrNoShadow) {
		t.Fatalf("second Delete: %v", err)
	}
	if _, ok := d.Base("test"); ok {
		t.Fatal("base kept after Delete")
	}
}

func TestValidName(t *testing.T) {
	for name, ok := range map[string]bool{
		"test": true, "my-shadow_1": true, "v2.1": true,
		"": false, "live": false, ".hidden": false, "a/b": false, "a b": false,
		"x'y": false, "x*": false, "x.lock": false,
	} {
		if err := ValidName(name); (err == nil) != ok {
			t.Errorf("ValidName(%q) = %v", name, err)
		}
	}
}
