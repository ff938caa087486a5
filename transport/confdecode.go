package transport

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// decoder turns a parsed tree into a Config, collecting warnings.
type decoder struct {
	file  string
	cfg   *Config
	warns []string
}

func (d *decoder) warn(line int, format string, args ...any) {
	d.warns = append(d.warns, fmt.Sprintf("%s:%d: ", d.file, line)+fmt.Sprintf(format, args...))
}

func (d *decoder) errorf(line int, format string, args ...any) error {
	return fmt.Errorf("%s:%d: %w: %s", d.file, line, ErrConfig, fmt.Sprintf(format, args...))
}

// field sets one key from its value.
type field func(d *decoder, path string, kv KeyValue) error

// decodeKeys applies a section's keys through a table; unknown keys and
// repeated ones are warned about (the last value wins, as in corosync).
func (d *decoder) decodeKeys(path string, s *Section, fields map[string]field) error {
	seen := map[string]int{}
	for _, kv := range s.Keys {
		f, ok := fields[kv.Key]
		if !ok {
			d.warn(kv.Line, "unknown key %q in %s; it is ignored", kv.Key, path)
			continue
		}
		if prev, dup := seen[kv.Key]; dup {
			d.warn(kv.Line, "%s.%s repeats line %d; the last value wins", path, kv.Key, prev)
		}
		seen[kv.Key] = kv.Line
		if err := f(d, path+"."+kv.Key, kv); err != nil {
			return err
		}
	}
	return nil
}

func (d *decoder) uint(path string, kv KeyValue, lo, hi uint64) (uint64, error) {
	v, err := strconv.ParseUint(kv.Value, 10, 64)
	if err != nil || v < lo || v > hi {
		return 0, d.errorf(kv.Line, "%s: %q is not an integer in %d..%d", path, kv.Value, lo, hi)
	}
	return v, nil
}

func u32(set func(*Config, uint32)) field {
	return func(d *decoder, path string, kv KeyValue) error {
		v, err := d.uint(path, kv, 0, 1<<32-1)
		set(d.cfg, uint32(v))
		return err
	}
}

func integer(lo, hi uint64, set func(*Config, int)) field {
	return func(d *decoder, path string, kv KeyValue) error {
		v, err := d.uint(path, kv, lo, hi)
		set(d.cfg, int(v))
		return err
	}
}

func millis(set func(*Config, time.Duration)) field {
	return func(d *decoder, path string, kv KeyValue) error {
		v, err := d.uint(path, kv, 0, 1<<32-1)
		set(d.cfg, time.Duration(v)*time.Millisecond)
		return err
	}
}

func (d *decoder) boolean(path string, kv KeyValue) (bool, error) {
	switch strings.ToLower(kv.Value) {
	case "yes", "on", "true", "1":
		return true, nil
	case "no", "off", "false", "0":
		return false, nil
	}
	return false, d.errorf(kv.Line, "%s: %q is not yes/no, on/off or 1/0", path, kv.Value)
}

func boolean(set func(*Config, bool)) field {
	return func(d *decoder, path string, kv KeyValue) error {
		v, err := d.boolean(path, kv)
		set(d.cfg, v)
		return err
	}
}

func text(set func(*Config, string)) field {
	return func(d *decoder, path string, kv KeyValue) error {
		set(d.cfg, kv.Value)
		return nil
	}
}

func oneOf(values []string, set func(*Config, string)) field {
	return func(d *decoder, path string, kv KeyValue) error {
		for _, v := range values {
			if kv.Value == v {
				set(d.cfg, v)
				return nil
			}
		}
		return d.errorf(kv.Line, "%s: %q is not one of %s", path, kv.Value, strings.Join(values, ", "))
	}
}

// ignored accepts a key corosync knows and gocrm has no use for.
func ignored(d *decoder, path string, kv KeyValue) error { return nil }

// ParseConfig parses a corosync.conf file, applies corosync 3's defaults
// and checks it. Unknown sections and keys become warnings; malformed or
// invalid content an error "file:line: message".
func ParseConfig(file string, data []byte) (*Config, error) {
	root, err := ParseTree(file, data)
	if err != nil {
		return nil, err
	}
	d := &decoder{file: file, cfg: DefaultConfig()}
	d.cfg.File = file
	for _, kv := range root.Keys {
		d.warn(kv.Line, "key %q outside any section; it is ignored", kv.Key)
	}
	for _, s := range root.Sections {
		var err error
		switch s.Name {
		case "totem":
			err = d.totem(s)
		case "nodelist":
			err = d.nodelist(s)
		case "quorum":
			err = d.quorum(s)
		case "logging":
			err = d.logging(s)
		case "system", "resources", "nozzle":
			err = d.other(s)
		default:
			d.warn(s.Line, "unknown section %q; it is ignored", s.Name)
		}
		if err != nil {
			return nil, err
		}
	}
	if err := d.check(root); err != nil {
		return nil, err
	}
	d.cfg.Warnings = d.warns
	return d.cfg, nil
}

// otherKeys are the keys of the sections gocrm keeps but does not use.
var otherKeys = map[string][]string{
	"system":    {"qb_ipc_type", "sched_rr", "priority", "move_to_root_cgroup", "allow_knet_handle_fallback", "state_dir"},
	"resources": {"watchdog_device"},
	"nozzle":    {"name", "ipaddr", "ipprefix", "macaddr"},
}

func (d *decoder) other(s *Section) error {
	fields := map[string]field{}
	for _, k := range otherKeys[s.Name] {
		fields[k] = ignored
	}
	for _, sub := range s.Sections {
		d.warn(sub.Line, "unknown section %q in %s; it is ignored", sub.Name, s.Name)
	}
	d.cfg.Other = append(d.cfg.Other, s)
	return d.decodeKeys(s.Name, s, fields)
}
