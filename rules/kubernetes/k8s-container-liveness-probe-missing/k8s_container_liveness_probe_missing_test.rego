package converge.rules.kubernetes.k8s_container_liveness_probe_missing_test

import rego.v1

import data.converge.rules.kubernetes.k8s_container_liveness_probe_missing as rule

deployment(c) := {"kind": "Deployment", "spec": {"template": {"spec": {
	"initContainers": [{"name": "init"}],
	"containers": [c],
}}}}

test_missing_is_reported_for_app_containers_only if {
	fs := rule.findings with input as deployment({"name": "app"})
	count(fs) == 1
	some f in fs
	f.route == ["spec", "template", "spec", "containers", 0, "livenessProbe"]
}

test_probe_is_clean if {
	c := {"name": "app", "livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080}}}
	count(rule.findings) == 0 with input as deployment(c)
}

test_jobs_are_ignored if {
	j := {"kind": "Job", "spec": {"template": {"spec": {"containers": [{"name": "a"}]}}}}
	count(rule.findings) == 0 with input as j
}
