# METADATA
# title: Load balancer listener serves plain HTTP
# description: |
#   An HTTP listener that does not redirect to HTTPS carries cookies, tokens and form data in the
#   clear, where anyone on the network path can read or change them. Listeners whose protocol
#   is an expression, and listeners of gateway load balancers (which have no protocol), are not
#   reported.
# related_resources:
#   - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions
# custom:
#   id: aws-alb-listener-http-not-redirected
#   target: terraform
#   severity: medium
#   checkov: [CKV_AWS_2]
package converge.rules.terraform.aws_alb_listener_http_not_redirected

import rego.v1

import data.converge.lib.terraform as tf

# checkov passes a redirect to HTTPS, and cannot tell for a redirect without a protocol
# (it keeps the request's protocol by default).
redirects(body) if {
	action := tf.first_block(body, "default_action")
	action.type == "redirect"
	some r in action.redirect
	object.get(r, "protocol", "HTTPS") == "HTTPS"
}

# The listener's load balancer, when it is an aws_lb/aws_alb of the module.
gateway(body) if {
	some kind in ["aws_lb", "aws_alb"]
	some name, lb in input.__converge.module.resource[kind]
	lb.load_balancer_type == "gateway"
	is_string(body.load_balancer_arn)
	tf.refers_to(body.load_balancer_arn, concat(".", [kind, name]))
}

findings contains f if {
	some kind in ["aws_lb_listener", "aws_alb_listener"]
	some listener in tf.live_resources(kind)
	object.get(listener.body, "protocol", "HTTP") == "HTTP"
	not redirects(listener.body)
	not gateway(listener.body)
	f := {
		"msg": sprintf("%s.%s serves plain HTTP without redirecting to HTTPS", [kind, listener.name]),
		"route": array.concat(listener.route, ["protocol"]),
	}
}
