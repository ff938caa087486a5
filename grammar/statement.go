package grammar

import "strings"

// Object returns the kind (crm's name, as in Object.Kind) and id of the
// object a statement defines, the way crmsh identifies it: a node by its
// id or else its uname, a property/rsc_defaults/op_defaults set by its id
// (cib-bootstrap-options, rsc-options, op-options by default) and the
// fencing topology as fencing_topology. A monitor statement, which adds an
// op to a primitive, gives kind "op" and the primitive's id.
func (s *Statement) Object() (kind, id string) {
	switch {
	case s.Node != nil:
		id, _ := objectID(s.Node.ID)
		if id == "" {
			id, _, _ = strings.Cut(s.Node.Uname.Value, ":")
		}
		return "node", id
	case s.Primitive != nil:
		return strings.ToLower(s.Primitive.Keyword), s.Primitive.ID.Value
	case s.Monitor != nil:
		rsc, _, _ := strings.Cut(s.Monitor.Rsc.Value, ":")
		return "op", rsc
	case s.Group != nil:
		return "group", s.Group.ID.Value
	case s.Clone != nil:
		if strings.EqualFold(s.Clone.Keyword, "clone") {
			return "clone", s.Clone.ID.Value
		}
		return "ms", s.Clone.ID.Value
	case s.Bundle != nil:
		return "bundle", s.Bundle.ID.Value
	case s.Location != nil:
		return "location", s.Location.ID.Value
	case s.Colocation != nil:
		return "colocation", s.Colocation.ID.Value
	case s.Order != nil:
		return "order", s.Order.ID.Value
	case s.Ticket != nil:
		return "rsc_ticket", s.Ticket.ID.Value
	case s.Property != nil:
		kind := strings.ToLower(s.Property.Keyword)
		id := ""
		if t := s.Property.ID; t.Type == TokIDSpec {
			_, id = tokVal(t)
		} else if t.Type != 0 {
			id = strings.TrimSuffix(t.Value, ":")
		}
		if id == "" {
			id = map[string]string{"property": propertyID, "rsc_defaults": rscDefaultsID, "op_defaults": opDefaultsID}[kind]
		}
		return kind, id
	case s.Fencing != nil:
		return "fencing_topology", fencingID
	case s.Tag != nil:
		return "tag", strings.TrimSuffix(s.Tag.ID.Value, ":")
	case s.Role != nil:
		return "role", s.Role.ID.Value
	case s.ACLTarget != nil:
		return strings.ToLower(s.ACLTarget.Keyword), s.ACLTarget.ID.Value
	case s.User != nil:
		return "user", s.User.ID.Value
	case s.Alert != nil:
		return "alert", s.Alert.ID.Value
	}
	return "", ""
}
