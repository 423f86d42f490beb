package converge.rules.kubernetes.k8s_container_image_tag_latest_test

import rego.v1

import data.converge.rules.kubernetes.k8s_container_image_tag_latest as rule

pod(image) := {"kind": "Pod", "spec": {"containers": [{"name": "a", "image": image}]}}

test_latest_is_reported if {
	some f in rule.findings with input as pod("nginx:latest")
	f.route == ["spec", "containers", 0, "image"]
}

test_untagged_is_reported if {
	count(rule.findings) == 1 with input as pod("registry.example.com:5000/team/app")
}

test_release_tag_or_digest_is_clean if {
	count(rule.findings) == 0 with input as pod("registry.example.com:5000/team/app:1.4.2")
	count(rule.findings) == 0 with input as pod("nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31")
}

# The string split of plain references agrees with checkov's regex on every shape of reference.
test_image_split_matches_the_regex if {
	images := [
		"nginx", "nginx:1.25", "docker.io/library/nginx:1.25", "localhost:5000/app:1",
		"localhost:5000/app", "a/b/c:1:2", "/abs:1", "reg/:x", "a/", "nginx@sha256:abc",
		"ghcr.io/org/app:v1@sha256:abc", "name:", "x/y:",
	]
	every image in images {
		data.converge.lib.k8s.plain_image(image)
		data.converge.lib.k8s.image_matches(image) == [[m[1], m[2]] |
			some m in regex.find_all_string_submatch_n(`(?:[^\s/]+/)?([^\s:]+):?([^\s]*)`, image, -1)
		]
	}
}

test_unusual_references_use_the_regex if {
	data.converge.lib.k8s.image_matches("a b:1") == [["a", ""], ["b", "1"]]
	data.converge.lib.k8s.image_matches(":tag") == [["tag", ""]]
	data.converge.lib.k8s.image_matches("") == []
}
