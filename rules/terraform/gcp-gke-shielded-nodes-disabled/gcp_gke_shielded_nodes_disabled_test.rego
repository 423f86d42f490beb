package converge.rules.terraform.gcp_gke_shielded_nodes_disabled_test

import rego.v1

import data.converge.rules.terraform.gcp_gke_shielded_nodes_disabled as rule

clusters := {"google_container_cluster": {
	"off": {"enable_shielded_nodes": false},
	"default": {},
	"on": {"enable_shielded_nodes": true},
	"autopilot": {"enable_autopilot": true, "enable_shielded_nodes": false},
}}

test_disabled_is_reported_and_default_is_clean_on_google_4 if {
	fs := rule.findings with input as {"resource": clusters}
	{f.route[2] | some f in fs} == {"off"}
}

test_default_is_reported_on_google_3 if {
	doc := {"resource": clusters, "__converge": {"providers": {"google": {"major": 3}}}}
	fs := rule.findings with input as doc
	{f.route[2] | some f in fs} == {"off", "default"}
}
