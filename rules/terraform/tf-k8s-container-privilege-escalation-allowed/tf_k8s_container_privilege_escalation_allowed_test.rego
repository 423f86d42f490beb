package converge.rules.terraform.tf_k8s_container_privilege_escalation_allowed_test

import rego.v1

import data.converge.rules.terraform.tf_k8s_container_privilege_escalation_allowed as rule

pod(sc) := {"resource": {"kubernetes_pod_v1": {"p": {"spec": [{"container": [{"name": "a", "security_context": [sc]}]}]}}}}

test_true_is_reported if {
	some f in rule.findings with input as pod({"allow_privilege_escalation": true})
	f.route == ["resource", "kubernetes_pod_v1", "p", "spec", 0, "container", 0, "security_context", 0, "allow_privilege_escalation"]
	f.case == "plain"
	f.msg == `kubernetes_pod_v1.p container "a" allows privilege escalation`
}

test_privileged_and_sys_admin_get_their_case if {
	some f in rule.findings with input as pod({"allow_privilege_escalation": true, "privileged": true})
	f.case == "privileged"
	some g in rule.findings with input as pod({"allow_privilege_escalation": true, "capabilities": [{"add": ["CAP_SYS_ADMIN"]}]})
	g.case == "sys_admin"
}

test_false_missing_and_expressions_are_clean if {
	count(rule.findings) == 0 with input as pod({"allow_privilege_escalation": false})
	count(rule.findings) == 0 with input as pod({})
	count(rule.findings) == 0 with input as pod({"allow_privilege_escalation": "${var.ape}"})
}
