package cib

// Schema and feature set of a new CIB: what Pacemaker 2.1.5's
// `cibadmin --empty` writes.
const (
	EmptyValidateWith = "pacemaker-3.9"
	EmptyFeatureSet   = "3.16.1"
)

// Empty returns the CIB that `cibadmin --empty` gives: validate-with
// pacemaker-3.9, crm_feature_set 3.16.1, version 0.1.0, empty crm_config,
// nodes, resources and constraints sections and an empty status.
func Empty() *CIB {
	return &CIB{
		Version: Version{Admin: 0, Epoch: 1, Updates: 0},
		Attrs: Attrs{
			{Name: AttrFeatureSet, Value: EmptyFeatureSet},
			{Name: AttrValidateWith, Value: EmptyValidateWith},
		},
	}
}
