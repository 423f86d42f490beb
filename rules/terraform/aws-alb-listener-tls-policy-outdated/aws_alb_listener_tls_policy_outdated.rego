# METADATA
# title: Load balancer TLS listener allows TLS versions older than 1.2
# description: |
#   An HTTPS or TLS listener without a TLS 1.2+ security policy (the provider's default,
#   ELBSecurityPolicy-2016-08, included) still negotiates TLS 1.0 and 1.1 and their weak cipher
#   suites, which are deprecated and fail PCI DSS and most compliance baselines.
# related_resources:
#   - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
# custom:
#   id: aws-alb-listener-tls-policy-outdated
#   target: terraform
#   severity: medium
#   checkov: [CKV_AWS_103]
package converge.rules.terraform.aws_alb_listener_tls_policy_outdated

import rego.v1

import data.converge.lib.terraform as tf

# The policy prefixes checkov accepts: forward secrecy with TLS 1.2+, TLS 1.2+, and TLS 1.3.
modern_prefixes := ["ELBSecurityPolicy-FS-1-2", "ELBSecurityPolicy-TLS-1-2", "ELBSecurityPolicy-TLS13"]

modern(policy) if {
	some prefix in modern_prefixes
	startswith(policy, prefix)
}

redirects_to_https(body) if {
	some action in body.default_action
	action.type == "redirect"
	some r in action.redirect
	r.protocol == "HTTPS"
}

findings contains f if {
	some kind in ["aws_lb_listener", "aws_alb_listener"]
	some listener in tf.live_resources(kind)
	listener.body.protocol in {"HTTPS", "TLS"}
	not redirects_to_https(listener.body)
	policy := object.get(listener.body, "ssl_policy", "")
	is_string(policy)
	not modern(policy)
	not tf.is_expression(policy)
	f := {
		"msg": sprintf("%s.%s allows TLS versions older than 1.2 (ssl_policy %q)", [kind, listener.name, policy]),
		"route": array.concat(listener.route, ["ssl_policy"]),
	}
}
