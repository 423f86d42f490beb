package converge.rules.terraform.gcp_storage_bucket_public_access_prevention_off_test

import rego.v1

import data.converge.rules.terraform.gcp_storage_bucket_public_access_prevention_off as rule

test_missing_and_inherited_are_reported if {
	doc := {"resource": {"google_storage_bucket": {"a": {}, "b": {"public_access_prevention": "inherited"}}}}
	fs := rule.findings with input as doc
	{[f.route, f.case] | some f in fs} == {
		[["resource", "google_storage_bucket", "a", "public_access_prevention"], "current"],
		[["resource", "google_storage_bucket", "b", "public_access_prevention"], "current"],
	}
}

test_enforced_and_variables_are_clean if {
	doc := {"resource": {"google_storage_bucket": {
		"a": {"public_access_prevention": "enforced"},
		"b": {"public_access_prevention": "${var.pap}"},
	}}}
	count(rule.findings) == 0 with input as doc
}

test_google_3_gets_its_own_case if {
	doc := {"resource": {"google_storage_bucket": {"a": {}}}, "__converge": {"providers": {"google": {"major": 3}}}}
	some f in rule.findings with input as doc
	f.case == "google_3"
}
