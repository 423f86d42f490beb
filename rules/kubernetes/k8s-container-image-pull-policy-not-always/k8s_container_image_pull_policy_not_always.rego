# METADATA
# title: Container may run a cached image without checking the registry
# description: |
#   With `imagePullPolicy` IfNotPresent (the default for a tagged image) or Never, a node
#   that already has the tag runs its cached copy: a tag that was moved to a fixed image is
#   not picked up, and a pod can use an image its pull secret no longer grants. Always makes
#   the kubelet resolve the tag against the registry on every start (layers already on the
#   node are not downloaded again). Images pinned by digest are not reported: the digest
#   names one image.
# related_resources:
#   - https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy
# custom:
#   id: k8s-container-image-pull-policy-not-always
#   target: kubernetes
#   severity: low
#   checkov: [CKV_K8S_15]
package converge.rules.kubernetes.k8s_container_image_pull_policy_not_always

import rego.v1

import data.converge.lib.k8s

findings contains f if {
	some entry in k8s.containers
	image := object.get(entry.container, "image", "")
	is_string(image)
	trim_space(image) != ""
	not contains(image, "@")
	policy := object.get(entry.container, "imagePullPolicy", null)
	not_always(policy, image)
	f := {
		"msg": sprintf("container %q pulls %q with policy %v, not Always", [entry.container.name, image, effective(policy)]),
		"route": k8s.container_route(entry, ["imagePullPolicy"]),
	}
}

not_always(policy, _) if {
	policy != null
	policy != "Always"
}

# Unset: Kubernetes defaults to Always only for `latest` and untagged images.
not_always(null, image) if {
	matches := k8s.image_matches(image)
	count(matches) == 1
	not matches[0][1] in {"latest", ""}
}

effective(null) := "IfNotPresent (the default)"

effective(policy) := policy if policy != null
