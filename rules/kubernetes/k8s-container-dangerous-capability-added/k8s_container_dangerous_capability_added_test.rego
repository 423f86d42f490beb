package converge.rules.kubernetes.k8s_container_dangerous_capability_added_test

import rego.v1

import data.converge.rules.kubernetes.k8s_container_dangerous_capability_added as rule

pod(add) := {"kind": "Pod", "spec": {"containers": [{"name": "a", "securityContext": {"capabilities": {"add": add}}}]}}

test_sys_admin_is_reported if {
	fs := rule.findings with input as pod(["NET_BIND_SERVICE", "SYS_ADMIN"])
	count(fs) == 1
	some f in fs
	f.route == ["spec", "containers", 0, "securityContext", "capabilities", "add", 1]
}

test_prefixed_and_lower_case_names_are_reported if {
	count(rule.findings) == 2 with input as pod(["cap_sys_ptrace", "all"])
}

test_harmless_capabilities_are_clean if {
	count(rule.findings) == 0 with input as pod(["NET_BIND_SERVICE", "CHOWN"])
}
