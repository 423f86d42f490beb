# METADATA
# title: Gatekeeper constraint does not enforce (dryrun or warn)
# description: |
#   A Gatekeeper constraint with `enforcementAction: dryrun` only records violations in its
#   audit status, and `warn` only returns a warning to the client: in both cases a request
#   that violates the policy is admitted. Constraints are often rolled out that way and
#   never switched to `deny`.
# related_resources:
#   - https://open-policy-agent.github.io/gatekeeper/website/docs/violations/
# custom:
#   id: k8s-gatekeeper-constraint-dryrun
#   target: kubernetes
#   severity: medium
#   checkov: []
package converge.rules.kubernetes.k8s_gatekeeper_constraint_dryrun

import rego.v1

import data.converge.lib.k8s

non_enforcing := {"dryrun", "warn"}

findings contains f if {
	startswith(object.get(input, "apiVersion", ""), "constraints.gatekeeper.sh/")
	action := object.get(input, ["spec", "enforcementAction"], "deny")
	action in non_enforcing
	f := {
		"msg": sprintf("%s %q only reports violations (enforcementAction: %s)", [input.kind, k8s.object_name, action]),
		"route": ["spec", "enforcementAction"],
	}
}
