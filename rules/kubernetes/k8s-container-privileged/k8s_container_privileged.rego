# METADATA
# title: Container runs privileged
# description: |
#   A privileged container has every capability and access to all host devices; escaping it
#   to the node is trivial.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: k8s-container-privileged
#   target: kubernetes
#   severity: critical
#   checkov: [CKV_K8S_16]
package converge.rules.kubernetes.k8s_container_privileged

import rego.v1

import data.converge.lib.k8s

findings contains f if {
	some entry in k8s.containers
	k8s.container_value(entry.container, ["securityContext", "privileged"], false) == true
	f := {
		"msg": sprintf("container %q runs privileged", [entry.container.name]),
		"route": k8s.container_route(entry, ["securityContext", "privileged"]),
	}
}
