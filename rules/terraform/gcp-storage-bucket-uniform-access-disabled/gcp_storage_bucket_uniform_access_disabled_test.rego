package converge.rules.terraform.gcp_storage_bucket_uniform_access_disabled_test

import rego.v1

import data.converge.rules.terraform.gcp_storage_bucket_uniform_access_disabled as rule

test_missing_disabled_and_legacy_are_reported if {
	doc := {"resource": {"google_storage_bucket": {
		"a": {},
		"b": {"uniform_bucket_level_access": false},
		"c": {"bucket_policy_only": true},
	}}}
	fs := rule.findings with input as doc
	{[f.route[2], f.case] | some f in fs} == {["a", "uniform"], ["b", "uniform"], ["c", "bucket_policy_only"]}
}

test_enabled_and_variables_are_clean if {
	doc := {"resource": {"google_storage_bucket": {
		"a": {"uniform_bucket_level_access": true},
		"b": {"uniform_bucket_level_access": "${var.uniform}"},
	}}}
	count(rule.findings) == 0 with input as doc
}
