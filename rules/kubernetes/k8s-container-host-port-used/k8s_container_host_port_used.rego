# METADATA
# title: Container binds a port on the node (hostPort)
# description: |
#   A `hostPort` opens the port on the node's own IP address: the pod bypasses the Service
#   and NetworkPolicy model, two replicas cannot run on one node, and the scheduler has to
#   find nodes where the port is free. Expose the pod through a Service (NodePort or
#   LoadBalancer if it must be reachable from outside) instead.
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/overview/#services
# custom:
#   id: k8s-container-host-port-used
#   target: kubernetes
#   severity: medium
#   checkov: [CKV_K8S_26]
package converge.rules.kubernetes.k8s_container_host_port_used

import rego.v1

import data.converge.lib.k8s

findings contains f if {
	some entry in k8s.containers
	ports := object.get(entry.container, "ports", [])
	is_array(ports)
	some j, port in ports
	is_object(port)
	"hostPort" in object.keys(port)
	f := {
		"msg": sprintf("container %q binds host port %v", [entry.container.name, port.hostPort]),
		"route": k8s.container_route(entry, ["ports", j, "hostPort"]),
		"case": case,
	}
}

# With the host's network the port is opened on the node whether hostPort is written or not.
case := "host_network" if k8s.is_true(object.get(k8s.pod_spec_object, "hostNetwork", false))

else := "plain"
