package converge.rules.terraform.tf_k8s_container_net_raw_not_dropped_test

import rego.v1

import data.converge.rules.terraform.tf_k8s_container_net_raw_not_dropped as rule

pod(container) := {"resource": {"kubernetes_pod": {"p": {"spec": [{"container": [container]}]}}}}

deployment(containers) := {"resource": {"kubernetes_deployment_v1": {"d": {"spec": [{"template": [{"spec": [{"container": containers}]}]}]}}}}

test_missing_drop_is_reported_at_the_container if {
	fs := rule.findings with input as pod({"name": "a", "security_context": [{"privileged": false}]})
	count(fs) == 1
	some f in fs
	f.route == ["resource", "kubernetes_pod", "p", "spec", 0, "container", 0]
	f.case == "missing"
	f.msg == `kubernetes_pod.p container "a" does not drop NET_RAW (no capabilities.drop)`
}

test_a_container_without_security_context_has_its_case_and_the_same_route if {
	fs := rule.findings with input as pod({"name": "a"})
	count(fs) == 1
	some f in fs
	f.route == ["resource", "kubernetes_pod", "p", "spec", 0, "container", 0]
	f.case == "no_security_context"
}

test_empty_security_context_and_empty_list_are_missing if {
	some f in rule.findings with input as pod({"name": "a", "security_context": [{}]})
	f.case == "missing"
	some g in rule.findings with input as pod({"name": "a", "security_context": [{"capabilities": [{"drop": []}]}]})
	g.case == "missing"
}

test_other_drops_are_named if {
	doc := deployment([{"name": "ok", "security_context": [{"capabilities": [{"drop": ["NET_RAW"]}]}]}, {"name": "b", "security_context": [{"capabilities": [{"drop": ["SYS_ADMIN", "all"]}]}]}])
	fs := rule.findings with input as doc
	count(fs) == 1
	some f in fs
	f.case == "other_drops"
	f.route == ["resource", "kubernetes_deployment_v1", "d", "spec", 0, "template", 0, "spec", 0, "container", 1, "security_context", 0, "capabilities", 0, "drop"]
}

test_all_and_net_raw_are_clean if {
	count(rule.findings) == 0 with input as pod({"name": "a", "security_context": [{"capabilities": [{"drop": ["ALL"]}]}]})
	count(rule.findings) == 0 with input as pod({"name": "a", "security_context": [{"capabilities": [{"drop": ["CHOWN", "NET_RAW"]}]}]})
}

test_expressions_and_dynamic_blocks_are_not_reported if {
	count(rule.findings) == 0 with input as pod({"name": "a", "security_context": [{"capabilities": [{"drop": "${var.drop}"}]}]})
	count(rule.findings) == 0 with input as pod({"name": "a", "security_context": [{"capabilities": [{"drop": ["${var.cap}"]}]}]})
	count(rule.findings) == 0 with input as pod({"name": "a", "dynamic": {"security_context": [{"content": [{}]}]}})
}

test_init_containers_and_other_kinds_are_not_checked if {
	doc := {"resource": {
		"kubernetes_pod": {"p": {"spec": [{"container": [{"name": "a", "security_context": [{"capabilities": [{"drop": ["ALL"]}]}]}], "init_container": [{"name": "i"}]}]}},
		"kubernetes_daemonset": {"d": {"spec": [{"template": [{"spec": [{"container": [{"name": "a"}]}]}]}]}},
	}}
	count(rule.findings) == 0 with input as doc
}

test_no_spec_and_no_container_are_reported if {
	doc := {"resource": {"kubernetes_pod": {
		"nospec": {"metadata": [{"name": "x"}]},
		"empty": {"spec": [{}]},
		"nocontainer": {"spec": [{"host_pid": false}]},
	}}}
	fs := rule.findings with input as doc
	{[f.route, f.case] | some f in fs} == {
		[["resource", "kubernetes_pod", "nospec", "spec"], "no_container"],
		[["resource", "kubernetes_pod", "nocontainer", "spec", 0, "container"], "no_container"],
	}
}

test_count_zero_is_skipped if {
	doc := {"resource": {"kubernetes_pod": {"p": {"count": 0, "spec": [{"container": [{"name": "a"}]}]}}}}
	count(rule.findings) == 0 with input as doc
}

test_containers_written_as_objects_are_not_reported if {
	count(rule.findings) == 0 with input as pod({"name": "a", "security_context": {"privileged": true}})
}
