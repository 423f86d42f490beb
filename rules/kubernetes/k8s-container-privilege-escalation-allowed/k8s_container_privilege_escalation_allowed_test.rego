package converge.rules.kubernetes.k8s_container_privilege_escalation_allowed_test

import rego.v1

import data.converge.rules.kubernetes.k8s_container_privilege_escalation_allowed as rule

pod(sc) := {"apiVersion": "v1", "kind": "Pod", "spec": {"containers": [{"name": "a", "securityContext": sc}]}}

test_missing_is_reported if {
	some f in rule.findings with input as pod({})
	f.route == ["spec", "containers", 0, "securityContext", "allowPrivilegeEscalation"]
	f.case == "plain"
}

test_privileged_container_gets_the_privileged_case if {
	some f in rule.findings with input as pod({"privileged": true})
	f.case == "privileged"
}

test_false_is_clean if {
	count(rule.findings) == 0 with input as pod({"allowPrivilegeEscalation": false})
}

test_cronjob_init_containers_are_checked if {
	cj := {"kind": "CronJob", "spec": {"jobTemplate": {"spec": {"template": {"spec": {"initContainers": [{"name": "i"}]}}}}}}
	some f in rule.findings with input as cj
	f.route == ["spec", "jobTemplate", "spec", "template", "spec", "initContainers", 0, "securityContext", "allowPrivilegeEscalation"]
}
