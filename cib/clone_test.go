package cib

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"unsafe"
)

// The tests here fill every field of every model type by reflection, so
// that a field added to the model later without being handled by Clone or
// Equal makes them fail.

// filler sets every field reachable from a value to a distinct non-zero
// value. Interface-typed slices get one element of every implementation.
type filler struct{ n int }

var (
	resourceImpls   = []Resource{&Primitive{}, &Template{}, &Group{}, &Clone{}, &Bundle{}, &RawResource{}}
	constraintImpls = []Constraint{&Location{}, &Colocation{}, &Order{}, &Ticket{}, &RawConstraint{}}
	exprImpls       = []Expr{&Rule{}, &Expression{}, &DateExpression{}, &RscExpression{}, &OpExpression{}}
)

func (f *filler) fill(v reflect.Value, depth int) {
	f.n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d", f.n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(f.n))
	case reflect.Uint8:
		v.SetUint(uint64(f.n % 4))
	case reflect.Pointer:
		if depth > 6 {
			return
		}
		p := reflect.New(v.Type().Elem())
		f.fill(p.Elem(), depth+1)
		v.Set(p)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				f.fill(v.Field(i), depth)
			}
		}
	case reflect.Slice:
		if depth > 6 {
			return
		}
		var impls []reflect.Value
		switch v.Type().Elem() {
		case reflect.TypeFor[Resource]():
			for _, r := range resourceImpls {
				impls = append(impls, reflect.ValueOf(r))
			}
		case reflect.TypeFor[Constraint]():
			for _, c := range constraintImpls {
				impls = append(impls, reflect.ValueOf(c))
			}
		case reflect.TypeFor[Expr]():
			for _, e := range exprImpls {
				impls = append(impls, reflect.ValueOf(e))
			}
		}
		if impls != nil {
			s := reflect.MakeSlice(v.Type(), len(impls), len(impls))
			for i, impl := range impls {
				p := reflect.New(impl.Type().Elem())
				f.fill(p.Elem(), depth+1)
				s.Index(i).Set(p)
			}
			v.Set(s)
			return
		}
		s := reflect.MakeSlice(v.Type(), 1, 1)
		f.fill(s.Index(0), depth+1)
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for i := 0; i < 2; i++ {
			k := reflect.New(v.Type().Key()).Elem()
			f.fill(k, depth+1)
			e := reflect.New(v.Type().Elem()).Elem()
			f.fill(e, depth+1)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Interface:
		if depth > 6 {
			return
		}
		// Clone.Child: a group, which holds primitives.
		if v.Type() == reflect.TypeFor[Resource]() {
			g := &Group{}
			f.fill(reflect.ValueOf(g).Elem(), depth+1)
			v.Set(reflect.ValueOf(g))
		}
	default:
		panic("filler: unhandled kind " + v.Kind().String() + " in " + v.Type().String())
	}
}

func filledCIB() *CIB {
	c := &CIB{}
	(&filler{}).fill(reflect.ValueOf(c).Elem(), 0)
	return c
}

// leaves calls fn for every settable leaf (string, bool, integer) under v,
// in a deterministic order.
func leaves(v reflect.Value, fn func(reflect.Value)) {
	switch v.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int64, reflect.Uint8:
		fn(v)
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			leaves(v.Elem(), fn)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				leaves(v.Field(i), fn)
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			leaves(v.Index(i), fn)
		}
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int {
			return compareStrings(fmt.Sprint(a.Interface()), fmt.Sprint(b.Interface()))
		})
		for _, k := range keys {
			leaves(v.MapIndex(k), fn) // map values are *Extra: settable through the pointer
		}
	}
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func mutate(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "x")
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Int, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.Uint8:
		v.SetUint(v.Uint() + 1)
	}
}

func TestCloneIsDeep(t *testing.T) {
	c := filledCIB()
	d := c.Clone()
	if !reflect.DeepEqual(c, d) {
		t.Fatal("Clone is not DeepEqual to the original")
	}
	if !Equal(c, d) {
		t.Fatal("Clone is not Equal to the original")
	}
	// No memory shared: every pointer, slice and map of the copy is its
	// own (strings may be shared, they are immutable).
	noSharing(t, reflect.ValueOf(c), reflect.ValueOf(d), "CIB")
	if (*CIB)(nil).Clone() != nil {
		t.Error("nil.Clone() != nil")
	}
}

func noSharing(t *testing.T, a, b reflect.Value, path string) {
	t.Helper()
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() {
			return
		}
		if a.Pointer() == b.Pointer() {
			t.Errorf("%s: pointer shared", path)
			return
		}
		noSharing(t, a.Elem(), b.Elem(), path)
	case reflect.Interface:
		if !a.IsNil() {
			noSharing(t, a.Elem(), b.Elem(), path)
		}
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if a.Type().Field(i).IsExported() {
				noSharing(t, a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name)
			}
		}
	case reflect.Slice:
		if a.Len() > 0 && unsafe.Pointer(a.Pointer()) == unsafe.Pointer(b.Pointer()) {
			t.Errorf("%s: slice shared", path)
			return
		}
		for i := 0; i < a.Len(); i++ {
			noSharing(t, a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
	case reflect.Map:
		if a.Len() > 0 && a.Pointer() == b.Pointer() {
			t.Errorf("%s: map shared", path)
			return
		}
		for _, k := range a.MapKeys() {
			noSharing(t, a.MapIndex(k), b.MapIndex(k), fmt.Sprintf("%s[%v]", path, k))
		}
	}
}

// TestEqualSeesEveryField changes one leaf at a time in a copy: Equal
// must notice every change.
func TestEqualSeesEveryField(t *testing.T) {
	c := filledCIB()
	total := 0
	leaves(reflect.ValueOf(c), func(reflect.Value) { total++ })
	t.Logf("%d leaves", total)
	if total < 500 {
		t.Fatalf("only %d leaves: the filler did not reach the whole model", total)
	}
	d := c.Clone()
	var all []reflect.Value
	leaves(reflect.ValueOf(d), func(v reflect.Value) { all = append(all, v) })
	for k, v := range all {
		old := reflect.ValueOf(v.Interface())
		mutate(v)
		if Equal(c, d) {
			t.Errorf("Equal misses a change of leaf %d (%s %v)", k, v.Type(), v.Interface())
		}
		v.Set(old)
	}
	if !Equal(c, d) {
		t.Fatal("restoring the leaves did not give an Equal CIB")
	}
}

func TestEqualSemantics(t *testing.T) {
	a := Empty()
	b := Empty()
	b.Attrs = Attrs{b.Attrs[1], b.Attrs[0]} // attribute order does not matter
	b.Config.SectionExtra = map[string]*Extra{secRscDefaults: {}}
	b.Config.ACLs = &ACLs{}
	b.Config.Resources = []Resource{}
	if !Equal(a, b) {
		t.Error("attribute order, empty section markers, empty ACLs or empty slices matter")
	}
	b.Config.Resources = []Resource{&Primitive{ID: "p"}}
	a.Config.Resources = []Resource{(*Template)(&Primitive{ID: "p"})}
	if Equal(a, b) {
		t.Error("a template equals a primitive")
	}
	if Equal(a, nil) || !Equal(nil, nil) {
		t.Error("nil handling")
	}
}
