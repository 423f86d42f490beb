# METADATA
# title: The default service account (kubernetes_service_account) mounts its token into pods
# description: |
#   Every pod that names no service account runs as its namespace's "default" one, and gets
#   its API token mounted unless the account or the pod turns that off. Any RoleBinding to the
#   default account then applies to every such pod, and a compromised container can call the
#   Kubernetes API with it. Set automount_service_account_token = false on the default
#   account; pods that need the API get an account of their own.
#
#   Like checkov's CKV_K8S_41, the rule reads kubernetes_service_account and
#   kubernetes_service_account_v1 resources named "default" (the provider's own default is
#   true).
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
#   - https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/service_account_v1#automount_service_account_token
# custom:
#   id: tf-k8s-default-service-account-token-automounted
#   target: terraform
#   severity: medium
#   checkov: [CKV_K8S_41]
package converge.rules.terraform.tf_k8s_default_service_account_token_automounted

import rego.v1

import data.converge.lib.terraform as tf
import data.converge.lib.tfk8s

types := {"kubernetes_service_account", "kubernetes_service_account_v1"}

findings contains f if {
	some sa in tfk8s.resources(types)
	tf.first_block(sa.body, "metadata").name == "default"
	v := object.get(sa.body, "automount_service_account_token", null)
	not tf.is_false(v)
	not tf.is_expression(v)
	f := {
		"msg": sprintf("%s is the default service account and mounts its token into pods (%s)", [tfk8s.address(sa), describe(v)]),
		"route": array.concat(sa.route, ["automount_service_account_token"]),
	}
}

describe(null) := "automount_service_account_token defaults to true"

describe(v) := sprintf("automount_service_account_token = %v", [json.marshal(v)]) if v != null
