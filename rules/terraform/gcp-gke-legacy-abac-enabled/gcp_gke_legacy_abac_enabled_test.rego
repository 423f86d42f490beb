package converge.rules.terraform.gcp_gke_legacy_abac_enabled_test

import rego.v1

import data.converge.rules.terraform.gcp_gke_legacy_abac_enabled as rule

test_enabled_abac_is_reported if {
	doc := {"resource": {"google_container_cluster": {"c": {"enable_legacy_abac": true}}}}
	some f in rule.findings with input as doc
	f.route == ["resource", "google_container_cluster", "c", "enable_legacy_abac"]
}

test_default_and_disabled_are_clean if {
	doc := {"resource": {"google_container_cluster": {"a": {}, "b": {"enable_legacy_abac": false}}}}
	count(rule.findings) == 0 with input as doc
}
