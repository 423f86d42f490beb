package converge.rules.terraform.gcp_gke_metadata_server_disabled_test

import rego.v1

import data.converge.rules.terraform.gcp_gke_metadata_server_disabled as rule

with_module(doc) := object.union(doc, {"__converge": {"module": {"resource": doc.resource}}})

wi := [{"workload_pool": "p.svc.id.goog"}]

test_missing_and_wrong_settings_are_reported if {
	doc := {"resource": {
		"google_container_cluster": {"c": {"workload_identity_config": wi}},
		"google_container_node_pool": {
			"expose": {"cluster": "${google_container_cluster.c.id}", "node_config": [{"workload_metadata_config": [{"mode": "GCE_METADATA"}]}]},
			"legacy": {"cluster": "${google_container_cluster.c.id}", "node_config": [{"workload_metadata_config": [{"node_metadata": "SECURE"}]}]},
		},
	}}
	fs := rule.findings with input as with_module(doc)
	{[f.route[2], f.route[7], f.case] | some f in fs} == {
		["c", "mode", "missing"],
		["expose", "mode", "mode"],
		["legacy", "node_metadata", "node_metadata"],
	}
}

test_google_3_uses_node_metadata if {
	doc := {"resource": {"google_container_cluster": {"c": {"workload_identity_config": wi}}}}
	d := object.union(with_module(doc), {"__converge": {"providers": {"google": {"major": 3}}}})
	some f in rule.findings with input as d
	f.route == ["resource", "google_container_cluster", "c", "node_config", 0, "workload_metadata_config", 0, "node_metadata"]
}

test_without_workload_identity_the_case_says_so if {
	doc := {"resource": {
		"google_container_cluster": {"c": {}},
		"google_container_node_pool": {"p": {"cluster": "${google_container_cluster.c.name}"}, "q": {"cluster": "${var.cluster}"}},
	}}
	fs := rule.findings with input as with_module(doc)
	{[f.route[2], f.case] | some f in fs} == {["c", "no_workload_identity"], ["p", "no_workload_identity"], ["q", "missing"]}
}

test_gke_metadata_autopilot_and_removed_default_pools_are_clean if {
	doc := {"resource": {
		"google_container_cluster": {
			"a": {"enable_autopilot": true},
			"b": {"remove_default_node_pool": true},
			"c": {"node_config": [{"workload_metadata_config": [{"mode": "GKE_METADATA"}]}]},
		},
		"google_container_node_pool": {"p": {"node_config": [{"workload_metadata_config": [{"node_metadata": "GKE_METADATA_SERVER"}]}]}},
	}}
	count(rule.findings) == 0 with input as with_module(doc)
}
