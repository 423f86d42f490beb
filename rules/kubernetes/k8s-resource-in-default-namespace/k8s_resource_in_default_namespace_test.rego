package converge.rules.kubernetes.k8s_resource_in_default_namespace_test

import rego.v1

import data.converge.rules.kubernetes.k8s_resource_in_default_namespace as rule

obj(kind, metadata) := {"apiVersion": "v1", "kind": kind, "metadata": metadata}

test_default_is_reported if {
	some f in rule.findings with input as obj("Secret", {"name": "s", "namespace": "default"})
	f.route == ["metadata", "namespace"]
}

test_missing_namespace_is_reported if {
	count(rule.findings) == 1 with input as obj("Deployment", {"name": "d"})
}

test_own_namespace_is_clean if {
	count(rule.findings) == 0 with input as obj("ConfigMap", {"name": "c", "namespace": "shop"})
}

test_built_in_objects_and_cluster_kinds_are_ignored if {
	count(rule.findings) == 0 with input as obj("ServiceAccount", {"name": "default"})
	count(rule.findings) == 0 with input as obj("Service", {"name": "kubernetes", "namespace": "default"})
	count(rule.findings) == 0 with input as obj("ClusterRole", {"name": "r"})
}
