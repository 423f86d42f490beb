package converge.rules.terraform.gcp_gke_node_image_not_cos_test

import rego.v1

import data.converge.rules.terraform.gcp_gke_node_image_not_cos as rule

pool(image) := {"node_config": [{"image_type": image}]}

test_ubuntu_is_reported if {
	doc := {"resource": {"google_container_node_pool": {"u": pool("UBUNTU_CONTAINERD")}}}
	some f in rule.findings with input as doc
	f.route == ["resource", "google_container_node_pool", "u", "node_config", 0, "image_type"]
}

test_cos_default_windows_and_variables_are_clean if {
	doc := {"resource": {"google_container_node_pool": {
		"a": pool("COS_CONTAINERD"),
		"b": pool("cos"),
		"c": {"node_config": [{"machine_type": "e2-small"}]},
		"d": pool("WINDOWS_LTSC_CONTAINERD"),
		"e": pool("${var.image}"),
	}}}
	count(rule.findings) == 0 with input as doc
}
