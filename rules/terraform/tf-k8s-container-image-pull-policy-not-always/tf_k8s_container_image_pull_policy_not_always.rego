# METADATA
# title: First container of a kubernetes_pod or kubernetes_deployment does not pull its image Always
# description: |
#   With image_pull_policy "IfNotPresent" (the default for a tagged image), a node reuses
#   whatever image it cached under that tag: a tag that was moved to a patched image, or an
#   image whose pull credentials were revoked, keeps running from the cache. "Always" makes the
#   kubelet check the registry (and the pod's pull secrets) on every start; a cached layer is
#   still reused when the digest matches.
#
#   checkov's CKV_K8S_15 reads only the first `container` block of kubernetes_pod and
#   kubernetes_deployment (and their _v1 versions): it passes when image_pull_policy is
#   "Always", or when it is not set and the image name contains "latest" or "@" (Kubernetes
#   then defaults to Always, or the digest pins the image). The rule follows it.
# related_resources:
#   - https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy
#   - https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/pod_v1#image_pull_policy
# custom:
#   id: tf-k8s-container-image-pull-policy-not-always
#   target: terraform
#   severity: low
#   checkov: [CKV_K8S_15]
package converge.rules.terraform.tf_k8s_container_image_pull_policy_not_always

import rego.v1

import data.converge.lib.terraform as tf
import data.converge.lib.tfk8s

findings contains f if {
	some w in tfk8s.resources(tfk8s.pod_and_deployment_types)
	c := tfk8s.first_container(w)
	policy := object.get(c.body, "image_pull_policy", null)
	not tf.is_expression(policy)
	not_always(policy, object.get(c.body, "image", null))
	f := {
		"msg": sprintf("%s %s pulls its image with %s, not Always", [tfk8s.address(w), tfk8s.describe_container(c), describe(policy)]),
		"route": array.concat(c.route, ["image_pull_policy"]),
		"case": "plain",
	}
}

# checkov fails a resource without a spec block, or with an empty one.
findings contains f if {
	some w in tfk8s.resources(tfk8s.pod_and_deployment_types)
	no_spec(w)
	f := {
		"msg": sprintf("%s has no pod spec, so no container pulls its image Always", [tfk8s.address(w)]),
		"route": array.concat(w.route, ["spec"]),
		"case": "no_container",
	}
}

no_spec(w) if tfk8s.missing_spec(w)

no_spec(w) if tfk8s.empty_spec(w)

# A policy that is set (checkov reads an empty string as unset) and is not "Always".
not_always(policy, _) if {
	given(policy)
	policy != "Always"
}

# Unset: checkov accepts an image whose name contains "latest" or "@".
not_always(policy, image) if {
	not given(policy)
	not pinned_or_latest(image)
}

given(policy) if not policy in {null, ""}

pinned_or_latest(image) if {
	is_string(image)
	some s in ["latest", "@"]
	contains(image, s)
}

describe(policy) := sprintf("image_pull_policy = %q", [policy]) if given(policy)

else := "no image_pull_policy (IfNotPresent for a tagged image)"
