package converge.rules.terraform.tf_k8s_container_host_port_used_test

import rego.v1

import data.converge.rules.terraform.tf_k8s_container_host_port_used as rule

pod(spec) := {"resource": {"kubernetes_pod": {"p": {"spec": [spec]}}}}

test_host_ports_of_the_first_container_are_reported if {
	doc := pod({"container": [
		{"name": "a", "port": [{"container_port": 80}, {"container_port": 443, "host_port": 8443}]},
		{"name": "b", "port": [{"container_port": 9000, "host_port": 9000}]},
	]})
	fs := rule.findings with input as doc
	count(fs) == 1
	some f in fs
	f.route == ["resource", "kubernetes_pod", "p", "spec", 0, "container", 0, "port", 1, "host_port"]
	f.case == "plain"
	f.msg == `kubernetes_pod.p container "a" binds host port 8443`
}

test_host_network_gets_its_case if {
	some f in rule.findings with input as pod({"host_network": true, "container": [{"name": "a", "port": [{"container_port": 80, "host_port": 80}]}]})
	f.case == "host_network"
}

test_container_ports_are_clean if {
	count(rule.findings) == 0 with input as pod({"container": [{"name": "a", "port": [{"container_port": 80}]}]})
	count(rule.findings) == 0 with input as pod({"container": [{"name": "a"}]})
}

test_missing_and_empty_spec_are_reported if {
	doc := {"resource": {"kubernetes_deployment": {"a": {"metadata": [{"name": "a"}]}, "b": {"spec": [{}]}}}}
	fs := rule.findings with input as doc
	{[f.route[2], f.case] | some f in fs} == {["a", "no_container"], ["b", "no_container"]}
}
