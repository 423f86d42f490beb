# METADATA
# title: Admission webhook fails open
# description: |
#   With `failurePolicy: Ignore`, any request the webhook cannot answer in time is admitted
#   unchecked: an outage or a slow policy engine silently turns enforcement off. Policy
#   webhooks (Gatekeeper, Kyverno, custom validators) should fail closed.
# related_resources:
#   - https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#failure-policy
# custom:
#   id: k8s-webhook-failure-policy-ignore
#   target: kubernetes
#   severity: high
#   checkov: []
package converge.rules.kubernetes.k8s_webhook_failure_policy_ignore

import rego.v1

webhook_kinds := {"ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"}

findings contains f if {
	input.kind in webhook_kinds
	some i, hook in input.webhooks
	hook.failurePolicy == "Ignore"
	f := {
		"msg": sprintf("webhook %q ignores failures (fails open)", [hook.name]),
		"route": ["webhooks", i, "failurePolicy"],
	}
}
