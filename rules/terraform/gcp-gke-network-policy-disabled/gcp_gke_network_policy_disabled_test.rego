package converge.rules.terraform.gcp_gke_network_policy_disabled_test

import rego.v1

import data.converge.rules.terraform.gcp_gke_network_policy_disabled as rule

test_missing_and_disabled_policies_are_reported if {
	doc := {"resource": {"google_container_cluster": {
		"a": {},
		"b": {"network_policy": [{"enabled": false}]},
	}}}
	fs := rule.findings with input as doc
	{f.route | some f in fs} == {
		["resource", "google_container_cluster", "a", "network_policy", 0, "enabled"],
		["resource", "google_container_cluster", "b", "network_policy", 0, "enabled"],
	}
}

test_enabled_dataplane_v2_and_autopilot_are_clean if {
	doc := {"resource": {"google_container_cluster": {
		"a": {"network_policy": [{"enabled": true, "provider": "CALICO"}]},
		"b": {"datapath_provider": "ADVANCED_DATAPATH"},
		"c": {"enable_autopilot": true},
	}}}
	count(rule.findings) == 0 with input as doc
}
