package converge.rules.kubernetes.k8s_pod_service_account_token_automounted_test

import rego.v1

import data.converge.rules.kubernetes.k8s_pod_service_account_token_automounted as rule

test_default_is_reported if {
	some f in rule.findings with input as {"kind": "Job", "spec": {"template": {"spec": {"containers": []}}}}
	f.route == ["spec", "template", "spec", "automountServiceAccountToken"]
}

test_false_is_clean if {
	count(rule.findings) == 0 with input as {"kind": "Pod", "spec": {"automountServiceAccountToken": false}}
}

test_non_workloads_are_ignored if {
	count(rule.findings) == 0 with input as {"kind": "Service", "spec": {"ports": []}}
}
