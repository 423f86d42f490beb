package converge.rules.terraform.gcp_gke_node_secure_boot_disabled_test

import rego.v1

import data.converge.rules.terraform.gcp_gke_node_secure_boot_disabled as rule

test_node_configs_without_secure_boot_are_reported if {
	doc := {"resource": {
		"google_container_cluster": {"c": {"node_config": [{"machine_type": "e2-small"}]}},
		"google_container_node_pool": {"p": {"node_config": [{"shielded_instance_config": [{"enable_secure_boot": false}]}]}},
	}}
	fs := rule.findings with input as doc
	{f.route | some f in fs} == {
		["resource", "google_container_cluster", "c", "node_config", 0, "shielded_instance_config", 0, "enable_secure_boot"],
		["resource", "google_container_node_pool", "p", "node_config", 0, "shielded_instance_config", 0, "enable_secure_boot"],
	}
}

test_secure_boot_and_absent_node_config_are_clean if {
	doc := {"resource": {
		"google_container_cluster": {"c": {}},
		"google_container_node_pool": {"p": {"node_config": [{"shielded_instance_config": [{"enable_secure_boot": true}]}]}},
	}}
	count(rule.findings) == 0 with input as doc
}
