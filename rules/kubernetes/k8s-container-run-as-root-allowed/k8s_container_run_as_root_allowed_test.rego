package converge.rules.kubernetes.k8s_container_run_as_root_allowed_test

import rego.v1

import data.converge.rules.kubernetes.k8s_container_run_as_root_allowed as rule

pod(pod_sc, sc) := {"kind": "Pod", "spec": {"securityContext": pod_sc, "containers": [{"name": "a", "securityContext": sc}]}}

test_unset_is_reported if {
	some f in rule.findings with input as pod({}, {})
	f.route == ["spec", "containers", 0, "securityContext", "runAsNonRoot"]
	f.case == "plain"
}

test_container_opting_out_of_the_pod_setting_is_reported if {
	fs := rule.findings with input as pod({"runAsNonRoot": true, "runAsUser": 1000}, {"runAsNonRoot": false})
	count(fs) == 1
}

test_explicit_root_uid_gets_its_own_case if {
	some f in rule.findings with input as pod({"runAsUser": 0}, {})
	f.case == "root_uid"
}

test_pod_level_non_root_is_clean if {
	count(rule.findings) == 0 with input as pod({"runAsNonRoot": true}, {})
}

test_non_zero_uid_is_clean if {
	count(rule.findings) == 0 with input as pod({}, {"runAsUser": 1000})
	count(rule.findings) == 0 with input as pod({"runAsUser": 1000}, {"runAsNonRoot": false})
}

test_cronjob_init_containers_are_checked if {
	cj := {"kind": "CronJob", "spec": {"jobTemplate": {"spec": {"template": {"spec": {"initContainers": [{"name": "i"}]}}}}}}
	some f in rule.findings with input as cj
	f.route == ["spec", "jobTemplate", "spec", "template", "spec", "initContainers", 0, "securityContext", "runAsNonRoot"]
}

test_workload_without_pod_spec_is_clean if {
	count(rule.findings) == 0 with input as {"kind": "Deployment", "metadata": {"name": "d"}}
	count(rule.findings) == 0 with input as {"kind": "Pod", "spec": "not a mapping"}
}
