# METADATA
# title: Pod runs without a seccomp profile
# description: |
#   Without a seccomp profile, containers can call every system call the kernel offers,
#   including rarely needed ones behind many container escapes. `RuntimeDefault` blocks
#   those while allowing what ordinary workloads use.
# related_resources:
#   - https://kubernetes.io/docs/tutorials/security/seccomp/
# custom:
#   id: k8s-pod-seccomp-profile-unset
#   target: kubernetes
#   severity: medium
#   checkov: [CKV_K8S_31]
package converge.rules.kubernetes.k8s_pod_seccomp_profile_unset

import rego.v1

import data.converge.lib.k8s

legacy_annotation := "seccomp.security.alpha.kubernetes.io/pod"

confined(profile) if profile in {"RuntimeDefault", "Localhost"}

annotated if {
	value := object.get(k8s.pod_metadata, ["annotations", legacy_annotation], "")
	value in {"runtime/default", "docker/default"}
}

every_container_confined if {
	count(k8s.containers) > 0
	every entry in k8s.containers {
		confined(k8s.container_value(entry.container, ["securityContext", "seccompProfile", "type"], ""))
	}
}

findings contains f if {
	is_object(k8s.pod_spec)
	profile := object.get(k8s.pod_spec, ["securityContext", "seccompProfile", "type"], "")
	not confined(profile)
	profile != "Unconfined"
	not annotated
	not every_container_confined
	f := {
		"msg": sprintf("%s %q sets no seccomp profile", [input.kind, object.get(input, ["metadata", "name"], "")]),
		"route": array.concat(k8s.pod_spec_route, ["securityContext", "seccompProfile", "type"]),
	}
}
