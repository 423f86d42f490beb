# METADATA
# title: Container may run as root
# description: |
#   Unless `runAsNonRoot` is true (on the container or the pod) or a non-zero `runAsUser` is
#   set, the container runs as whatever user its image names, which is root for most images.
#   Root in a container is root on the node as soon as anything else goes wrong (a writable
#   host mount, a kernel bug, an added capability). A container that turns off the pod's
#   `runAsNonRoot: true` without a non-zero UID of its own is reported too.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: k8s-container-run-as-root-allowed
#   target: kubernetes
#   severity: medium
#   checkov: [CKV_K8S_23]
package converge.rules.kubernetes.k8s_container_run_as_root_allowed

import rego.v1

import data.converge.lib.k8s

findings contains f if {
	some entry in k8s.containers
	c := entry.container
	nonroot := k8s.effective_security_setting(c, "runAsNonRoot")
	nonroot != true
	uid := k8s.effective_security_setting(c, "runAsUser")
	not non_zero_uid(uid)
	f := {
		"msg": message(c.name, uid),
		"route": k8s.container_route(entry, ["securityContext", "runAsNonRoot"]),
		"case": case(uid),
	}
}

# The pod sets runAsNonRoot: true and the container turns it off without a UID of its own.
findings contains f if {
	some entry in k8s.containers
	c := entry.container
	object.get(k8s.pod_spec_object, ["securityContext", "runAsNonRoot"], null) == true
	k8s.container_value(c, ["securityContext", "runAsNonRoot"], null) == false
	not non_zero_uid(k8s.container_value(c, ["securityContext", "runAsUser"], null))
	uid := k8s.effective_security_setting(c, "runAsUser")
	f := {
		"msg": message(c.name, uid),
		"route": k8s.container_route(entry, ["securityContext", "runAsNonRoot"]),
		"case": case(uid),
	}
}

non_zero_uid(uid) if {
	is_number(uid)
	uid >= 1
}

message(name, 0) := sprintf("container %q runs as root (runAsUser: 0)", [name])

message(name, uid) := sprintf("container %q may run as root (runAsNonRoot is not true)", [name]) if uid != 0

case(0) := "root_uid"

case(uid) := "plain" if uid != 0
