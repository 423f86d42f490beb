# METADATA
# title: Container runs with a UID below 10000
# description: |
#   Low UIDs (and the image's default user, when runAsUser is unset) are the ones host
#   accounts and system daemons use. A process that escapes the container with such a UID
#   acts as that host user; a UID of 10000 or more, not used on the node, owns nothing
#   there. Pods in a private user namespace (`hostUsers: false`) are not reported: their
#   UIDs are remapped.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: k8s-container-low-uid
#   target: kubernetes
#   severity: low
#   checkov: [CKV_K8S_40]
package converge.rules.kubernetes.k8s_container_low_uid

import rego.v1

import data.converge.lib.k8s

minimum_uid := 10000

findings contains f if {
	object.get(k8s.pod_spec_object, "hostUsers", null) != false
	some entry in k8s.containers
	uid := k8s.effective_security_setting(entry.container, "runAsUser")
	not high(uid)
	f := {
		"msg": message(entry.container.name, uid),
		"route": k8s.container_route(entry, ["securityContext", "runAsUser"]),
		"case": case(uid),
	}
}

high(uid) if {
	is_number(uid)
	uid >= minimum_uid
}

message(name, null) := sprintf("container %q sets no runAsUser (the image's user, often root, is used)", [name])

message(name, uid) := sprintf("container %q runs as UID %v, below %d", [name, uid, minimum_uid]) if uid != null

case(0) := "root_uid"

case(uid) := "plain" if uid != 0
