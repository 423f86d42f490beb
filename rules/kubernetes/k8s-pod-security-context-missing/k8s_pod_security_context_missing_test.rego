package converge.rules.kubernetes.k8s_pod_security_context_missing_test

import rego.v1

import data.converge.rules.kubernetes.k8s_pod_security_context_missing as rule

test_missing_is_reported if {
	d := {"kind": "DaemonSet", "metadata": {"name": "d"}, "spec": {"template": {"spec": {"containers": [{"name": "a"}]}}}}
	some f in rule.findings with input as d
	f.route == ["spec", "template", "spec", "securityContext"]
	f.case == "linux"
}

test_empty_is_reported if {
	count(rule.findings) == 1 with input as {"kind": "Pod", "spec": {"securityContext": {}, "containers": []}}
}

test_windows_pods_get_their_own_case if {
	some f in rule.findings with input as {"kind": "Pod", "spec": {"os": {"name": "windows"}, "containers": []}}
	f.case == "windows"
}

test_any_setting_is_clean if {
	count(rule.findings) == 0 with input as {"kind": "Pod", "spec": {"securityContext": {"fsGroup": 2000}, "containers": []}}
	count(rule.findings) == 0 with input as {"kind": "Service", "spec": {"ports": []}}
}
