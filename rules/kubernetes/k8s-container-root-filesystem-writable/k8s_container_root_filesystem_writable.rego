# METADATA
# title: Container root filesystem is writable
# description: |
#   A writable root filesystem lets an intruder drop tools and change binaries inside the
#   container. A read-only root filesystem, with volumes for the paths that must be written,
#   makes the image immutable at run time.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: k8s-container-root-filesystem-writable
#   target: kubernetes
#   severity: medium
#   checkov: [CKV_K8S_22]
package converge.rules.kubernetes.k8s_container_root_filesystem_writable

import rego.v1

import data.converge.lib.k8s

findings contains f if {
	some entry in k8s.containers
	k8s.container_value(entry.container, ["securityContext", "readOnlyRootFilesystem"], false) != true
	f := {
		"msg": sprintf("container %q has a writable root filesystem", [entry.container.name]),
		"route": k8s.container_route(entry, ["securityContext", "readOnlyRootFilesystem"]),
	}
}
