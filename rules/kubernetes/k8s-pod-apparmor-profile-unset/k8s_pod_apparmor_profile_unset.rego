# METADATA
# title: Pod sets no AppArmor profile
# description: |
#   AppArmor limits which files, mounts and network operations a container's processes may
#   use. When neither the pod nor its containers name a profile, the result depends on the
#   node: the runtime's default profile where AppArmor is enabled, nothing elsewhere, and
#   nothing at all for privileged containers. Setting `appArmorProfile.type: RuntimeDefault`
#   (Kubernetes 1.30 and later) makes the confinement explicit and guaranteed: a node that
#   cannot enforce it refuses the pod instead of running it unconfined. The deprecated
#   `container.apparmor.security.beta.kubernetes.io/<container>` annotations count as set;
#   Windows pods are not reported.
# related_resources:
#   - https://kubernetes.io/docs/tutorials/security/apparmor/
# custom:
#   id: k8s-pod-apparmor-profile-unset
#   target: kubernetes
#   severity: low
#   checkov: []
package converge.rules.kubernetes.k8s_pod_apparmor_profile_unset

import rego.v1

import data.converge.lib.k8s

annotation_prefix := "container.apparmor.security.beta.kubernetes.io/"

container_confined(c) if {
	k8s.container_value(c, ["securityContext", "appArmorProfile", "type"], "") != ""
}

container_confined(c) if {
	object.get(k8s.pod_metadata, ["annotations", concat("", [annotation_prefix, c.name])], "") != ""
}

every_container_confined if {
	count(k8s.containers) > 0
	every entry in k8s.containers {
		container_confined(entry.container)
	}
}

findings contains f if {
	is_object(k8s.pod_spec)
	object.get(k8s.pod_spec_object, ["os", "name"], "") != "windows"
	object.get(k8s.pod_spec_object, ["securityContext", "appArmorProfile", "type"], "") == ""
	not every_container_confined
	f := {
		"msg": sprintf("%s %q sets no AppArmor profile", [input.kind, k8s.object_name]),
		"route": array.concat(k8s.pod_spec_route, ["securityContext", "appArmorProfile", "type"]),
	}
}
