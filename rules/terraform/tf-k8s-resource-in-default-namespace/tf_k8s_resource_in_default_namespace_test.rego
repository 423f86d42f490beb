package converge.rules.terraform.tf_k8s_resource_in_default_namespace_test

import rego.v1

import data.converge.rules.terraform.tf_k8s_resource_in_default_namespace as rule

test_missing_empty_and_default_namespaces_are_reported if {
	doc := {"resource": {
		"kubernetes_deployment": {"a": {"metadata": [{"name": "a"}]}},
		"kubernetes_service_v1": {"b": {"metadata": [{"name": "b", "namespace": "default"}]}},
		"kubernetes_cron_job_v1": {"c": {"metadata": [{"name": "c", "namespace": ""}]}},
		"kubernetes_secret": {"d": {}},
	}}
	fs := rule.findings with input as doc
	{f.msg | some f in fs} == {
		"kubernetes_deployment.a sets no namespace (it lands in default)",
		"kubernetes_service_v1.b is in the default namespace",
		"kubernetes_cron_job_v1.c sets no namespace (it lands in default)",
		"kubernetes_secret.d sets no namespace (it lands in default)",
	}
	some f in fs
	f.route == ["resource", "kubernetes_service_v1", "b", "metadata", 0, "namespace"]
}

test_own_namespaces_expressions_and_other_types_are_clean if {
	doc := {"resource": {
		"kubernetes_deployment": {"a": {"metadata": [{"name": "a", "namespace": "shop"}]}},
		"kubernetes_pod": {"b": {"metadata": [{"name": "b", "namespace": "${var.namespace}"}]}},
		"kubernetes_role": {"c": {"metadata": [{"name": "c"}]}},
		"kubernetes_namespace": {"d": {"metadata": [{"name": "d"}]}},
	}}
	count(rule.findings) == 0 with input as doc
}
