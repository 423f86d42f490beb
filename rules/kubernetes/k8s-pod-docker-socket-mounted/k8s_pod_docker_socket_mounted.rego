# METADATA
# title: Pod mounts the Docker socket
# description: |
#   Whoever can talk to the Docker daemon's socket can start a privileged container with the
#   node's root filesystem mounted: a pod that mounts `/var/run/docker.sock` is root on the
#   node, read-only mount or not. Build images with a daemonless builder (BuildKit rootless,
#   kaniko, buildah) instead.
# related_resources:
#   - https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
# custom:
#   id: k8s-pod-docker-socket-mounted
#   target: kubernetes
#   severity: critical
#   checkov: [CKV_K8S_27]
package converge.rules.kubernetes.k8s_pod_docker_socket_mounted

import rego.v1

import data.converge.lib.k8s

sockets := {"/var/run/docker.sock", "/run/docker.sock"}

findings contains f if {
	volumes := object.get(k8s.pod_spec_object, "volumes", [])
	is_array(volumes)
	some i, volume in volumes
	is_object(volume)
	path := object.get(volume, ["hostPath", "path"], "")
	is_string(path)
	trim_right(path, "/") in sockets
	f := {
		"msg": sprintf("%s %q mounts the Docker socket %s (volume %q)", [input.kind, k8s.object_name, path, object.get(volume, "name", "")]),
		"route": array.concat(k8s.pod_spec_route, ["volumes", i, "hostPath", "path"]),
	}
}
