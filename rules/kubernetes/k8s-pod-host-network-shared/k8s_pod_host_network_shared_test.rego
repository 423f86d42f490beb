package converge.rules.kubernetes.k8s_pod_host_network_shared_test

import rego.v1

import data.converge.rules.kubernetes.k8s_pod_host_network_shared as rule

test_true_is_reported if {
	d := {"kind": "DaemonSet", "metadata": {"name": "d"}, "spec": {"template": {"spec": {"hostNetwork": true, "containers": []}}}}
	some f in rule.findings with input as d
	f.route == ["spec", "template", "spec", "hostNetwork"]
}

test_cronjob_is_checked if {
	cj := {"kind": "CronJob", "spec": {"jobTemplate": {"spec": {"template": {"spec": {"hostNetwork": true}}}}}}
	some f in rule.findings with input as cj
	f.route == ["spec", "jobTemplate", "spec", "template", "spec", "hostNetwork"]
}

test_false_or_unset_is_clean if {
	count(rule.findings) == 0 with input as {"kind": "Pod", "spec": {"hostNetwork": false}}
	count(rule.findings) == 0 with input as {"kind": "Pod", "spec": {"containers": []}}
}

test_other_kinds_are_ignored if {
	count(rule.findings) == 0 with input as {"kind": "ConfigMap", "spec": {"hostNetwork": true}}
}

test_yaml_1_1_yes_is_reported if {
	count(rule.findings) == 1 with input as {"kind": "Pod", "spec": {"hostNetwork": "yes"}}
}
