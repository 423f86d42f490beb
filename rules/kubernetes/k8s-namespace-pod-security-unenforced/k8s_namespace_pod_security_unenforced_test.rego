package converge.rules.kubernetes.k8s_namespace_pod_security_unenforced_test

import rego.v1

import data.converge.rules.kubernetes.k8s_namespace_pod_security_unenforced as rule

ns(name, labels) := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name, "labels": labels}}

test_missing_label_is_reported if {
	some f in rule.findings with input as ns("shop", {"team": "shop"})
	f.route == ["metadata", "labels", "pod-security.kubernetes.io/enforce"]
	f.case == "plain"
}

test_privileged_is_reported if {
	count(rule.findings) == 1 with input as ns("shop", {"pod-security.kubernetes.io/enforce": "privileged"})
}

test_system_namespaces_get_their_own_case if {
	some f in rule.findings with input as ns("kube-system", {})
	f.case == "system"
}

test_baseline_and_restricted_are_clean if {
	count(rule.findings) == 0 with input as ns("a", {"pod-security.kubernetes.io/enforce": "baseline"})
	count(rule.findings) == 0 with input as ns("b", {"pod-security.kubernetes.io/enforce": "restricted"})
}
