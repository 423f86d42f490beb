package converge.rules.kubernetes.k8s_pod_docker_socket_mounted_test

import rego.v1

import data.converge.rules.kubernetes.k8s_pod_docker_socket_mounted as rule

pod(volumes) := {"kind": "Pod", "spec": {"containers": [], "volumes": volumes}}

test_socket_is_reported if {
	some f in rule.findings with input as pod([{"name": "tmp", "emptyDir": {}}, {"name": "docker", "hostPath": {"path": "/var/run/docker.sock"}}])
	f.route == ["spec", "volumes", 1, "hostPath", "path"]
}

test_run_path_is_reported if {
	count(rule.findings) == 1 with input as pod([{"name": "docker", "hostPath": {"path": "/run/docker.sock", "type": "Socket"}}])
}

test_other_host_paths_are_clean if {
	count(rule.findings) == 0 with input as pod([{"name": "logs", "hostPath": {"path": "/var/log"}}])
}
