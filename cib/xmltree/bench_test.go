package xmltree

import (
	"bytes"
	"fmt"
	"io"
	"testing"
)

// benchDoc returns a CIB-like document of about n lrm_rsc_op elements, the
// shape that dominates big CIBs.
func benchDoc(n int) []byte {
	var b bytes.Buffer
	b.WriteString("<cib epoch=\"1\">\n  <status>\n    <node_state id=\"1\" uname=\"node001\">\n      <lrm id=\"1\">\n        <lrm_resources>\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `          <lrm_resource id="rsc%05d" class="ocf" provider="heartbeat" type="Dummy">
            <lrm_rsc_op id="rsc%05d_last_0" operation_key="rsc%05d_monitor_0" operation="monitor" crm-debug-origin="gen_cib" crm_feature_set="3.16.1" transition-key="%d:1:7:0bd0a8b5-0000-4000-8000-000000000000" transition-magic="0:7;%d:1:7:0bd0a8b5-0000-4000-8000-000000000000" exit-reason="" on_node="node001" call-id="%d" rc-code="7" op-status="0" interval="0" last-rc-change="1699999000" exec-time="10" queue-time="0" op-digest="f2317cad3d54cec5d7d7aa7d0bf35cf8"/>
          </lrm_resource>
`, i, i, i, i, i, i)
	}
	b.WriteString("        </lrm_resources>\n      </lrm>\n    </node_state>\n  </status>\n</cib>\n")
	return b.Bytes()
}

func BenchmarkScan(b *testing.B) {
	data := benchDoc(20000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		s := NewScanner(data)
		s.SkipBlank = true
		for {
			tok, err := s.Next()
			if err != nil {
				b.Fatal(err)
			}
			if tok.Kind == EOF {
				break
			}
		}
	}
}

func BenchmarkParse(b *testing.B) {
	data := benchDoc(20000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWrite(b *testing.B) {
	data := benchDoc(20000)
	n, err := Parse(data)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(Marshal(n))))
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, n); err != nil {
			b.Fatal(err)
		}
	}
}
