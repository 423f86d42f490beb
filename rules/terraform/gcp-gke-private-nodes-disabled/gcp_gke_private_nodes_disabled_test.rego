package converge.rules.terraform.gcp_gke_private_nodes_disabled_test

import rego.v1

import data.converge.rules.terraform.gcp_gke_private_nodes_disabled as rule

test_public_nodes_are_reported_with_the_case if {
	doc := {"resource": {"google_container_cluster": {
		"a": {},
		"b": {"private_cluster_config": [{"enable_private_nodes": false, "master_ipv4_cidr_block": "172.16.0.0/28"}]},
		"c": {"private_cluster_config": [{"enable_private_endpoint": false}]},
	}}}
	fs := rule.findings with input as doc
	{[f.route[2], f.case] | some f in fs} == {["a", "unplanned"], ["b", "control_plane_range"], ["c", "unplanned"]}
}

test_private_nodes_are_clean if {
	doc := {"resource": {"google_container_cluster": {"a": {"private_cluster_config": [{"enable_private_nodes": true}]}}}}
	count(rule.findings) == 0 with input as doc
}
