package converge.rules.terraform.gcp_gke_node_pool_auto_upgrade_disabled_test

import rego.v1

import data.converge.rules.terraform.gcp_gke_node_pool_auto_upgrade_disabled as rule

test_missing_and_disabled_are_reported if {
	doc := {"resource": {"google_container_node_pool": {
		"a": {},
		"b": {"management": [{"auto_upgrade": false}]},
	}}}
	fs := rule.findings with input as doc
	{[f.route, f.case] | some f in fs} == {
		[["resource", "google_container_node_pool", "a", "management", 0, "auto_upgrade"], "no_block"],
		[["resource", "google_container_node_pool", "b", "management", 0, "auto_upgrade"], "in_block"],
	}
}

test_enabled_and_variables_are_clean if {
	doc := {"resource": {"google_container_node_pool": {
		"a": {"management": [{"auto_upgrade": true}]},
		"b": {"management": [{"auto_upgrade": "${var.auto}"}]},
	}}}
	count(rule.findings) == 0 with input as doc
}
