# METADATA
# title: Pod shares the host's network namespace
# description: |
#   With `hostNetwork: true` the pod uses the node's network stack: it can bind any node port,
#   reach services listening on localhost of the node (the kubelet, metadata endpoints) and
#   sniff node traffic, and NetworkPolicies no longer apply to it.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: k8s-pod-host-network-shared
#   target: kubernetes
#   severity: high
#   checkov: [CKV_K8S_19]
package converge.rules.kubernetes.k8s_pod_host_network_shared

import rego.v1

import data.converge.lib.k8s

findings contains f if {
	k8s.is_true(object.get(k8s.pod_spec_object, "hostNetwork", false))
	f := {
		"msg": sprintf("%s %q sets hostNetwork: true", [input.kind, k8s.object_name]),
		"route": array.concat(k8s.pod_spec_route, ["hostNetwork"]),
	}
}
