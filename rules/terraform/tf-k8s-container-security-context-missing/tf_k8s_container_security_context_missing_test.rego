package converge.rules.terraform.tf_k8s_container_security_context_missing_test

import rego.v1

import data.converge.rules.terraform.tf_k8s_container_security_context_missing as rule

template(kind, spec) := {"resource": {kind: {"w": {"spec": [{"template": [{"spec": [spec]}]}]}}}}

test_containers_without_security_context_are_reported if {
	doc := template("kubernetes_deployment", {"container": [{"name": "a", "security_context": [{}]}, {"name": "b"}]})
	fs := rule.findings with input as doc
	count(fs) == 1
	some f in fs
	f.route == ["resource", "kubernetes_deployment", "w", "spec", 0, "template", 0, "spec", 0, "container", 1, "security_context"]
	f.case == "linux"
	f.msg == `kubernetes_deployment.w container "b" has no security_context`
}

test_daemon_sets_are_checked if {
	count(rule.findings) == 1 with input as template("kubernetes_daemon_set_v1", {"container": [{"name": "a"}]})
	count(rule.findings) == 0 with input as template("kubernetes_stateful_set", {"container": [{"name": "a"}]})
}

test_pod_security_context_and_init_containers_do_not_count if {
	doc := {"resource": {"kubernetes_pod": {"p": {"spec": [{
		"security_context": [{"run_as_non_root": true}],
		"init_container": [{"name": "i"}],
		"container": [{"name": "a"}],
	}]}}}}
	fs := rule.findings with input as doc
	{f.route | some f in fs} == {["resource", "kubernetes_pod", "p", "spec", 0, "container", 0, "security_context"]}
}

test_windows_pods_get_their_case if {
	doc := {"resource": {"kubernetes_pod_v1": {"p": {"spec": [{"os": [{"name": "windows"}], "container": [{"name": "a"}]}]}}}}
	some f in rule.findings with input as doc
	f.case == "windows"
}

test_dynamic_security_context_is_clean if {
	doc := {"resource": {"kubernetes_pod_v1": {"p": {"spec": [{"container": [{"name": "a", "dynamic": {"security_context": [{"content": [{}]}]}}]}]}}}}
	count(rule.findings) == 0 with input as doc
}

test_missing_spec_and_containers_are_reported if {
	doc := {"resource": {"kubernetes_daemonset": {
		"nospec": {"metadata": [{"name": "x"}]},
		"empty": {"spec": [{}]},
		"nocontainer": {"spec": [{"template": [{"spec": [{"host_network": false}]}]}]},
		"dyn": {"spec": [{"template": [{"spec": [{"dynamic": {"container": [{"content": [{}]}]}}]}]}]},
	}}}
	fs := rule.findings with input as doc
	{[f.route[2], f.case] | some f in fs} == {["nospec", "no_container"], ["nocontainer", "no_container"]}
}
