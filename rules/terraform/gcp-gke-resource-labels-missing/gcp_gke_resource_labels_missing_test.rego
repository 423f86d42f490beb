package converge.rules.terraform.gcp_gke_resource_labels_missing_test

import rego.v1

import data.converge.rules.terraform.gcp_gke_resource_labels_missing as rule

test_missing_and_empty_labels_are_reported if {
	doc := {"resource": {"google_container_cluster": {"a": {}, "b": {"resource_labels": {}}}}}
	count(rule.findings) == 2 with input as doc
}

test_labels_and_variables_are_clean if {
	doc := {"resource": {"google_container_cluster": {
		"a": {"resource_labels": {"env": "prod"}},
		"b": {"resource_labels": "${var.labels}"},
	}}}
	count(rule.findings) == 0 with input as doc
}
