package converge.rules.terraform.tf_k8s_pod_host_ipc_shared_test

import rego.v1

import data.converge.rules.terraform.tf_k8s_pod_host_ipc_shared as rule

test_true_is_reported_on_pods_and_deployments if {
	pod := {"resource": {"kubernetes_pod": {"p": {"spec": [{"host_ipc": true, "container": [{"name": "a"}]}]}}}}
	some f in rule.findings with input as pod
	f.route == ["resource", "kubernetes_pod", "p", "spec", 0, "host_ipc"]
	f.msg == "kubernetes_pod.p sets host_ipc = true"
	deployment := {"resource": {"kubernetes_deployment_v1": {"d": {"spec": [{"template": [{"spec": [{"host_ipc": "true"}]}]}]}}}}
	some g in rule.findings with input as deployment
	g.route == ["resource", "kubernetes_deployment_v1", "d", "spec", 0, "template", 0, "spec", 0, "host_ipc"]
}

test_false_missing_and_expressions_are_clean if {
	count(rule.findings) == 0 with input as {"resource": {"kubernetes_pod": {"p": {"spec": [{"host_ipc": false}]}}}}
	count(rule.findings) == 0 with input as {"resource": {"kubernetes_pod": {"p": {"spec": [{}]}}}}
	count(rule.findings) == 0 with input as {"resource": {"kubernetes_pod": {"p": {"spec": [{"host_ipc": "${var.h}"}]}}}}
}

test_other_workloads_are_not_checked if {
	doc := {"resource": {"kubernetes_daemonset": {"d": {"spec": [{"template": [{"spec": [{"host_ipc": true}]}]}]}}}}
	count(rule.findings) == 0 with input as doc
}
