# METADATA
# title: Role grants wildcard permissions
# description: |
#   A `*` in a rule's verbs, resources or API groups grants everything that matches, today
#   and in the future: every verb (including escalate, bind and impersonate), every
#   resource (including secrets), every API group a CRD will ever add. Roles should list
#   what the subject needs.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege
# custom:
#   id: k8s-rbac-wildcard-permissions
#   target: kubernetes
#   severity: high
#   checkov: [CKV_K8S_49]
package converge.rules.kubernetes.k8s_rbac_wildcard_permissions

import rego.v1

import data.converge.lib.k8s

role_kinds := {"Role", "ClusterRole"}

fields := ["apiGroups", "resources", "verbs"]

findings contains f if {
	input.kind in role_kinds
	rules := object.get(input, "rules", [])
	is_array(rules)
	some i, rule in rules
	is_object(rule)
	some field in fields
	values := object.get(rule, field, [])
	is_array(values)
	some value in values
	is_string(value)
	contains(value, "*")
	f := {
		"msg": sprintf("%s %q grants %q in %s (rule %d)", [input.kind, k8s.object_name, value, field, i]),
		"route": ["rules", i, field],
	}
}
