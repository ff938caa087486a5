// Package xmltree is the small XML layer under the CIB codec: a fast pull
// scanner for the subset of XML that Pacemaker writes (elements, attributes,
// comments, text, the XML declaration), a generic node tree used to keep
// elements the typed model does not know, and a writer that produces stable,
// indented output.
//
// It exists instead of encoding/xml because CIBs with a large status section
// run to hundreds of megabytes and the scheduler has to read them in well under
// a second; the scanner hands out substrings of the input instead of copies.
package xmltree
