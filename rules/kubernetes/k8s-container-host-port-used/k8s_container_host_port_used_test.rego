package converge.rules.kubernetes.k8s_container_host_port_used_test

import rego.v1

import data.converge.rules.kubernetes.k8s_container_host_port_used as rule

pod(spec) := {"kind": "Pod", "spec": spec}

test_host_port_is_reported if {
	p := pod({"containers": [{"name": "a", "ports": [{"containerPort": 80}, {"containerPort": 443, "hostPort": 443}]}]})
	fs := rule.findings with input as p
	count(fs) == 1
	some f in fs
	f.route == ["spec", "containers", 0, "ports", 1, "hostPort"]
	f.case == "plain"
}

test_host_network_gets_its_own_case if {
	p := pod({"hostNetwork": true, "containers": [{"name": "a", "ports": [{"containerPort": 80, "hostPort": 80}]}]})
	some f in rule.findings with input as p
	f.case == "host_network"
}

test_container_ports_only_are_clean if {
	p := pod({"containers": [{"name": "a", "ports": [{"containerPort": 80}]}, {"name": "b"}]})
	count(rule.findings) == 0 with input as p
}
