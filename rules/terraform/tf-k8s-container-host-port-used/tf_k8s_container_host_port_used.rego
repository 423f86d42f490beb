# METADATA
# title: First container of a kubernetes_pod or kubernetes_deployment binds a host port
# description: |
#   A host_port opens the port on the node's own address, outside Services and network
#   policies, and limits where the pod can be scheduled (each node has the port once). Expose
#   the container through a Service instead.
#
#   checkov's CKV_K8S_26 reads only the first `container` block of kubernetes_pod and
#   kubernetes_deployment (and their _v1 versions), and fails a resource without a pod spec;
#   the rule follows it.
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/overview/#services
#   - https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/pod_v1#host_port
# custom:
#   id: tf-k8s-container-host-port-used
#   target: terraform
#   severity: medium
#   checkov: [CKV_K8S_26]
package converge.rules.terraform.tf_k8s_container_host_port_used

import rego.v1

import data.converge.lib.terraform as tf
import data.converge.lib.tfk8s

findings contains f if {
	some w in tfk8s.resources(tfk8s.pod_and_deployment_types)
	c := tfk8s.first_container(w)
	is_array(c.body.port)
	some j, port in c.body.port
	is_object(port)
	"host_port" in object.keys(port)
	f := {
		"msg": sprintf("%s %s binds host port %v", [tfk8s.address(w), tfk8s.describe_container(c), port.host_port]),
		"route": array.concat(c.route, ["port", j, "host_port"]),
		"case": case(w),
	}
}

# checkov fails a resource without a spec block, or with an empty one.
findings contains f if {
	some w in tfk8s.resources(tfk8s.pod_and_deployment_types)
	no_spec(w)
	f := {
		"msg": sprintf("%s has no pod spec", [tfk8s.address(w)]),
		"route": array.concat(w.route, ["spec"]),
		"case": "no_container",
	}
}

no_spec(w) if tfk8s.missing_spec(w)

no_spec(w) if tfk8s.empty_spec(w)

# With the host's network the port is opened on the node whether host_port is written or not.
case(w) := "host_network" if tf.is_true(object.get(tfk8s.pod_spec(w).body, "host_network", false))

else := "plain"
